"""allauth's pages speak like the rest of the portal: sentence case in page titles, headings,
buttons and links ("Sign in", "Forgot your password?", "Change password"), not allauth's
Title Case ("Sign In", "Change Password", "Manage Email"). teachers/locale/en holds the words."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from ..factories import UserFactory

pytestmark = pytest.mark.django_db

# Words that keep their capital letter wherever they stand.
PROPER = {"ClassNet", "ASEM", "Asia", "Europe", "I", "My"}  # "My ClassNet" is the page's name


class _Texts(HTMLParser):
    """The text of <title>, headings, buttons, labels and button-like links."""

    TAGS = {"title", "h1", "h2", "h3", "button", "label", "summary", "legend"}

    def __init__(self):
        super().__init__()
        self.stack: list[list[str]] = []
        self.texts: list[str] = []

    def handle_starttag(self, tag, attrs):
        classes = dict(attrs).get("class") or ""
        if "badge" in classes.split():  # a badge ("Verified", "Primary") is a label of its own
            for open_tag in self.stack:
                open_tag.append(" | ")
        if tag in self.TAGS or (tag == "a" and "btn" in classes.split()):
            self.stack.append([tag])

    def handle_endtag(self, tag):
        if self.stack and self.stack[-1][0] == tag:
            text = " ".join("".join(self.stack.pop()[1:]).split())
            if text:
                self.texts.append(text)

    def handle_data(self, data):
        for open_tag in self.stack:
            open_tag.append(data)


def title_case_words(text: str) -> list[str]:
    """Capitalised words that do not start a sentence and are not names."""
    found = []
    for sentence in re.split(r"[.?!:·|]\s*|\s[–—-]\s", text):
        words = re.findall(r"[A-Za-z][\w'-]*", sentence)
        found += [w for w in words[1:] if w[0].isupper() and w not in PROPER and not w.isupper()]
    return found


def title_case_texts(html: str) -> list[str]:
    parser = _Texts()
    parser.feed(html)
    return [text for text in parser.texts if title_case_words(text)]


VISITOR_PAGES = [
    "account_login",
    "account_signup",
    "account_reset_password",
    "account_reset_password_done",
    "account_email_verification_sent",
]
SIGNED_IN_PAGES = ["account_email", "account_change_password", "account_logout"]


@pytest.mark.parametrize("name", VISITOR_PAGES)
def test_allauth_pages_for_visitors_use_sentence_case(client, name):
    response = client.get(reverse(name))

    assert response.status_code == 200
    assert title_case_texts(response.content.decode()) == []


@pytest.mark.parametrize("name", SIGNED_IN_PAGES)
def test_allauth_pages_for_signed_in_people_use_sentence_case(client, name):
    client.force_login(UserFactory())

    response = client.get(reverse(name))

    assert response.status_code == 200
    assert title_case_texts(response.content.decode()) == []


def test_the_login_page_says_sign_in_and_forgot_your_password(client):
    body = client.get(reverse("account_login")).content.decode()

    assert re.search(r"<h1[^>]*>\s*Sign in\s*</h1>", body)
    assert re.search(r"<button[^>]*>\s*Sign in\s*</button>", body)
    assert "Forgot your password?" in body
    assert "Sign In" not in body


def test_the_wording_check_catches_title_case():
    assert title_case_texts("<h1>Manage Email</h1><button>Sign In</button>") == [
        "Manage Email",
        "Sign In",
    ]
    assert title_case_texts("<h1>Sign in to ClassNet</h1><title>Sign in · ClassNet</title>") == []
