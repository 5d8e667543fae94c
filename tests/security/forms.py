"""The forms of a page, read from its HTML (html.parser, no browser), and hostile values for them.

A Form knows its action, its fields (name, kind, default, options) and fills itself with a
HostileSet: each set puts one kind of bad value in every field it concerns and plausible values
in the others, so that the bad value reaches the validation it tests."""

import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    TextStringObject,
)

TEXT_KINDS = {"text", "email", "url", "search", "tel", "password", "textarea"}
SKIPPED_KINDS = {"submit", "button", "reset", "image"}
XSS = '<script>alert("zq-xss")</script>"><img src=x onerror=alert("zq-xss")>'
# What must never come back unescaped, in any page, after any form.
XSS_RAW = ('<script>alert("zq-xss")', '<img src=x onerror=alert("zq-xss")')


@dataclass
class Field:
    name: str
    kind: str  # input type, "textarea" or "select"
    value: str = ""
    options: list[str] = field(default_factory=list)
    checked: bool = False


@dataclass
class Form:
    action: str
    method: str  # "post", or "get" for searches and filters
    fields: list[Field] = field(default_factory=list)
    buttons: list[tuple[str, str]] = field(default_factory=list)  # named submit buttons

    @property
    def signature(self) -> tuple:
        names = tuple(sorted({f.name for f in self.fields}))
        return (self.method, urlsplit(self.action).path, names)

    @property
    def kinds(self) -> set[str]:
        return {f.kind for f in self.fields}


class _FormParser(HTMLParser):
    def __init__(self, page_url: str):
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: Field | None = None
        self._textarea: Field | None = None

    def handle_starttag(self, tag, attrs):
        attrs = {key: (value or "") for key, value in attrs}
        if tag == "form":
            action = urljoin(self.page_url, attrs.get("action") or self.page_url)
            self._form = Form(action, attrs.get("method", "get").lower())
            self.forms.append(self._form)
            return
        if self._form is None or not attrs.get("name") or "disabled" in attrs:
            return
        name = attrs["name"]
        if tag == "button" or (tag == "input" and attrs.get("type") == "submit"):
            if attrs.get("type", "submit").lower() == "submit":
                self._form.buttons.append((name, attrs.get("value", "")))
        elif tag == "input":
            kind = attrs.get("type", "text").lower()
            if kind not in SKIPPED_KINDS:
                self._form.fields.append(
                    Field(name, kind, attrs.get("value", ""), checked="checked" in attrs)
                )
        elif tag == "textarea":
            self._textarea = Field(name, "textarea")
            self._form.fields.append(self._textarea)
        elif tag == "select":
            self._select = Field(name, "select-multiple" if "multiple" in attrs else "select")
            self._form.fields.append(self._select)
        elif tag == "option" and self._select is not None:
            self._select.options.append(attrs.get("value", ""))

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.value += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def forms_of(html: str, page_url: str) -> list[Form]:
    """The forms of the page that send to this site."""
    parser = _FormParser(page_url)
    parser.feed(html)
    own = urlsplit(page_url).netloc
    found = []
    for form in parser.forms:
        parts = urlsplit(form.action)
        if parts.netloc == own:
            form.action = parts.path + (f"?{parts.query}" if parts.query else "")
            found.append(form)
    return found


# --- hostile files ----------------------------------------------------------------------------


def png_that_is_a_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("evil.sh", "#!/bin/sh\nrm -rf /\n")
    return b"\x89PNG\r\n\x1a\n" + buffer.getvalue()


@cache
def image_bomb() -> bytes:
    """A 50-megapixel PNG (8,000 x 6,250) of a few kilobytes: decoded, 150 MB of RGB."""
    buffer = io.BytesIO()
    Image.new("1", (8000, 6250)).save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def svg_with_script() -> bytes:
    return (
        b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
        b"<script>alert('zq-svg')</script><rect width='10' height='10'/></svg>"
    )


def pdf_with_javascript() -> bytes:
    """A one-page PDF with a script everywhere a reader runs one: the document's open action, a
    document-level script, the page's open action and a link annotation."""
    writer = PdfWriter()
    page = writer.add_blank_page(width=595, height=842)

    def script(code):
        return DictionaryObject(
            {
                NameObject("/S"): NameObject("/JavaScript"),
                NameObject("/JS"): TextStringObject(code),
            }
        )

    writer.root_object[NameObject("/OpenAction")] = script("app.alert('open')")
    writer.root_object[NameObject("/Names")] = DictionaryObject(
        {
            NameObject("/JavaScript"): DictionaryObject(
                {NameObject("/Names"): ArrayObject([TextStringObject("a"), script("app.alert(1)")])}
            )
        }
    )
    page[NameObject("/AA")] = DictionaryObject({NameObject("/O"): script("app.alert('page')")})
    link = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Link"),
            NameObject("/Rect"): ArrayObject([FloatObject(v) for v in (10, 10, 200, 40)]),
            NameObject("/A"): script("app.alert('link')"),
        }
    )
    page[NameObject("/Annots")] = ArrayObject([writer._add_object(link)])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# What no stored file may contain once a hostile file was offered.
