"""The e-mails' text language: plain text with {placeholders}, and nothing else.

Filling is deliberately dumb: a regular expression swaps each known {word} for its value and
nothing else; there is no attribute access, no format spec, no template language. A literal
brace is written twice ({{ or }}). What staff save is checked first (placeholder_problems): an
unknown placeholder, one the e-mail does not have, or a lone brace is refused with a message
naming it.

The HTML part is made from the filled text (escaped, paragraphs, links) inside the look of
templates/emails/base.html; the text part is the filled text as written.
"""

import re
from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.html import linebreaks, urlize
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .registry import Email, known_placeholders

# A doubled brace (a literal one), a {placeholder}, or a brace on its own (an error).
_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")
# A line a placeholder left empty leaves no gap bigger than one empty line.
_GAP = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")


def placeholder_problems(text: str, email: Email) -> list[str]:
    """What is wrong with the braces in `text` for `email`, as messages for staff (empty when
    nothing is)."""
    known = known_placeholders(email.group) | set(email.placeholders)
    allowed = ", ".join(f"{{{name}}}" for name in email.placeholders)
    problems: list[str] = []
    for match in _TOKEN.finditer(text):
        found, name = match.group(0), match.group(1)
        if found in ("{{", "}}"):
            continue
        if name is None:
            # Quote the text from the lone "{" on, or up to the lone "}".
            if found == "{":
                context = text[match.start() : match.start() + 20]
            else:
                context = text[max(match.end() - 20, 0) : match.end()]
            problem = _(
                "A lone “%(brace)s” in “%(context)s”: placeholders are written like {name}; "
                "for the brace itself, write it twice (%(brace)s%(brace)s)."
            ) % {"brace": found, "context": " ".join(context.split())}
        elif name not in known:
            problem = _(
                "Unknown placeholder %(placeholder)s. This e-mail can use: %(allowed)s."
            ) % {"placeholder": found, "allowed": allowed}
        elif name not in email.placeholders:
            problem = _(
                "%(placeholder)s cannot be used in the “%(label)s” e-mail: it has no value "
                "there. This e-mail can use: %(allowed)s."
            ) % {"placeholder": found, "label": email.label, "allowed": allowed}
        else:
            continue
        if problem not in problems:
            problems.append(problem)
    return problems


def fill(text: str, values: dict[str, str]) -> str:
    """`text` with each {placeholder} in `values` replaced; doubled braces become one; anything
    else is left as written. Values are inserted as they are and never read again."""

    def replace(match: re.Match) -> str:
        found, name = match.group(0), match.group(1)
        if found in ("{{", "}}"):
            return found[0]
        if name is not None and name in values:
            return values[name]
        return found

    return _TOKEN.sub(replace, text)


@dataclass(frozen=True)
class RenderedEmail:
    subject: str  # without the site's prefix
    text: str
    html: str


def text_to_html(text: str) -> str:
    """Plain text as e-mail HTML: escaped, links made clickable, paragraphs and line breaks."""
    linked = urlize(text, nofollow=False, autoescape=True)
    linked = linked.replace("<a href=", '<a style="color:#0b5f83;" href=')
    return linebreaks(linked, autoescape=False)


def render_email(*, subject: str, body: str, values: dict[str, str]) -> RenderedEmail:
    """Fill the subject and text, and make the HTML part in the e-mails' look."""
    filled_subject = " ".join(fill(subject, values).split())  # one line, whatever came in
    text = _GAP.sub("\n\n", fill(body, values)).strip("\n")
    html = render_to_string(
        "emails/message.html",
        {
            "subject": filled_subject,
            "body_html": mark_safe(text_to_html(text)),  # noqa: S308 - text_to_html escapes
            "site_url": settings.SITE_URL.rstrip("/"),
        },
    )
    return RenderedEmail(subject=filled_subject, text=text, html=html)
