"""Laying the report out as a PDF with WeasyPrint.

Two guarantees live here:

- Confinement: :class:`FolderFetcher` lets WeasyPrint read files inside the
  template folder and nothing else (no network, no other file, no ``data:``),
  whatever a profile's text or a custom template contains.
- Determinism: the creation date comes from the caller (never the clock) and
  the PDF identifier is a hash of the page, so the same inputs give the same
  bytes. Embedded files carry that date too, and a MIME type set here rather
  than guessed from the machine's MIME database.

Every PDF is tagged (a structure tree, ``/Lang`` from the page's ``lang``,
the title shown in the viewer's title bar, table headers as ``/TH``, each
chart's text as its ``/Alt``): WeasyPrint's ``pdf_tags``. A variant
(:data:`VARIANTS`) is WeasyPrint's own ``pdf_variant``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import logging
import mimetypes
import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

# isort: off
# WeasyPrint is imported first by assess.render.weasy (without its library search on Linux).
from assess.render.weasy import weasyprint  # noqa: F401
from weasyprint import HTML, Attachment
from weasyprint.formatting_structure import boxes
from weasyprint.urls import URLFetcher
from weasyprint.urls import URLFetcherResponse

# isort: on
from assess.files import note_input
from assess.render import RELATIVE_LINK
from assess.render.charturi import own_chart
from assess.render.pdfdata import EmbeddedFile as EmbeddedFile
from assess.render.pdfdata import RenderedPDF as RenderedPDF


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


def chart_fetcher(root: Path) -> FolderFetcher:
    """The report's fetcher: the files inside ``root`` (:class:`FolderFetcher`,
    looked up when called) and the report's own charts
    (:func:`~assess.render.charturi.own_chart`), nothing else."""

    class ChartFetcher(FolderFetcher):
        def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
            body = own_chart(url)
            if body is None:
                return super().fetch(url, headers)
            # Not recorded in ``requested``: a chart of ours is not a fetch from anywhere.
            return URLFetcherResponse(url, body=body, headers={"Content-Type": "image/svg+xml"})

    return ChartFetcher(root)


#: The PDF variants a report may be written as (``--pdf-variant``): PDF/UA-1
#: for accessibility, PDF/A-3b for archiving (it allows embedded files).
VARIANTS = ("pdf/ua-1", "pdf/a-3b")


class _EmbeddedFetcher(URLFetcher):  # type: ignore[misc]  # WeasyPrint ships no type hints
    """Hands WeasyPrint the bytes of the files to embed, and nothing else."""

    SCHEME = "x-assess-embedded:"

    def __init__(self, files: Sequence[EmbeddedFile]) -> None:
        super().__init__(allowed_protocols=set(), allow_redirects=False)
        self.files = {self.SCHEME + str(n): f for n, f in enumerate(files)}

    def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
        f = self.files[url]  # only URLs made here are ever asked for
        return URLFetcherResponse(url, body=f.data, headers={"Content-Type": f.mime})


def _attachments(files: Sequence[EmbeddedFile], created: dt.datetime) -> list[Attachment]:
    fetcher = _EmbeddedFetcher(files)
    # WeasyPrint writes the dates as UTC wall time: give it naive UTC.
    when = created.astimezone(dt.UTC).replace(tzinfo=None)
    return [
        Attachment(
            url=url,
            url_fetcher=fetcher,
            name=f.name,
            description=f.description,
            created=when,
            modified=when,
            relationship=f.relationship,
        )
        for url, f in fetcher.files.items()
    ]


def _keep_links_relative(document: object) -> None:
    for page in getattr(document, "pages", []):
        page.links = [
            (kind, target[len(RELATIVE_LINK) :], *rest)
            if kind == "external" and isinstance(target, str) and target.startswith(RELATIVE_LINK)
            else (kind, target, *rest)
            for kind, target, *rest in page.links
        ]


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


@contextlib.contextmanager
def _subset_without_dropped_layout() -> Iterator[None]:
    """While writing, let fontTools skip the OpenType layout tables it is told to drop.

    Without the system's HarfBuzz-Subset library WeasyPrint subsets the
    embedded fonts with fontTools, asking it to drop GSUB and GPOS (the PDF
    needs neither: the text is shaped already). fontTools (4.6x) first
    decompiles both tables anyway, then drops them: for the three bundled
    Inter faces that was about a tenth of a report's render. Deleting them
    from the font before subsetting skips that work and changes no byte of the
    PDF (fontTools drops them before it computes which glyphs to keep)."""
    try:
        from fontTools.subset import Subsetter  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - a dependency of WeasyPrint
        yield
        return
    original = Subsetter.subset

    def subset(self: Any, font: Any) -> None:
        for tag in ("GSUB", "GPOS"):
            if tag in self.options.drop_tables and tag in font:
                del font[tag]
        original(self, font)

    Subsetter.subset = subset
    try:
        yield
    finally:
        Subsetter.subset = original


def _cleaned_elsewhere(font: Any, to_unicode: dict[int, str], hinting: bool) -> Callable[..., None]:
    """Start cleaning ``font`` (subsetting it) in a forked process; return the
    ``clean`` that takes the result back, in place of the font's own."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the forked process; its result is tested
        status = 1
        try:
            os.close(read)
            font.clean(to_unicode, hinting)
            with os.fdopen(write, "wb") as out:
                out.write(font.file_content)
            status = 0
        finally:
            os._exit(status)
    os.close(write)

    def clean(*args: object) -> None:
        with os.fdopen(read, "rb") as answer:
            data = answer.read()
        _, status = os.waitpid(pid, 0)
        if status == 0 and data:
            font.file_content = data
        else:  # the process failed: clean here, as WeasyPrint would have
            del font.clean
            font.clean(*args)

    return clean


