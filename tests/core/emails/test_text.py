"""core/emails/text.py: placeholders checked (messages naming what is wrong) and filled
safely, and the HTML part. The e-mail checked is the conference's "received" (moved from the
conference e-mail tests, every assertion kept)."""

import pytest

from core.emails.registry import email
from core.emails.text import fill, placeholder_problems, render_email, text_to_html

RECEIVED_ALLOWED = "{name}, {edition}, {title}, {dates}, {venue}, {url}"


def received():
    return email("conferences.received")


# --- checking placeholders ---------------------------------------------------------------------


def test_placeholder_problems_accepts_known_placeholders_and_doubled_braces():
    assert placeholder_problems("Dear {name}, {{literal}} and }} {{", received()) == []


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("Dear {nmae},", f"Unknown placeholder {{nmae}}. This e-mail can use: {RECEIVED_ALLOWED}."),
        ("Dear {},", f"Unknown placeholder {{}}. This e-mail can use: {RECEIVED_ALLOWED}."),
        (
            "Hi {name.__class__}",
            f"Unknown placeholder {{name.__class__}}. This e-mail can use: {RECEIVED_ALLOWED}.",
        ),
        (
            "Hi {name!r:>10}",
            f"Unknown placeholder {{name!r:>10}}. This e-mail can use: {RECEIVED_ALLOWED}.",
        ),
        (
            "Until {deadline}",
            "{deadline} cannot be used in the “Application received” e-mail: it has no value "
            f"there. This e-mail can use: {RECEIVED_ALLOWED}.",
        ),
        (
            "Dear {name, welcome",
            "A lone “{” in “{name, welcome”: placeholders are written like {name}; for the "
            "brace itself, write it twice ({{).",
        ),
        (
            "Dear name}, welcome",
            "A lone “}” in “Dear name}”: placeholders are written like {name}; for the brace "
            "itself, write it twice (}}).",
        ),
    ],
)
def test_placeholder_problems_names_what_is_wrong(text, problem):
    assert placeholder_problems(text, received()) == [problem]


def test_placeholder_problems_lists_each_problem_once():
    problems = placeholder_problems("{x} {x} {reason}", received())

    assert [problem.split(" ")[0:3] for problem in problems] == [
        ["Unknown", "placeholder", "{x}."],
        ["{reason}", "cannot", "be"],
    ]


# --- filling -----------------------------------------------------------------------------------


def test_fill_replaces_known_placeholders_only_and_never_rereads_values():
    values = {"name": "{reason} {{x}}", "edition": "The 15th"}

    filled = fill("Dear {name} at {edition}: {unknown} {{name}} }}", values)

    assert filled == "Dear {reason} {{x}} at The 15th: {unknown} {name} }"


def test_fill_has_no_attribute_access_or_format_specs():
    assert fill("{name.__class__} {name:>20} {name[0]}", {"name": "Aiko"}) == (
        "{name.__class__} {name:>20} {name[0]}"
    )


def test_text_to_html_escapes_makes_paragraphs_and_links():
    html = text_to_html('Dear <b>"Ann"</b>,\n\nSee https://x.example/a?b=1&c=2.\nBye')

    assert html == (
        "<p>Dear &lt;b&gt;&quot;Ann&quot;&lt;/b&gt;,</p>\n\n"
        '<p>See <a style="color:#0b5f83;" href="https://x.example/a?b=1&amp;c=2">'
        "https://x.example/a?b=1&amp;c=2</a>.<br>Bye</p>"
    )


def test_a_line_a_placeholder_leaves_empty_leaves_no_extra_gap():
    rendered = render_email(subject="S", body="Hello\n\n{note}\n\nBye", values={"note": ""})

    assert rendered.text == "Hello\n\nBye"
    assert "<p>Hello</p>\n\n<p>Bye</p>" in rendered.html


def test_the_subject_is_one_line_whatever_a_value_holds():
    rendered = render_email(subject="Hi {name}", body="B", values={"name": "A\nB"})

    assert rendered.subject == "Hi A B"