FORBIDDEN_IN_STORED_FILES = (b"PK\x03\x04", b"<script", b"/JavaScript", b"onload=")


# --- the sets of hostile values ---------------------------------------------------------------


@dataclass(frozen=True)
class HostileSet:
    name: str
    text: str | None = None
    number: str | None = None
    date: str | None = None
    choice: str | None = None
    # name, what makes the content (made only when a form takes a file), content type
    file: tuple[str, Callable[[], bytes], str] | None = None

    def concerns(self, form: Form) -> bool:
        kinds = form.kinds
        if self.file is not None:
            return "file" in kinds
        if self.number is not None:
            return "number" in kinds
        if self.date is not None:
            return bool(kinds & {"date", "datetime-local", "time"})
        if self.choice is not None:
            return bool(kinds & {"select", "select-multiple", "radio", "checkbox"})
        return bool(kinds & TEXT_KINDS)


def hostile_sets() -> list[HostileSet]:
    return [
        HostileSet("10 kB strings", text="x" * 10240),
        HostileSet("NUL bytes", text="zq\x00nul"),
        HostileSet("HTML and script", text=XSS),
        HostileSet("wrong types", number="twelve", date="not-a-date", text="zq"),
        HostileSet("negative numbers", number="-1"),
        HostileSet("huge numbers", number="9" * 40),
        HostileSet("impossible dates", date="2026-02-30"),
        HostileSet("choices that are not offered", choice="zz-no-such-choice"),
        HostileSet("PNG that is a ZIP", file=("photo.png", png_that_is_a_zip, "image/png")),
        HostileSet("50-megapixel image bomb", file=("big.png", image_bomb, "image/png")),
        HostileSet("SVG with script", file=("drawing.svg", svg_with_script, "image/svg+xml")),
        HostileSet(
            "PDF with JavaScript", file=("report.pdf", pdf_with_javascript, "application/pdf")
        ),
    ]


def _plausible(item: Field) -> str:
    if item.value:
        return item.value
    return {
        "email": "zq@school.example",
        "url": "https://example.org/zq",
        "number": "1",
        "date": "2027-03-01",
        "datetime-local": "2027-03-01T10:00",
        "time": "10:00",
        "password": "zq-not-the-password-1",  # nothing that asks for it goes through
    }.get(item.kind, "zq sample")


def fill(form: Form, hostile: HostileSet) -> dict:
    """The POST data: the hostile value in every field it concerns, plausible values elsewhere."""
    data: dict[str, list] = {}

    def put(name, value):
        data.setdefault(name, []).append(value)

    for item in form.fields:
        kind = item.kind
        if kind == "hidden":
            put(item.name, item.value)
        elif kind == "url" and hostile.file is not None:
            put(item.name, "")  # a link or a file, mostly: the file must get through
        elif kind in TEXT_KINDS:
            put(item.name, hostile.text if hostile.text is not None else _plausible(item))
        elif kind == "number":
            put(item.name, hostile.number if hostile.number is not None else _plausible(item))
        elif kind in {"date", "datetime-local", "time"}:
            put(item.name, hostile.date if hostile.date is not None else _plausible(item))
        elif kind in {"select", "select-multiple"}:
            options = [option for option in item.options if option]
            chosen = hostile.choice or (options[0] if options else "")
            put(item.name, chosen)
        elif kind in {"checkbox", "radio"}:
            if hostile.choice is not None:
                put(item.name, hostile.choice)
            elif kind == "checkbox" or item.name not in data:
                put(item.name, item.value or "on")
        elif kind == "file":
            if hostile.file is not None:
                name, make, content_type = hostile.file
                put(item.name, SimpleUploadedFile(name, make(), content_type=content_type))
        else:
            put(item.name, _plausible(item))
    if form.buttons:  # a browser sends the button clicked: the first one
        name, value = form.buttons[0]
        put(name, value)
    return {name: values[0] if len(values) == 1 else values for name, values in data.items()}