@contextlib.contextmanager
def _fonts_side_by_side(enabled: bool) -> Iterator[None]:
    """While writing, subset each embedded font file but the first in a forked
    process, while WeasyPrint subsets the first: on two cores the fonts take
    the time of one. The same bytes (the same code on the same data, and
    SOURCE_DATE_EPOCH set before the fork). Only where asked (the process
    started ahead, which runs no thread; :mod:`assess.app.pdf_process`)."""
    if not enabled or not hasattr(os, "fork"):
        yield
        return
    import weasyprint.pdf as weasy_pdf

    original = getattr(weasy_pdf, "build_fonts_dictionary", None)
    if original is None:  # another WeasyPrint: subset as it does
        yield
        return

    def ahead(fonts: Any, subset: Any, options: Any) -> None:
        # Grouped as WeasyPrint groups them: one file, one subset, of every glyph its fonts used.
        by_file: dict[Any, list[Any]] = {}
        for font in fonts.values():
            by_file.setdefault(font.hash, []).append(font)
        for group in list(by_file.values())[1:]:
            font = group[0]
            if font.bitmap or not subset or font.used_in_forms:
                continue
            to_unicode: dict[int, str] = {}
            for each in group:
                to_unicode = {**to_unicode, **each.to_unicode}
            font.clean = _cleaned_elsewhere(font, to_unicode, options["hinting"])

    def build(pdf: Any, fonts: Any, compress: Any, subset: Any, options: Any) -> Any:
        # Fonts shaped otherwise (another WeasyPrint): those not started are subset as WeasyPrint does.
        with contextlib.suppress(AttributeError, KeyError, TypeError):
            ahead(fonts, subset, options)
        return original(pdf, fonts, compress, subset, options)

    weasy_pdf.build_fonts_dictionary = build
    try:
        yield
    finally:
        weasy_pdf.build_fonts_dictionary = original


#: The template folder's stylesheet for a second layout (see below); a folder without it gets none.
TIGHTER = "report-tighter.css"
#: A page filled less than this (the cover apart) has a page asked to be closed up (a
#: programme's report, a portfolio page) laid out again with :data:`TIGHTER`.
NEARLY_EMPTY = 0.25


