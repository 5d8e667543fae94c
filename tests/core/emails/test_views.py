"""Staff's e-mail pages (/staff/emails/): who may use them, the list of every registered e-mail
by app, editing with placeholder checks, preview (saves nothing), save, reset after a
confirmation, and that sending then uses what staff wrote. Most cases use the conference's
e-mails (moved from the conference e-mail page tests); the last ones, other apps'."""

import datetime
import html

import pytest
from django.core import mail
from django.urls import reverse

from conferences.emails import EMAIL_KINDS, KINDS, send_application_email
from conferences.models import Application
from core.audit.models import AuditEntry
from core.emails.models import EmailTemplate
from core.emails.registry import registered
from tests.factories import EditionFactory, StaffFactory, TeacherProfileFactory, UserFactory

pytestmark = pytest.mark.django_db

NOT_STAFF = ["teacher", "other_teacher", "unverified_teacher", "judge"]
LIST_URL = reverse("emails:list")


def edit_url(kind: str) -> str:
    key = kind if "." in kind else f"conferences.{kind}"
    return reverse("emails:edit", args=[key])


def reset_url(kind: str) -> str:
    key = kind if "." in kind else f"conferences.{kind}"
    return reverse("emails:reset", args=[key])


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def page_text(response) -> str:
    return html.unescape(response.content.decode())


def rows():
    return list(EmailTemplate.objects.values_list("key", "subject", "body"))


REQUESTS = {
    "list": ("get", LIST_URL, {}),
    "edit": ("get", edit_url("offer"), {}),
    "preview": ("post", edit_url("offer"), {"action": "preview", "subject": "S", "body": "B"}),
    "save": ("post", edit_url("offer"), {"action": "save", "subject": "S", "body": "B"}),
    "reset_confirm": ("get", reset_url("offer"), {}),
    "reset": ("post", reset_url("offer"), {}),
}


# --- permissions -------------------------------------------------------------------------------


@pytest.mark.parametrize("page", REQUESTS)
def test_anonymous_is_sent_to_log_in(client, page):
    EmailTemplate.objects.create(key="conferences.offer", subject="Mine", body="Mine")
    method, url, data = REQUESTS[page]

    response = getattr(client, method)(url, data)

    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next={url}"
    assert rows() == [("conferences.offer", "Mine", "Mine")]


@pytest.mark.parametrize("role", NOT_STAFF)
@pytest.mark.parametrize("page", REQUESTS)
def test_everyone_but_staff_is_refused(client, request, role, page):
    EmailTemplate.objects.create(key="conferences.offer", subject="Mine", body="Mine")
    client.force_login(request.getfixturevalue(role))
    method, url, data = REQUESTS[page]

    response = getattr(client, method)(url, data)

    assert response.status_code == 403
    assert rows() == [("conferences.offer", "Mine", "Mine")]
    assert AuditEntry.objects.count() == 0


def test_an_unknown_kind_is_404(staff_client):
    assert staff_client.get(edit_url("party")).status_code == 404
    assert staff_client.post(edit_url("party"), {"subject": "S", "body": "B"}).status_code == 404
    assert rows() == []


# --- the list ----------------------------------------------------------------------------------


def test_list_shows_every_email_by_app_default_or_customised(staff_client, staff):
    staff.full_name = "Mira Staff"
    staff.save()
    EmailTemplate.objects.create(
        key="conferences.reminder", subject="S", body="B", updated_by=staff
    )

    response = staff_client.get(LIST_URL)

    assert response.status_code == 200
    [conferences] = [g for g in response.context["groups"] if g["group"] == "conferences"]
    assert [row["email"].key for row in conferences["rows"]] == [f"conferences.{k}" for k in KINDS]
    assert [bool(row["template"]) for row in conferences["rows"]] == [False] * 6 + [True]
    text = page_text(response)
    for spec in EMAIL_KINDS.values():
        assert str(spec.label) in text
        assert str(spec.when) in text
        assert f'href="{edit_url(spec.kind)}"' in text
    assert text.count("Default text") == len(registered()) - 1
    assert text.count("Your text") == 1
    assert "Edited by Mira Staff" in text


@pytest.mark.parametrize("count", [1, 7])
def test_list_runs_a_fixed_number_of_queries(staff_client, count, django_assert_num_queries):
    editors = [StaffFactory() for _ in range(count)]
    for kind, editor in zip(KINDS, editors, strict=False):
        EmailTemplate.objects.create(
            key=f"conferences.{kind}", subject="S", body="B", updated_by=editor
        )

    # session, user, staff group check, the texts with their editors, the navbar's profile and
    # permissions (3)
    with django_assert_num_queries(7):
        response = staff_client.get(LIST_URL)

    groups = response.context["groups"]
    assert sum(bool(row["template"]) for group in groups for row in group["rows"]) == count


