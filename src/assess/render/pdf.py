"""Laying the report out as a PDF with WeasyPrint.

Two guarantees live here:

- Confinement: :class:`FolderFetcher` lets WeasyPrint read files inside the
  template folder and nothing else (no network, no other file, no ``data:``),
  whatever a profile's text or a custom template contains.
- Determinism: the creation date comes from the caller (never the clock) and
  the PDF identifier is a hash of the page, so the same inputs give the same
  bytes.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import logging
import mimetypes
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from assess.files import note_input
from assess.render import RELATIVE_LINK


class FolderFetcher(URLFetcher):  # type: ignore[misc]  # WeasyPrint ships no type hints
    """A WeasyPrint URL fetcher confined to one folder.

    Every URL asked for is recorded in ``requested``; those refused also in
    ``refused``. A refused URL raises, which WeasyPrint turns into a logged
    error and an empty resource: the report still renders.
    """

    def __init__(self, root: Path) -> None:
        super().__init__(allowed_protocols={"file"}, allow_redirects=False)
        self.root = root.resolve()
        self.requested: list[str] = []
        self.refused: list[str] = []

    def inside(self, url: str) -> Path | None:
        """The file ``url`` names, if it is a file inside the root folder."""
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            return None
        path = Path(unquote(parts.path)).resolve()
        if not path.is_relative_to(self.root) or not path.is_file():
            return None
        return path

    def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
        self.requested.append(url)
        path = self.inside(url)
        if path is None:
            self.refused.append(url)
            raise ValueError(f"refused: reports may only use files inside the template folder ({self.root})")
        note_input(path)  # an output of the run may not replace it
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), body=path.read_bytes(), headers={"Content-Type": mime})


def _keep_links_relative(document: object) -> None:
    for page in getattr(document, "pages", []):
        page.links = [
            (kind, target[len(RELATIVE_LINK) :], *rest)
            if kind == "external" and isinstance(target, str) and target.startswith(RELATIVE_LINK)
            else (kind, target, *rest)
            for kind, target, *rest in page.links
        ]


@dataclass
class RenderedPDF:
    data: bytes
    pages: int
    #: WeasyPrint's warnings and errors, as "LEVEL: message" lines.
    messages: list[str] = field(default_factory=list)


#: WeasyPrint messages about the machine, not the report: without the system's
#: HarfBuzz-Subset library WeasyPrint subsets fonts with fontTools instead.
MACHINE_NOTICES = ("Using fontTools instead of HarfBuzz-Subset",)


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if not message.startswith(MACHINE_NOTICES):
            self.lines.append(f"{record.levelname.lower()}: {message}")


@contextlib.contextmanager
def _source_date(created: dt.datetime) -> Iterator[None]:
    """Set SOURCE_DATE_EPOCH while writing: fontTools stamps the font subsets
    it embeds with it (else with the clock, and the bytes would differ)."""
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(int(created.timestamp()))
    try:
        yield
    finally:
        if old is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old


def render_pdf(
    html: str, template_dir: Path, created: dt.datetime, fetcher: FolderFetcher | None = None
) -> RenderedPDF:
    """Lay ``html`` out as a PDF; relative URLs resolve inside ``template_dir``.

    ``created`` is the report's date (also written in the HTML's metadata)."""
    fetcher = fetcher or FolderFetcher(template_dir)
    logger = logging.getLogger("weasyprint")
    collect = _Collect()
    logger.addHandler(collect)
    try:
        base_url = template_dir.resolve().as_uri() + "/"
        document = HTML(string=html, base_url=base_url, url_fetcher=fetcher).render()
        _keep_links_relative(document)
        identifier = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode("ascii")
        with _source_date(created):
            data = document.write_pdf(pdf_identifier=identifier)
    finally:
        logger.removeHandler(collect)
    return RenderedPDF(data=data, pages=len(document.pages), messages=collect.lines)
