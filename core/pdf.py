"""PDFs that print every name of the network: ClassNetPDF, an fpdf2 document with the Noto fonts.

Noto Sans draws Latin (Vietnamese and Polish included), Cyrillic and Greek; fallback fonts
draw Chinese, Japanese and Korean (Noto Sans CJK), Thai, Khmer, Lao, Myanmar, Devanagari and
Bengali, shaped by HarfBuzz (uharfbuzz) so that vowel signs and conjuncts sit where they belong.
The fonts are Debian's fonts-noto-core and fonts-noto-cjk, which `make install` (and so
`make run`, `make test` and CI) installs; PDF_FONT_DIRS says where they are, and a system check
fails when one is missing. Nothing is downloaded at run time.

A shaped glyph does not always map back to one letter (a Myanmar vowel drawn in two parts, a
Devanagari conjunct), so each line with such a script also carries its words as /ActualText: a
reader that copies or extracts the text (pdftotext, screen readers, search) gets exactly what
was written.
"""

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core import checks
from fpdf import FPDF

# fontTools logs every step of subsetting the fonts at INFO
logging.getLogger("fontTools.subset").setLevel(logging.WARNING)

FONT = "Noto"  # the family documents set: text in any script falls back from it


@dataclass(frozen=True)
class FontFile:
    family: str
    regular: str
    bold: str
    index: int = 0  # the face in a collection (.ttc)
    letters: str = ""  # a regular-expression class of the letters it is there for
    # its shaped glyphs may not map one to one back to letters: a line with them gets /ActualText
    reordered: bool = True

    def needed_for(self, text: str) -> bool:
        return not self.letters or re.search(f"[{self.letters}]", text) is not None


MAIN = FontFile(FONT, "NotoSans-Regular.ttf", "NotoSans-Bold.ttf")
FALLBACKS = (
    # CJK: the Japanese face of the collection (index 0) draws Chinese and Korean names too.
    FontFile(
        "NotoCJK",
        "NotoSansCJK-Regular.ttc",
        "NotoSansCJK-Bold.ttc",
        index=0,
        reordered=False,
        letters="\u1100-\u11ff\u2e80-\u9fff\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff"
        "\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff",
    ),
    FontFile(
        "NotoThai", "NotoSansThai-Regular.ttf", "NotoSansThai-Bold.ttf", letters="\u0e00-\u0e7f"
    ),
    FontFile(
        "NotoKhmer",
        "NotoSansKhmer-Regular.ttf",
        "NotoSansKhmer-Bold.ttf",
        letters="\u1780-\u17ff\u19e0-\u19ff",
    ),
    FontFile("NotoLao", "NotoSansLao-Regular.ttf", "NotoSansLao-Bold.ttf", letters="\u0e80-\u0eff"),
    FontFile(
        "NotoMyanmar",
        "NotoSansMyanmar-Regular.ttf",
        "NotoSansMyanmar-Bold.ttf",
        letters="\u1000-\u109f\uaa60-\uaa7f\ua9e0-\ua9ff",
    ),
    FontFile(
        "NotoDevanagari",
        "NotoSansDevanagari-Regular.ttf",
        "NotoSansDevanagari-Bold.ttf",
        letters="\u0900-\u097f\ua8e0-\ua8ff",
    ),
    FontFile(
        "NotoBengali",
        "NotoSansBengali-Regular.ttf",
        "NotoSansBengali-Bold.ttf",
        letters="\u0980-\u09ff",
    ),
)


# Thai, Khmer, Lao, Myanmar, Devanagari and Bengali: the letters of the fallbacks that reorder.
COMPLEX_SCRIPTS = re.compile(
    "[" + "".join(font.letters for font in FALLBACKS if font.reordered) + "]"
)


def font_path(name: str) -> Path | None:
    """Where the font file is, among settings.PDF_FONT_DIRS (None when in none of them)."""
    for directory in settings.PDF_FONT_DIRS:
        candidate = Path(directory) / name
        if candidate.is_file():
            return candidate
    return None


def missing_fonts() -> list[str]:
    return [
        name
        for font in (MAIN, *FALLBACKS)
        for name in (font.regular, font.bold)
        if font_path(name) is None
    ]


def check_pdf_fonts(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """A system check (registered by conferences' AppConfig): the PDFs' fonts are installed."""
    missing = sorted(set(missing_fonts()))
    if not missing:
        return []
    return [
        checks.Error(
            f"The fonts of the PDFs are missing: {', '.join(missing)}.",
            hint="Install Debian's fonts-noto-core and fonts-noto-cjk (make install does, as "
            "root), or set PDF_FONT_DIRS to the folders that hold them.",
            id="classnet.E001",
        )
    ]


class ClassNetPDF(FPDF):
    """An fpdf2 document with the network's fonts registered, fallbacks and text shaping on,
    and each line's text as /ActualText. Set FONT (bold "B") and write.

    `texts`: everything the document will print, when known; only the fallback fonts its
    letters need are then loaded and embedded (the CJK collection alone costs about 0.2 s to
    load and more to subset). Without it, every fallback is there."""

    def __init__(self, *args, texts: Iterable[str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        everything = None if texts is None else "\n".join(texts)
        fallbacks = [
            font for font in FALLBACKS if everything is None or font.needed_for(everything)
        ]
        for font in (MAIN, *fallbacks):
            for style, name in (("", font.regular), ("B", font.bold)):
                path = font_path(name)
                if path is None:
                    raise FileNotFoundError(f"{name}: see `manage.py check` (classnet.E001)")
                self.add_font(font.family, style, path, collection_font_number=font.index)
        if fallbacks:
            self.set_fallback_fonts([font.family for font in fallbacks], exact_match=False)
        self.set_text_shaping(True)

    def _render_styled_text_line(self, text_line, *args, **kwargs):
        # fpdf2 (pinned in requirements/constraints.txt) draws every line of cell() and
        # multi_cell() here: wrap it in a marked-content span that says what it reads.
        text = "".join(fragment.string for fragment in text_line.fragments)
        if not COMPLEX_SCRIPTS.search(text) or self.str_alias_nb_pages in text:
            return super()._render_styled_text_line(text_line, *args, **kwargs)
        actual = text.encode("utf-16-be").hex().upper()
        self._out(f"/Span <</ActualText <FEFF{actual}>>> BDC")
        drawn = super()._render_styled_text_line(text_line, *args, **kwargs)
        self._out("EMC")
        return drawn
