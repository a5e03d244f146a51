"""The report's own charts as data URIs, and how the PDF's fetcher knows them.

Apart from :mod:`assess.render.chart` so that the process laying a PDF out
(:mod:`assess.app.pdf_process`) can tell a chart of ours from anything else
without importing the models the charts are drawn from.
"""

from __future__ import annotations

import base64

#: What a chart's data URI starts with; the PDF's fetcher lets these through and nothing else of ``data:``.
CHART_URI = "data:image/svg+xml;base64,"
#: Markup a chart of ours never holds: anything that would make an SVG fetch or run something.
_UNSAFE = ("href", "url(", "@import", "<image", "<use", "<script", "<style", "<foreignobject", "<!entity", "<!doctype")


def own_chart(url: str) -> bytes | None:
    """The SVG of a chart URI made by :func:`assess.render.chart.as_image`, or None for anything else
    (another ``data:`` URI, or an SVG that could reach out for a resource)."""
    if not url.startswith(CHART_URI):
        return None
    try:
        body = base64.b64decode(url[len(CHART_URI) :], validate=True)
        text = body.decode("utf-8").lower()
    except (ValueError, UnicodeDecodeError):
        return None
    if not text.startswith('<svg xmlns="http://www.w3.org/2000/svg" class="chart"'):
        return None
    if any(bad in text for bad in _UNSAFE):
        return None
    return body