# --- the editor --------------------------------------------------------------------------------


def test_edit_shows_the_default_text_and_the_kinds_placeholders(staff_client):
    response = staff_client.get(edit_url("offer"))

    assert response.status_code == 200
    form = response.context["form"]
    assert form["subject"].value() == str(EMAIL_KINDS["offer"].subject)
    assert form["body"].value() == str(EMAIL_KINDS["offer"].body)
    text = page_text(response)
    for placeholder in ("{deadline}", "{accept_url}", "{decline_url}", "{name}", "{venue}"):
        assert f'data-placeholder="{placeholder}"' in text
    assert 'data-placeholder="{reason}"' not in text
    assert "Reset to the default text" not in text  # nothing to reset
    assert "js/email-placeholders.js" in text


def test_edit_shows_staffs_text_with_reset_and_the_default(staff_client, staff):
    EmailTemplate.objects.create(
        key="conferences.received", subject="Got it, {name}", body="Thanks!", updated_by=staff
    )

    response = staff_client.get(edit_url("received"))

    form = response.context["form"]
    assert (form["subject"].value(), form["body"].value()) == ("Got it, {name}", "Thanks!")
    text = page_text(response)
    assert "Reset to the default text" in text
    assert str(EMAIL_KINDS["received"].subject) in text  # the default, for reference


def test_save_stores_the_text_records_it_and_returns_to_the_list(staff_client, staff):
    response = staff_client.post(
        edit_url("rejected"),
        {"action": "save", "subject": "About {edition}", "body": "Dear {name},\n\n{reason}"},
        follow=True,
    )

    assert response.redirect_chain == [(LIST_URL, 302)]
    assert rows() == [("conferences.rejected", "About {edition}", "Dear {name},\n\n{reason}")]
    assert EmailTemplate.objects.get().updated_by == staff
    assert list(AuditEntry.objects.values_list("actor", "action", "note")) == [
        (staff.pk, "email_text.edited", "conferences.rejected")
    ]
    assert "Saved: “Application not accepted” is sent with your text from now on." in page_text(
        response
    )


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"subject": "Hi {nmae}", "body": "B"},
            "subject",
            "Unknown placeholder {nmae}. This e-mail can use: {name}, {edition}, {title}, "
            "{dates}, {venue}, {url}.",
        ),
        (
            {"subject": "Hi", "body": "Until {deadline}"},
            "body",
            "{deadline} cannot be used in the “Application received” e-mail",
        ),
        ({"subject": "Hi", "body": "Dear {name"}, "body", "A lone “{” in “{name”"),
        ({"subject": "Hi\r\nBcc: x@y.example", "body": "B"}, "subject", "fit on one line"),
        ({"subject": "", "body": "B"}, "subject", "This field is required."),
        ({"subject": "S", "body": "x" * 10001}, "body", "at most 10000 characters"),
    ],
)
@pytest.mark.parametrize("action", ["save", "preview"])
def test_bad_text_is_named_on_the_form_and_nothing_is_saved(
    staff_client, data, field, message, action
):
    EmailTemplate.objects.create(key="conferences.received", subject="Mine", body="Mine")

    response = staff_client.post(edit_url("received"), {"action": action, **data})

    assert response.status_code == 200
    assert any(message in error for error in response.context["form"].errors[field])
    assert message in page_text(response)
    assert response.context["preview"] is None
    assert rows() == [("conferences.received", "Mine", "Mine")]
    assert AuditEntry.objects.count() == 0


def test_preview_renders_the_unsaved_text_with_the_sample_and_saves_nothing(staff_client):
    response = staff_client.post(
        edit_url("offer"),
        {
            "action": "preview",
            "subject": "A place for {name}",
            "body": "Dear {name},\n\nAccept by {deadline}: {accept_url}\n\n<b>bold?</b>",
        },
    )

    assert response.status_code == 200
    preview = response.context["preview"]
    assert preview.subject == "A place for Aiko Tanaka"
    assert preview.text.startswith(
        "Dear Aiko Tanaka,\n\nAccept by Monday 28 October 2019, 12:00 (Asia/Tokyo time): "
    )
    content = response.content.decode()
    assert "[ClassNet] A place for Aiko Tanaka" in content
    # The HTML version sits escaped in a sandboxed iframe's srcdoc.
    assert '<iframe class="w-100 border rounded bg-white cn-h-28"' in content
    assert 'sandbox=""' in content
    assert 'srcdoc="&lt;!DOCTYPE html&gt;' in content
    assert (
        "&amp;lt;b&amp;gt;bold?&amp;lt;/b&amp;gt;" in content
    )  # escaped twice: text, then attribute
    assert "<b>bold?</b>" in html.unescape(content.split("<pre")[1])  # the text version
    # The form keeps the unsaved text.
    assert response.context["form"]["subject"].value() == "A place for {name}"
    assert rows() == []
    assert AuditEntry.objects.count() == 0
    assert mail.outbox == []


