"""What goes into a PDF and what comes out, without WeasyPrint: the files to
attach and the laid-out document. Apart from :mod:`assess.render.pdf` so that
a process that does not lay pages out itself (:mod:`assess.app.pdf_process`)
can hand them over and take them back."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class EmbeddedFile:
    """A file to attach to the PDF: its name, bytes, MIME type, a description
    and its relationship to the report (PDF/A-3's ``AFRelationship``)."""

    name: str
    data: bytes
    mime: str
    description: str
    relationship: str = "Source"


@dataclass
class RenderedPDF:
    data: bytes
    pages: int
    #: WeasyPrint's warnings and errors, as "LEVEL: message" lines.
    messages: list[str] = field(default_factory=list)