def _content_bottom(box: Any) -> float:
    """The bottom of the lowest line, image or chart inside ``box`` (a box
    broken across pages reaches down to the page's end, its content not)."""
    if isinstance(box, boxes.LineBox | boxes.ReplacedBox):
        return float(box.position_y + box.margin_height())
    return max(
        (_content_bottom(child) for child in getattr(box, "children", ()) if not isinstance(child, boxes.MarginBox)),
        default=0.0,
    )


def page_shares(document: Any) -> list[float]:
    """How much of its content area each page of ``document`` fills (0 to 1)."""
    shares = []
    for page in document.pages:
        box = page._page_box
        used = _content_bottom(box) - box.content_box_y()
        shares.append(max(0.0, min(1.0, used / box.height)) if box.height > 0 else 1.0)
    return shares


def _without_nearly_empty_pages(
    document: Any, html: str, base_url: str, fetcher: FolderFetcher, template_dir: Path
) -> Any:
    """``document``, or, where one of its pages holds only a few lines (the
    end of the annex on a page of its own, the last lines of a section before
    one that starts a new page), the same report laid out again with the
    template folder's :data:`TIGHTER` stylesheet, kept if that saves a page.
    The built-in one sets the evidence gaps a little tighter and lets a
    section that starts a new page follow on; no text changes. Costs a second
    layout, in the few cases it is tried."""
    tighter = template_dir / TIGHTER
    if "</head>" not in html or not tighter.is_file():
        return document  # no head to style, or no stylesheet for a second layout
    if len(document.pages) < 2 or min(page_shares(document)[1:]) >= NEARLY_EMPTY:
        return document
    note_input(tighter)
    # In the page's own <head>, after its stylesheet: the same origin, so its
    # rules win where they are as specific (a stylesheet given to WeasyPrint
    # apart would be a user stylesheet, below every rule of the page's).
    styled = html.replace("</head>", f"<style>{tighter.read_text('utf-8')}</style></head>", 1)
    second = HTML(string=styled, base_url=base_url, url_fetcher=fetcher).render()
    return second if len(second.pages) < len(document.pages) else document


def render_pdf(
    html: str,
    template_dir: Path,
    created: dt.datetime,
    fetcher: FolderFetcher | None = None,
    *,
    variant: str | None = None,
    embed: Sequence[EmbeddedFile] = (),
    fonts_side_by_side: bool = False,
    close_up: bool = False,
) -> RenderedPDF:
    """Lay ``html`` out as a tagged PDF; relative URLs resolve inside ``template_dir``.

    ``created`` is the report's date (also written in the HTML's metadata and
    on each embedded file). ``variant`` is one of :data:`VARIANTS` (None: plain
    tagged PDF); ``embed`` are files to attach. With ``fonts_side_by_side``
    (a process that runs no thread), the fonts are subset side by side
    (:func:`_fonts_side_by_side`). With ``close_up`` (a document of sections,
    some starting a new page: a programme's report, a portfolio page), a page
    left nearly empty has the document laid out a second time
    (:func:`_without_nearly_empty_pages`)."""
    if variant is not None and variant not in VARIANTS:
        raise ValueError(f"unknown PDF variant {variant!r}; expected one of {', '.join(VARIANTS)}")
    fetcher = fetcher or FolderFetcher(template_dir)
    logger = logging.getLogger("weasyprint")
    collect = _Collect()
    logger.addHandler(collect)
    try:
        base_url = template_dir.resolve().as_uri() + "/"
        document = HTML(string=html, base_url=base_url, url_fetcher=fetcher).render()
        if close_up:
            document = _without_nearly_empty_pages(document, html, base_url, fetcher, template_dir)
        _keep_links_relative(document)
        identifier = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode("ascii")
        with _source_date(created), _subset_without_dropped_layout(), _fonts_side_by_side(fonts_side_by_side):
            data = document.write_pdf(
                pdf_identifier=identifier,
                pdf_tags=True,
                pdf_variant=variant,
                attachments=_attachments(embed, created),
            )
    finally:
        logger.removeHandler(collect)
    return RenderedPDF(data=data, pages=len(document.pages), messages=collect.lines)
