"""Reading a PDF back as a reader does: poppler's pdftotext (Debian's poppler-utils, installed by
`make install`), which follows each font's ToUnicode map and each line's /ActualText. A name that
did not make it into the page cannot appear in what it returns."""

import shutil
import subprocess
import tempfile
from pathlib import Path


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise RuntimeError(f"{name} is missing: install poppler-utils (make install does)")
    return found


def pdf_text(pdf: bytes, *, layout: bool = False) -> str:
    """The text in the order it was written (pdftotext -raw), or as laid out (layout=True)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "document.pdf"
        path.write_bytes(pdf)
        arguments = [_tool("pdftotext"), "-enc", "UTF-8", "-layout" if layout else "-raw"]
        return subprocess.run(  # noqa: S603  (our own file, fixed arguments)
            [*arguments, str(path), "-"], capture_output=True, check=True, text=True
        ).stdout


def pdf_page_image(pdf: bytes, *, page: int = 1, dpi: int = 60):
    """The page drawn by poppler (pdftoppm), as a greyscale PIL image."""
    from PIL import Image

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "document.pdf"
        path.write_bytes(pdf)
        subprocess.run(  # noqa: S603  (our own file, fixed arguments)
            [
                _tool("pdftoppm"),
                "-gray",
                "-png",
                "-r",
                str(dpi),
                "-f",
                str(page),
                "-l",
                str(page),
                str(path),
                str(Path(folder) / "page"),
            ],
            check=True,
            capture_output=True,
        )
        (drawn,) = Path(folder).glob("page*.png")
        with Image.open(drawn) as image:
            return image.convert("L").copy()
