"""Issue 7's "Done when", on the demo network over HTTP: staff open the 14th edition's report
page, request its report, follow its progress, are e-mailed when it is ready, download a PDF
whose first page reads like the sentence staff send to ministers, with the figures from the
data, and an XLSX with the tables; the public statistics page shows the network.
(The same path through a real Celery worker: tests/integration/test_report_worker.py.)"""

import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from classnet.demo.seed import DEMO_PASSWORD
from reports.models import ReportRun
from tests.reports.test_edition_report import flat, inflate

from ..conferences.test_certificates import pdf_text

pytestmark = pytest.mark.django_db

SENTENCE_START = (
    "14 editions organised; the 14th ClassNet Conference, 27-30 November 2018, Helsinki:"
)
AWARDS_CLAUSE = (
    "19 school collaborations organised by 57 schools from 26 countries contested for the "
    "ClassNet Awards, engaging 78 teachers and 1,110 students;"
)


def test_staff_request_the_14th_report_and_download_it(
    client, settings, tmp_path, django_capture_on_commit_callbacks
):
    call_command("seed_demo")
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
    first_page = flat(pdf_text(inflate(pdf)))
    assert SENTENCE_START in first_page
    assert "about 100 teachers" in first_page
    assert AWARDS_CLAUSE in first_page

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