def test_reset_deletes_staffs_text(staff_client, staff):
    EmailTemplate.objects.create(key="conferences.approved", subject="Mine", body="Mine")

    response = staff_client.post(reset_url("approved"), follow=True)

    assert response.redirect_chain == [(edit_url("approved"), 302)]
    assert rows() == []
    assert list(AuditEntry.objects.values_list("actor", "action", "note")) == [
        (staff.pk, "email_text.reset", "conferences.approved")
    ]
    text = page_text(response)
    assert "Back to the default text: it is sent from now on." in text
    assert response.context["form"]["subject"].value() == str(EMAIL_KINDS["approved"].subject)


def test_reset_without_staffs_text_says_so(staff_client):
    response = staff_client.post(reset_url("approved"), follow=True)

    assert "This e-mail already uses the default text." in page_text(response)
    assert AuditEntry.objects.count() == 0


def test_edit_runs_a_fixed_number_of_queries(staff_client, django_assert_num_queries):
    EmailTemplate.objects.create(
        key="conferences.offer", subject="S", body="B", updated_by=StaffFactory()
    )

    # session, user, staff group check, the text with its editor (one query now), the navbar's
    # profile and permissions (3)
    with django_assert_num_queries(7):
        staff_client.get(edit_url("offer"))


# --- sending after an edit ---------------------------------------------------------------------


def test_sending_after_save_uses_staffs_text_and_after_reset_the_default(
    staff_client, django_capture_on_commit_callbacks
):
    edition = EditionFactory(
        number=17, starts_on=datetime.date(2030, 5, 6), ends_on=datetime.date(2030, 5, 9)
    )
    profile = TeacherProfileFactory(user=UserFactory(full_name="Ana <script>x</script>"))
    application = Application.objects.create(
        edition=edition, teacher=profile, school=profile.school, motivation="Hi"
    )
    staff_client.post(
        edit_url("received"),
        {"action": "save", "subject": "Got it, {name}", "body": "Dear {name}: {dates}."},
    )

    with django_capture_on_commit_callbacks(execute=True):
        send_application_email("received", application)
    staff_client.post(reset_url("received"))
    with django_capture_on_commit_callbacks(execute=True):
        send_application_email("received", application)

    custom, default = mail.outbox
    assert custom.subject == "[ClassNet] Got it, Ana <script>x</script>"
    assert custom.body == "Dear Ana <script>x</script>: 6–9 May 2030."
    custom_html = custom.alternatives[0].content
    assert "<script>" not in custom_html
    assert "<p>Dear Ana &lt;script&gt;x&lt;/script&gt;: 6–9 May 2030.</p>" in custom_html
    assert default.subject == (
        "[ClassNet] We received your application to the 17th ClassNet Conference, Helsinki 2030"
    )


# --- the preview of the edition it was opened from ---------------------------------------------


@pytest.fixture
def bangkok():
    from tests.factories import CountryFactory

    return EditionFactory(
        number=17,
        title="Digital Citizenship",
        city="Bangkok",
        country=CountryFactory(code="TH"),
        venue="Chulalongkorn University",
        time_zone="Asia/Bangkok",
        starts_on=datetime.date(2030, 11, 25),
        ends_on=datetime.date(2030, 11, 29),
        offer_hours=72,
        status="applications_open",
    )


def test_the_edition_page_opens_the_emails_for_that_edition(staff_client, bangkok):
    page = staff_client.get(reverse("conferences_staff:edition", args=[17])).content.decode()
    listing = staff_client.get(f"{LIST_URL}?edition=17").content.decode()

    assert f'href="{LIST_URL}?edition=17#emails-conferences"' in page
    assert f'href="{edit_url("approved")}?edition=17"' in listing
    assert "Previews show a sample teacher at the 17th ClassNet Conference, Bangkok 2030" in (
        html.unescape(listing)
    )


