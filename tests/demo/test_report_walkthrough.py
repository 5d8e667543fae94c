"""Issue 7's "Done when", on the demo network over HTTP: staff open the 14th edition's report
page, request its report, follow its progress, are e-mailed when it is ready, download a PDF
whose first page reads like the sentence staff send to ministers, with the figures from the
data, and an XLSX with the tables; the public statistics page shows the network.
(The same path through a real Celery worker: tests/integration/test_report_worker.py.)"""

import io

import pytest
from django.core import mail
from django.urls import reverse
from openpyxl import load_workbook

from demo.seed import DEMO_PASSWORD
from reports.models import ReportRun
from tests.pdf_text import pdf_text
from tests.reports.test_edition_report import flat

pytestmark = pytest.mark.django_db

# ASEF's record of the 14th, word for word: the demo is seeded to say exactly this.
SENTENCE = (
    "14 editions organised; the 14th ClassNet Conference, 27-30 November 2018, Helsinki: about "
    "100 teachers from 46 ASEM partner countries; 19 school collaborations organised by 57 "
    "schools from 26 countries contested for the ClassNet Awards, engaging 78 teachers and "
    "1,110 students; 22 project collaborations initiated by Asian and European schools for 2019."
)


def test_staff_request_the_14th_report_and_download_it(
    client, settings, tmp_path, django_capture_on_commit_callbacks
):
    assert client.login(email="staff@classnet.demo", password=DEMO_PASSWORD)
    page = reverse("reports:edition_report", args=[14])
    assert client.get(page).status_code == 200

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(page)
    run = ReportRun.objects.get(edition__number=14)
    assert response.status_code == 302
    assert response["Location"] == run.get_absolute_url()

    run.refresh_from_db()
    assert (run.status, run.progress) == ("done", 100)
    status = client.get(run.get_absolute_url(), {"format": "json"}).json()
    assert status["status"] == "done"
    assert [m.to for m in mail.outbox] == [["staff@classnet.demo"]]

    pdf = b"".join(client.get(reverse("reports:download", args=[run.pk, "pdf"])).streaming_content)
    first_page = flat(pdf_text(pdf)).split("Page 1 of", 1)[0]
    assert SENTENCE in first_page
    # The 13 editions before the 14th have no participant records: nobody can say who returned.
    assert "Returning participants Not recorded" in first_page
    # The chart: a bar per region, then one per count of teachers, not 46 near-identical bars
    assert "Europe (27 countries) 57 Asia (19 countries) 41" in first_page
    assert "6 countries 3 teachers each Austria, Bangladesh, Belgium, Brunei, China" in first_page
    assert "40 countries 2 teachers each" in first_page

    xlsx = b"".join(
        client.get(reverse("reports:download", args=[run.pk, "xlsx"])).streaming_content
    )
    sheets = load_workbook(io.BytesIO(xlsx), read_only=True).sheetnames
    assert sheets[0] == "Summary"
    assert "Participants by country" in sheets

    client.logout()
    assert client.get(reverse("reports:download", args=[run.pk, "pdf"])).status_code == 302
    network = client.get(reverse("network:statistics"))
    assert network.status_code == 200


def test_the_14th_reads_as_the_record_on_its_page_and_on_the_network_page(client):
    """46 countries among the 14th's participants and 22 collaborations initiated there, led
    from both regions and bi-regional, on /conferences/14/ and /network/ as in the report."""
    from collaborations.models import Collaboration
    from collaborations.selectors.collaborations import bi_regional

    initiated = Collaboration.objects.filter(initiated_at__number=14).prefetch_related(
        "memberships__school__country"
    )
    assert initiated.count() == 22
    assert all(bi_regional(c).ok for c in initiated)
    leads = [m.school.country.region for c in initiated for m in c.memberships.all() if m.is_lead]
    assert [leads.count("asia"), leads.count("europe")] == [11, 11]

    page = client.get(reverse("conferences:detail", kwargs={"number": 14}))
    edition = page.context["edition"]
    assert (edition.participant_count, edition.participant_country_count) == (98, 46)
    assert edition.figures.collaborations == 22
    html = " ".join(page.content.decode().split())
    figure = '<p class="fs-3 fw-bold mb-0">{}</p><p class="small text-secondary mb-0">{}'
    assert figure.format(46, "their countries") in html
    assert figure.format(22, "collaborations initiated") in html

    network = client.get(reverse("network:statistics"))
    figures = network.context["figures"]
    [row] = [row for row in figures.edition_rows if row.number == 14]
    assert (row.participants, row.countries) == (98, 46)
    assert [year.initiated for year in figures.years if year.year == 2018] == [22]
    html = " ".join(network.content.decode().split())
    assert (
        '14th</a>, 2018</th> <td class="cn-wrap">Helsinki, Finland</td> '
        '<td class="text-end">98</td> <td class="text-end">46</td>'
    ) in html
