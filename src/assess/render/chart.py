"""The score chart of the report: a small horizontal bar chart in inline SVG.

Made here rather than by a plotting library: it is a few rectangles, and the
output must be byte-for-byte stable. Every text is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from assess.i18n import _, decimal, percent

FONT = "Inter, 'DejaVu Sans', Arial, sans-serif"
INK, MUTED, TRACK, BAR, COVER = "#1b2733", "#5b6770", "#e8ecf0", "#1f4e79", "#8fb3d1"


@dataclass(frozen=True)
class ChartRow:
    label: str
    score: float | None
    coverage: float
    answered: int
    applicable: int
    strong: bool = False


def _num(x: float) -> str:
    """Coordinates with at most two decimals and no trailing zeros."""
    return f"{x:.2f}".rstrip("0").rstrip(".")


def _lines(label: str, limit: int = 34) -> list[str]:
    """Split a label into at most two lines of about ``limit`` characters."""
    if len(label) <= limit:
        return [label]
    cut = label.rfind(" ", 0, limit + 1)
    if cut <= 0:
        cut = limit
    rest = label[cut:].strip()
    if len(rest) > limit:
        rest = rest[: limit - 1].rstrip() + "…"
    return [label[:cut].rstrip(), rest]


def score_chart(rows: Sequence[ChartRow], title: str) -> Markup:
    """A bar per row: the score (0-100) and, beneath it, the coverage."""
    width, label_w, value_w, row_h, top = 640, 250, 120, 29, 26
    coverage_of = _("coverage {percent}")
    score_legend, coverage_legend = _("score (0–100)"), _("coverage (share answered)")
    track_w = width - label_w - value_w
    height = top + row_h * len(rows) + 22
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(title)}" '
        f'font-family="{FONT}" font-size="12">',
        f"<title>{escape(title)}</title>",
    ]
    for tick in (0, 25, 50, 75, 100):
        x = _num(label_w + track_w * tick / 100)
        out.append(
            f'<line x1="{x}" y1="{top - 6}" x2="{x}" y2="{top + row_h * len(rows) - 6}" stroke="#cfd6dc" '
            f'stroke-width="0.6" stroke-dasharray="2 3"/>'
        )
        out.append(f'<text x="{x}" y="{top - 10}" text-anchor="middle" fill="{MUTED}" font-size="10">{tick}</text>')
    for i, row in enumerate(rows):
        y = top + i * row_h
        weight = ' font-weight="600"' if row.strong else ""
        lines = _lines(row.label)
        if len(lines) == 1:
            out.append(f'<text x="0" y="{y + 12}" fill="{INK}"{weight}>{escape(lines[0])}</text>')
        else:
            out.append(
                f'<text x="0" y="{y + 7}" fill="{INK}" font-size="11"{weight}>{escape(lines[0])}'
                f'<tspan x="0" dy="13">{escape(lines[1])}</tspan></text>'
            )
        out.append(f'<rect x="{label_w}" y="{y + 2}" width="{track_w}" height="13" fill="{TRACK}"/>')
        if row.score is not None:
            out.append(
                f'<rect x="{label_w}" y="{y + 2}" width="{_num(track_w * row.score / 100)}" height="13" fill="{BAR}"/>'
            )
            shown = decimal(row.score)
        else:
            shown = _("n/a")
        out.append(
            f'<rect x="{label_w}" y="{y + 18}" width="{_num(track_w * row.coverage)}" height="4" fill="{COVER}"/>'
        )
        out.append(f'<text x="{label_w + track_w + 8}" y="{y + 13}" fill="{INK}"{weight}>{shown}</text>')
        out.append(
            f'<text x="{label_w + track_w + 8}" y="{y + 25}" fill="{MUTED}" font-size="9.5">'
            f"{escape(coverage_of.format(percent=percent(row.coverage)))}</text>"
        )
    ly = top + row_h * len(rows) + 6
    out.append(f'<rect x="{label_w}" y="{ly}" width="14" height="9" fill="{BAR}"/>')
    out.append(f'<text x="{label_w + 19}" y="{ly + 8}" fill="{MUTED}" font-size="10">{escape(score_legend)}</text>')
    out.append(f'<rect x="{label_w + 120}" y="{ly + 3}" width="14" height="4" fill="{COVER}"/>')
    out.append(f'<text x="{label_w + 139}" y="{ly + 8}" fill="{MUTED}" font-size="10">{escape(coverage_legend)}</text>')
    out.append("</svg>")
    return Markup("\n".join(out))