def test_preview_opened_from_an_edition_uses_that_edition(staff_client, bangkok, monkeypatch):
    import types

    from conferences import emails

    # an offer made now (03:00:20 UTC) would be open for the edition's 72 hours
    now = datetime.datetime(2030, 10, 1, 3, 0, 20, tzinfo=datetime.UTC)
    monkeypatch.setattr(emails, "timezone", types.SimpleNamespace(now=lambda: now))

    response = staff_client.post(
        f"{edit_url('offer')}?edition=17",
        {
            "action": "preview",
            "subject": "{edition}",
            "body": "{title}, {dates}, {venue}. Accept by {deadline}.",
        },
    )

    preview = response.context["preview"]
    assert preview.subject == "17th ClassNet Conference, Bangkok 2030"
    assert preview.text == (
        "Digital Citizenship, 25–29 November 2030, Chulalongkorn University, Bangkok, Thailand. "
        "Accept by Friday 4 October 2030, 10:00 (Asia/Bangkok time)."
    )
    assert "Tokyo" not in preview.text
    text = page_text(response)
    assert "a sample teacher at the 17th ClassNet Conference, Bangkok 2030" in text
    assert rows() == []


def test_preview_without_an_edition_keeps_the_sample_edition(staff_client, bangkok):
    response = staff_client.post(
        edit_url("approved"), {"action": "preview", "subject": "{edition}", "body": "{name}"}
    )

    assert response.context["preview"].subject == "15th ClassNet Conference, Tokyo 2019"


@pytest.mark.parametrize("wanted", ["99", "x", "1" * 30])
def test_preview_of_an_unknown_edition_says_so_and_uses_the_sample(staff_client, wanted):
    response = staff_client.post(
        f"{edit_url('approved')}?edition={wanted}",
        {"action": "preview", "subject": "{edition}", "body": "{name}"},
    )

    assert response.status_code == 200
    assert response.context["preview"].subject == "15th ClassNet Conference, Tokyo 2019"
    assert "There is no such edition: the preview uses a sample edition instead." in page_text(
        response
    )


def test_save_from_an_edition_returns_to_its_list(staff_client, bangkok):
    response = staff_client.post(
        f"{edit_url('approved')}?edition=17",
        {"action": "save", "subject": "You are in, {name}", "body": "Welcome, {name}."},
    )

    assert response["Location"] == f"{LIST_URL}?edition=17"
    assert rows() == [("conferences.approved", "You are in, {name}", "Welcome, {name}.")]


def test_edited_times_say_utc(staff_client, staff):
    template = EmailTemplate.objects.create(
        key="conferences.approved", subject="S", body="B", updated_by=staff
    )
    EmailTemplate.objects.filter(pk=template.pk).update(
        updated_at=datetime.datetime(2030, 3, 1, 2, 5, tzinfo=datetime.UTC)
    )

    listing = staff_client.get(LIST_URL).content.decode()
    editor = page_text(staff_client.get(edit_url("approved")))

    assert 'title="1 Mar 2030, 02:05 UTC"' in listing
    assert "last edited by" in editor
    assert "on 1 Mar 2030, 02:05 UTC, is sent instead of the default." in editor


# --- other apps' e-mails and the old addresses ---------------------------------------------------


def test_list_groups_every_registered_email_by_app(staff_client):
    response = staff_client.get(LIST_URL)

    keys = [row["email"].key for g in response.context["groups"] for row in g["rows"]]
    assert sorted(keys) == sorted(e.key for e in registered())
    text = page_text(response)
    for group in ("Conferences", "Collaborations", "Awards", "Surveys", "Accounts"):
        assert group in text


def test_a_collaboration_email_is_edited_previewed_and_checked(staff_client):
    url = edit_url("collaborations.join_requested")

    preview = staff_client.post(
        url, {"action": "preview", "subject": "{school_name} knocks", "body": "{teacher}: {url}"}
    )
    bad = staff_client.post(url, {"action": "save", "subject": "Hi", "body": "{deadline}"})

    assert preview.context["preview"].subject == "Sakura High School knocks"
    assert preview.context["preview"].text.startswith("Aiko Tanaka: https://")
    assert any("{deadline}" in error for error in bad.context["form"].errors["body"])
    assert rows() == []


def test_reset_asks_first(staff_client):
    EmailTemplate.objects.create(key="awards.judge_invited", subject="S", body="B")

    response = staff_client.get(reset_url("awards.judge_invited"))

    assert response.status_code == 200
    assert "Reset “Invitation to judge” to the default text?" in page_text(response)
    assert rows() == [("awards.judge_invited", "S", "B")]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            reverse("conferences_staff:emails") + "?edition=17",
            f"{LIST_URL}?edition=17#emails-conferences",
        ),
        (reverse("conferences_staff:email_edit", args=["offer"]), edit_url("offer")),
    ],
)
def test_the_old_conference_addresses_send_to_the_editor(staff_client, old, new):
    response = staff_client.get(old)

    assert (response.status_code, response.url) == (302, new)
