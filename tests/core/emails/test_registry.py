"""Every e-mail the code sends is registered, and every registered default renders with its
sample; send_templated_email sends staff's text when there is one, the default otherwise."""

import ast
from pathlib import Path

import pytest
from django.core import mail

from conferences.emails import KINDS
from core.emails.models import EmailTemplate
from core.emails.registry import email, for_template, registered
from core.emails.sending import preview_email
from core.emails.text import placeholder_problems
from core.mail import send_templated_email

ROOT = Path(__file__).resolve().parents[3]
APPS = ["core", "schools", "teachers", "conferences", "collaborations", "awards", "surveys"]
APPS += ["gallery", "reports"]
SENDERS = {"send_templated_email", "_send", "_tell_leads"}


def template_names_in_the_code() -> set[str]:
    """Each literal template= of a send_templated_email call, and the literal template names
    passed to helpers that call it (surveys' _send, collaborations' _tell_leads)."""
    names = set()
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text())):
                func = getattr(node, "func", None)
                called = getattr(func, "id", None) or getattr(func, "attr", None)
                if isinstance(node, ast.Call) and called in SENDERS:
                    for keyword in node.keywords:
                        if keyword.arg == "template" and isinstance(keyword.value, ast.Constant):
                            names.add(keyword.value.value)
    return names


def test_the_scan_finds_the_calls():
    names = template_names_in_the_code()

    assert {"join_requested", "invitation_accepted", "survey_reminder", "award_results"} <= names
    assert len(names) >= 19


@pytest.mark.parametrize("name", sorted(template_names_in_the_code()))
def test_every_template_name_the_code_sends_is_registered(name):
    assert [e for e in registered() if name in (e.key, e.template)]


@pytest.mark.parametrize("kind", KINDS)
def test_every_conference_kind_is_registered(kind):
    assert email(f"conferences.{kind}").group == "conferences"


@pytest.mark.parametrize("key", [e.key for e in registered()])
def test_every_default_passes_its_check_and_renders_with_its_sample(key):
    item = email(key)

    preview = preview_email(item=item, subject=str(item.subject), body=str(item.body))

    assert (item.label, item.when, item.group_label) != ("", "", "")
    assert placeholder_problems(str(item.subject), item) == []
    assert placeholder_problems(str(item.body), item) == []
    assert "{" not in preview.subject + preview.text
    assert preview.subject
    assert preview.text
    assert "\n" not in preview.subject


def test_the_award_results_have_two_wordings():
    assert for_template("award_results", {"award": object()}).key == "awards.results_won"
    assert for_template("award_results", {"award": None}).key == "awards.results_not_won"


def test_an_unregistered_name_is_refused():
    with pytest.raises(LookupError, match="no e-mail is registered for the template 'party'"):
        for_template("party", {})


@pytest.mark.django_db
def test_send_uses_staffs_text_then_the_default_after_reset(
    staff, django_capture_on_commit_callbacks
):
    from tests.factories import SchoolFactory

    school = SchoolFactory(name="Lycée Voltaire")
    context = {"school": school, "url": "https://x.example/s/1/"}
    EmailTemplate.objects.create(key="schools.verified", subject="Yes: {school_name}", body="{url}")

    with django_capture_on_commit_callbacks(execute=True):
        send_templated_email(template="school_verified", to=["a@x.example"], context=context)
    EmailTemplate.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        send_templated_email(template="school_verified", to=["a@x.example"], context=context)

    custom, default = mail.outbox
    assert (custom.subject, custom.body) == (
        "[ClassNet] Yes: Lycée Voltaire",
        "https://x.example/s/1/",
    )
    assert default.subject == "[ClassNet] Lycée Voltaire is now in the ClassNet directory"
    assert '<a style="color:#0b5f83;" href="https://x.example/s/1/">' in default.alternatives[0][0]
