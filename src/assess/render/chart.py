"""The score chart of the report: a small horizontal bar chart in inline SVG.

Made here rather than by a plotting library: it is a few rectangles, and the
output must be byte-for-byte stable. Every text is escaped.
"""

from __future__ import annotations

import base64
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from assess.i18n import percent
from assess.render.charturi import CHART_URI as CHART_URI
from assess.render.charturi import own_chart as own_chart
from assess.reporters import labels

FONT = "Inter, 'DejaVu Sans', Arial, sans-serif"
INK, MUTED, TRACK, BAR, COVER = "#1b2733", "#5b6770", "#e8ecf0", "#1f4e79", "#8fb3d1"
RANGE, PROVISIONAL = "#c9d9e8", "#7f9bb5"


@dataclass(frozen=True)
class ChartRow:
    label: str
    score: float | None
    coverage: float
    answered: int
    applicable: int
    strong: bool = False
    #: The score if every unknown item were missed / met (None: nothing applies).
    low: float | None = None
    high: float | None = None
    provisional: bool = False


@dataclass(frozen=True)
class ScoreChartText:
    """The score chart's words, given by the caller so they can be translated."""

    title: str
    coverage: str = "coverage {percent}"
    provisional: str = "provisional"
    legend_score: str = "score (0–100)"
    legend_range: str = "range if the unknowns were met or missed"
    legend_coverage: str = "coverage (share answered)"


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


def _svg_open(width: int, height: int, title: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" font-family="{FONT}" font-size="12">',
        f"<title>{escape(title)}</title>",
    ]


#: The score chart's geometry: its width, the label and value columns, a row's height, the top margin.
_SCORE_WIDTH, _SCORE_LABEL_W, _SCORE_VALUE_W, _SCORE_ROW_H, _SCORE_TOP = 640, 220, 150, 30, 26
_SCORE_TRACK_W = _SCORE_WIDTH - _SCORE_LABEL_W - _SCORE_VALUE_W


def _vertical_grid(label_w: int, track_w: int, top: int, bottom: int) -> list[str]:
    """The dashed lines at 0, 25, 50, 75 and 100 across the rows, each with its figure above."""
    out = []
    for tick in (0, 25, 50, 75, 100):
        x = _num(label_w + track_w * tick / 100)
        out.append(
            f'<line x1="{x}" y1="{top - 6}" x2="{x}" y2="{bottom}" stroke="#cfd6dc" '
            f'stroke-width="0.6" stroke-dasharray="2 3"/>'
        )
        out.append(f'<text x="{x}" y="{top - 10}" text-anchor="middle" fill="{MUTED}" font-size="10">{tick}</text>')
    return out


def _row_label(label: str, limit: int, y_one: float, y_two: float, weight: str) -> str:
    """A row's label in the label column: on one line at ``y_one``, or, when
    longer than ``limit``, on two smaller lines from ``y_two``."""
    lines = _lines(label, limit)
    if len(lines) == 1:
        return f'<text x="0" y="{y_one}" fill="{INK}"{weight}>{escape(lines[0])}</text>'
    return (
        f'<text x="0" y="{y_two}" fill="{INK}" font-size="11"{weight}>{escape(lines[0])}'
        f'<tspan x="0" dy="13">{escape(lines[1])}</tspan></text>'
    )


def _score_bars(row: ChartRow, y: int) -> list[str]:
    """A row's track, the band of its range, its score bar with a tick at the
    end (pale when provisional), and its coverage bar beneath."""
    label_w, track_w = _SCORE_LABEL_W, _SCORE_TRACK_W
    out = [f'<rect x="{label_w}" y="{y + 2}" width="{track_w}" height="13" fill="{TRACK}"/>']
    if row.low is not None and row.high is not None and row.high > row.low:
        out.append(
            f'<rect x="{_num(label_w + track_w * row.low / 100)}" y="{y + 2}" '
            f'width="{_num(track_w * (row.high - row.low) / 100)}" height="13" fill="{RANGE}"/>'
        )
    if row.score is not None:
        fill = PROVISIONAL if row.provisional else BAR
        out.append(
            f'<rect x="{label_w}" y="{y + 6}" width="{_num(track_w * row.score / 100)}" height="5" fill="{fill}"/>'
        )
        sx = _num(label_w + track_w * row.score / 100)
        out.append(f'<rect x="{sx}" y="{y}" width="2.4" height="17" fill="{fill}" transform="translate(-1.2 0)"/>')
    out.append(f'<rect x="{label_w}" y="{y + 19}" width="{_num(track_w * row.coverage)}" height="4" fill="{COVER}"/>')
    return out


def _score_figures(row: ChartRow, y: int, weight: str, text: ScoreChartText) -> list[str]:
    """The value column of a row: the score with its range, and beneath, the
    coverage (and 'provisional' when it is)."""
    shown = labels.score(row.score)
    if row.low is not None and row.high is not None:
        shown += f" ({labels.score(row.low)}–{labels.score(row.high)})"
    below = text.coverage.format(percent=percent(row.coverage))
    if row.provisional:
        below += " · " + text.provisional
    vx = _SCORE_LABEL_W + _SCORE_TRACK_W + 8
    return [
        f'<text x="{vx}" y="{y + 13}" fill="{INK}"{weight}>{escape(shown)}</text>',
        f'<text x="{vx}" y="{y + 25}" fill="{MUTED}" font-size="9.5">{escape(below)}</text>',
    ]


def _score_row(row: ChartRow, y: int, text: ScoreChartText) -> list[str]:
    """One row of the score chart, from its top at ``y``: label, bars, figures."""
    weight = ' font-weight="600"' if row.strong else ""
    return [
        _row_label(row.label, 30, y + 12, y + 7, weight),
        *_score_bars(row, y),
        *_score_figures(row, y, weight, text),
    ]


#: The swatch of each legend entry of the score chart (score, range, coverage), at (x, y).
_SCORE_SWATCHES: tuple[Callable[[float, int], str], ...] = (
    lambda x, y: f'<rect x="{_num(x)}" y="{y + 2}" width="14" height="5" fill="{BAR}"/>',
    lambda x, y: f'<rect x="{_num(x)}" y="{y}" width="14" height="9" fill="{RANGE}"/>',
    lambda x, y: f'<rect x="{_num(x)}" y="{y + 3}" width="14" height="4" fill="{COVER}"/>',
)


def _legend_widths(text: ScoreChartText) -> list[float]:
    """Each legend entry's width: swatch, gap, its words (about 5.6 units a
    character at size 10) and the space before the next."""
    return [19 + 5.6 * len(w) + 16 for w in (text.legend_score, text.legend_range, text.legend_coverage)]


def _score_legend(text: ScoreChartText, ly: int) -> list[str]:
    """The legend's entries one after another, each as wide as its words,
    wrapping to a second line when the first is full."""
    out = []
    lx = 0.0
    entries = (text.legend_score, text.legend_range, text.legend_coverage)
    for words, w, swatch in zip(entries, _legend_widths(text), _SCORE_SWATCHES, strict=True):
        if lx and lx + w > _SCORE_WIDTH:
            lx, ly = 0.0, ly + 14
        out.append(swatch(lx, ly))
        out.append(f'<text x="{_num(lx + 19)}" y="{ly + 8}" fill="{MUTED}" font-size="10">{escape(words)}</text>')
        lx += w
    return out


def score_chart(rows: Sequence[ChartRow], text: ScoreChartText | str) -> Markup:
    """A bar per row: the score (0-100), the range the unknown items leave open
    (a pale band from every unknown missed to every unknown met), and beneath,
    the coverage. A provisional score is drawn hatched-pale and says so."""
    if isinstance(text, str):
        text = ScoreChartText(text)
    top, row_h = _SCORE_TOP, _SCORE_ROW_H
    bottom = top + row_h * len(rows)
    # The legend takes a second line when its entries do not fit in one.
    height = bottom + (22 if sum(_legend_widths(text)) <= _SCORE_WIDTH else 36)
    out = _svg_open(_SCORE_WIDTH, height, text.title)
    out += _vertical_grid(_SCORE_LABEL_W, _SCORE_TRACK_W, top, bottom - 6)
    for i, row in enumerate(rows):
        out += _score_row(row, top + i * row_h, text)
    out += _score_legend(text, bottom + 6)
    out.append("</svg>")
    return Markup("\n".join(out))


@dataclass(frozen=True)
class CountSegment:
    label: str
    count: int
    fill: str
    ink: str


def counts_chart(segments: Sequence[CountSegment], title: str) -> Markup:
    """One bar split by result (each part as wide as its count), with each
    result's count and name beneath: how the items of the checklists came out."""
    width, height, bar_h = 640, 58, 16
    total = sum(s.count for s in segments) or 1
    out = _svg_open(width, height, title)
    x = 0.0
    for s in segments:
        w = width * s.count / total
        if w > 0:
            out.append(f'<rect x="{_num(x)}" y="0" width="{_num(w)}" height="{bar_h}" fill="{s.fill}"/>')
        x += w
    col = width / max(len(segments), 1)
    for n, s in enumerate(segments):
        cx = _num(col * n + col / 2)
        out.append(
            f'<text x="{cx}" y="{bar_h + 20}" text-anchor="middle" fill="{s.ink}" font-size="15" '
            f'font-weight="600">{s.count}</text>'
        )
        out.append(
            f'<text x="{cx}" y="{bar_h + 36}" text-anchor="middle" fill="{MUTED}" font-size="10">'
            f"{escape(s.label)}</text>"
        )
        out.append(f'<rect x="{_num(col * n + col / 2 - 14)}" y="{bar_h + 40}" width="28" height="2" fill="{s.fill}"/>')
    out.append("</svg>")
    return Markup("\n".join(out))


def as_image(svg: Markup, alt: str, css_class: str = "chart") -> Markup:
    """The chart as an <img> with its alt text: an image a tagged PDF can carry
    as a figure with a text alternative, and a page can show anywhere."""
    uri = CHART_URI + base64.b64encode(str(svg).encode("utf-8")).decode("ascii")
    return Markup(f'<img class="{escape(css_class)}" src="{uri}" alt="{escape(alt)}">')


@dataclass(frozen=True)
class Distribution:
    """One row of the distribution chart: the scores of many programmes."""

    label: str
    scores: Sequence[float]
    unscored: int = 0
    strong: bool = False


@dataclass(frozen=True)
class DistributionText:
    """The chart's words, given by the caller so they can be translated."""

    title: str
    scored: str = "{n} scored"
    unscored: str = "{n} n/a"
    none: str = "no programme scored"
    median: str = "median {x}"
    legend_points: str = "one programme"
    legend_box: str = "middle half (quartiles), line at the median"


#: Most dots drawn on one row: beyond it, programmes at the same whole score
#: share dots (a strip of 10,000 programmes would otherwise be 10,000 circles).
MAX_DOTS = 400
_LANES = 5


def _quartiles(values: Sequence[float]) -> tuple[float, float, float]:
    if len(values) == 1:
        return values[0], values[0], values[0]
    q1, q2, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return q1, q2, q3


def distribution_chart(rows: Sequence[Distribution], text: DistributionText) -> Markup:
    """A strip plot with a box per row: every programme's score as a dot
    (spread over a few lanes so equal scores stay visible), the middle half
    as a box with the median, the range as a whisker."""
    width, label_w, value_w, row_h, top = 640, 190, 110, 36, 26
    track_w = width - label_w - value_w
    height = top + row_h * len(rows) + 24

    def x_of(score: float) -> str:
        return _num(label_w + track_w * score / 100)

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(text.title)}" '
        f'font-family="{FONT}" font-size="12">',
        f"<title>{escape(text.title)}</title>",
    ]
    out += _vertical_grid(label_w, track_w, top, top + row_h * len(rows) - 6)
    for i, row in enumerate(rows):
        y = top + i * row_h
        mid = y + 13
        weight = ' font-weight="600"' if row.strong else ""
        out.append(_row_label(row.label, 28, mid + 4, mid - 2, weight))
        out.append(f'<rect x="{label_w}" y="{y}" width="{track_w}" height="26" fill="{TRACK}" fill-opacity="0.45"/>')
        values = sorted(row.scores)
        vx = label_w + track_w + 8
        if values:
            q1, q2, q3 = _quartiles(values)
            out.append(
                f'<line x1="{x_of(values[0])}" y1="{mid}" x2="{x_of(values[-1])}" y2="{mid}" '
                f'stroke="{MUTED}" stroke-width="1"/>'
            )
            for end in (values[0], values[-1]):
                out.append(
                    f'<line x1="{x_of(end)}" y1="{mid - 5}" x2="{x_of(end)}" y2="{mid + 5}" '
                    f'stroke="{MUTED}" stroke-width="1"/>'
                )
            out.append(
                f'<rect x="{x_of(q1)}" y="{y + 3}" width="{_num(track_w * (q3 - q1) / 100)}" height="20" '
                f'fill="{COVER}" fill-opacity="0.55" stroke="{BAR}" stroke-width="0.8"/>'
            )
            out.append(
                f'<line x1="{x_of(q2)}" y1="{y + 3}" x2="{x_of(q2)}" y2="{y + 23}" stroke="{BAR}" stroke-width="2"/>'
            )
            dots: dict[tuple[float, int], None] = {}
            for n, v in enumerate(values):
                key = (round(v, 1) if len(values) <= MAX_DOTS else float(round(v)), n % _LANES)
                dots[key] = None
            for v, lane in dots:
                cy = _num(y + 5 + lane * 4)
                out.append(f'<circle cx="{x_of(v)}" cy="{cy}" r="2.3" fill="{INK}" fill-opacity="0.55"/>')
            out.append(
                f'<text x="{vx}" y="{mid - 1}" fill="{INK}"{weight}>{escape(text.median.format(x=f"{q2:.1f}"))}</text>'
            )
            counts = text.scored.format(n=len(values))
            if row.unscored:
                counts += " · " + text.unscored.format(n=row.unscored)
            out.append(f'<text x="{vx}" y="{mid + 11}" fill="{MUTED}" font-size="9.5">{escape(counts)}</text>')
        else:
            out.append(
                f'<text x="{_num(label_w + track_w / 2)}" y="{mid + 4}" text-anchor="middle" fill="{MUTED}" '
                f'font-size="10.5">{escape(text.none)}</text>'
            )
            if row.unscored:
                out.append(
                    f'<text x="{vx}" y="{mid + 4}" fill="{MUTED}" font-size="9.5">'
                    f"{escape(text.unscored.format(n=row.unscored))}</text>"
                )
    ly = top + row_h * len(rows) + 4
    out.append(f'<circle cx="{label_w + 4}" cy="{ly + 5}" r="2.3" fill="{INK}" fill-opacity="0.55"/>')
    out.append(
        f'<text x="{label_w + 12}" y="{ly + 9}" fill="{MUTED}" font-size="10">{escape(text.legend_points)}</text>'
    )
    bx = label_w + 130
    out.append(
        f'<rect x="{bx}" y="{ly}" width="16" height="10" fill="{COVER}" fill-opacity="0.55" '
        f'stroke="{BAR}" stroke-width="0.8"/>'
    )
    out.append(f'<line x1="{bx + 8}" y1="{ly}" x2="{bx + 8}" y2="{ly + 10}" stroke="{BAR}" stroke-width="2"/>')
    out.append(f'<text x="{bx + 22}" y="{ly + 9}" fill="{MUTED}" font-size="10">{escape(text.legend_box)}</text>')
    out.append("</svg>")
    return Markup("\n".join(out))


#: One colour per line of the series chart (overall first), told apart by dash too.
SERIES_COLOURS = ("#1b2733", "#1f4e79", "#b35c1e", "#2e7d4f", "#7b3f8c", "#a33b3b")
SERIES_DASHES = ("", "6 3", "2 3", "8 3 2 3", "4 2", "1 2")


@dataclass(frozen=True)
class Series:
    """One line of the series chart: a score at each date (None: not scored then)."""

    label: str
    scores: Sequence[float | None]
    #: The range the unknown items leave open at each date, drawn as a band (overall only).
    low: Sequence[float | None] = ()
    high: Sequence[float | None] = ()
    #: Points resting on under half their items, drawn hollow.
    provisional: Sequence[bool] = ()


@dataclass(frozen=True)
class SeriesText:
    """The series chart's words, given by the caller so they can be translated."""

    title: str
    legend_range: str = "overall range if the unknowns were met or missed"
    legend_provisional: str = "hollow: provisional"


#: The series chart's geometry: its width, the margins left and right of the plot, the top margin, the plot's height.
_SERIES_WIDTH, _SERIES_LEFT, _SERIES_RIGHT, _SERIES_TOP, _SERIES_PLOT_H = 640, 34, 24, 16, 200
_SERIES_PLOT_W = _SERIES_WIDTH - _SERIES_LEFT - _SERIES_RIGHT


@dataclass(frozen=True)
class _SeriesFrame:
    """Where the series chart puts a point: ``n`` dates evenly spaced along the
    plot (a single date in its middle), scores 0-100 from the bottom up."""

    n: int

    def x(self, i: int) -> float:
        """The x of the ``i``-th date."""
        n = self.n
        return _SERIES_LEFT + (_SERIES_PLOT_W * i / (n - 1) if n > 1 else _SERIES_PLOT_W / 2)

    def y(self, v: float) -> float:
        """The y of score ``v``."""
        return _SERIES_TOP + _SERIES_PLOT_H * (1 - v / 100)

    def point(self, i: int, v: float) -> str:
        """'x,y' of score ``v`` at the ``i``-th date, as a points list has it."""
        return f"{_num(self.x(i))},{_num(self.y(v))}"


def _series_grid(f: _SeriesFrame) -> list[str]:
    """The dashed lines at 0, 25, 50, 75 and 100 across the plot, each with its figure on the left."""
    out = []
    for tick in (0, 25, 50, 75, 100):
        gy = _num(f.y(tick))
        out.append(
            f'<line x1="{_SERIES_LEFT}" y1="{gy}" x2="{_SERIES_WIDTH - _SERIES_RIGHT}" y2="{gy}" stroke="#cfd6dc" '
            f'stroke-width="0.6" stroke-dasharray="2 3"/>'
        )
        out.append(
            f'<text x="{_SERIES_LEFT - 6}" y="{_num(f.y(tick) + 3.5)}" text-anchor="end" fill="{MUTED}" '
            f'font-size="10">{tick}</text>'
        )
    return out


def _date_anchor(i: int, n: int) -> str:
    """How a date's label sits on its point: the first and the last of several
    stay inside the chart (start, end), the others are centred."""
    if n > 1 and i == 0:
        return "start"
    if n > 1 and i == n - 1:
        return "end"
    return "middle"


def _series_dates(f: _SeriesFrame, dates: Sequence[str]) -> list[str]:
    """The dates along the bottom of the plot."""
    return [
        f'<text x="{_num(f.x(i))}" y="{_SERIES_TOP + _SERIES_PLOT_H + 16}" text-anchor="{_date_anchor(i, f.n)}" '
        f'fill="{MUTED}" font-size="10">{escape(d)}</text>'
        for i, d in enumerate(dates)
    ]


def _range_band(f: _SeriesFrame, row: Series) -> list[str]:
    """The pale band of ``row``'s range (its high ends, then its low ends
    back), over the dates where both ends are known; nothing without them."""
    if not (row.low and row.high):
        return []
    pts = [
        (i, lo, hi)
        for i, (lo, hi) in enumerate(zip(row.low, row.high, strict=False))
        if lo is not None and hi is not None
    ]
    if not pts:
        return []
    upper = [f.point(i, hi) for i, _lo, hi in pts]
    lower = [f.point(i, lo) for i, lo, _hi in reversed(pts)]
    return [f'<polygon points="{" ".join(upper + lower)}" fill="{RANGE}" fill-opacity="0.6"/>']


def _series_style(r: int) -> tuple[str, str]:
    """The colour of the ``r``-th line and its dash attribute ('' for a solid line)."""
    colour, dash = SERIES_COLOURS[r % len(SERIES_COLOURS)], SERIES_DASHES[r % len(SERIES_DASHES)]
    return colour, f' stroke-dasharray="{dash}"' if dash else ""


def _runs(f: _SeriesFrame, scores: Sequence[float | None]) -> list[list[str]]:
    """The points of each stretch of consecutive scored dates: a date without
    a score breaks the line."""
    runs: list[list[str]] = [[]]
    for i, v in enumerate(scores):
        if v is None:
            runs.append([])
        else:
            runs[-1].append(f.point(i, v))
    return [run for run in runs if run]


def _series_line(f: _SeriesFrame, r: int, row: Series) -> list[str]:
    """The ``r``-th row drawn: a line through each stretch of two or more
    scored points (the first row thicker), then a dot at every score, hollow
    when provisional."""
    colour, dashed = _series_style(r)
    stroke = "2.4" if r == 0 else "1.6"
    out = [
        f'<polyline points="{" ".join(part)}" fill="none" stroke="{colour}" stroke-width="{stroke}"{dashed}/>'
        for part in _runs(f, row.scores)
        if len(part) > 1
    ]
    for i, v in enumerate(row.scores):
        if v is None:
            continue
        hollow = i < len(row.provisional) and row.provisional[i]
        fill = "#ffffff" if hollow else colour
        out.append(
            f'<circle cx="{_num(f.x(i))}" cy="{_num(f.y(v))}" r="3.2" fill="{fill}" stroke="{colour}" '
            f'stroke-width="1.4"/>'
        )
    return out


def _series_legend(rows: Sequence[Series], text: SeriesText, ly: int) -> list[str]:
    """The legend from ``ly`` down: each row's line and name, two to a line,
    then the range band and the hollow point, each on a line of its own."""
    out = []
    for r, row in enumerate(rows):
        colour, dashed = _series_style(r)
        lx = 0 if r % 2 == 0 else _SERIES_WIDTH / 2
        y = ly + 16 * (r // 2)
        out.append(
            f'<line x1="{_num(lx)}" y1="{y + 4}" x2="{_num(lx + 22)}" y2="{y + 4}" stroke="{colour}" '
            f'stroke-width="2"{dashed}/>'
        )
        out.append(f'<text x="{_num(lx + 28)}" y="{y + 8}" fill="{INK}" font-size="10.5">{escape(row.label)}</text>')
    y = ly + 16 * ((len(rows) + 1) // 2)
    out.append(f'<rect x="0" y="{y}" width="22" height="9" fill="{RANGE}" fill-opacity="0.6"/>')
    out.append(f'<text x="28" y="{y + 8}" fill="{MUTED}" font-size="10">{escape(text.legend_range)}</text>')
    y += 16  # a line of its own: in French the two would not fit side by side
    out.append(f'<circle cx="11" cy="{y + 4}" r="3.2" fill="#ffffff" stroke="{INK}" stroke-width="1.4"/>')
    out.append(f'<text x="28" y="{y + 8}" fill="{MUTED}" font-size="10">{escape(text.legend_provisional)}</text>')
    return out


def series_chart(dates: Sequence[str], rows: Sequence[Series], text: SeriesText) -> Markup:
    """Scores (0-100) over the assessments, one line per row, the dates evenly
    spaced along the bottom; the first row's range as a pale band. Each line has
    its own colour and dash, and a legend names them."""
    legend_rows = (len(rows) + 1) // 2 + 2
    height = _SERIES_TOP + _SERIES_PLOT_H + 30 + 16 * legend_rows
    f = _SeriesFrame(len(dates))
    out = _svg_open(_SERIES_WIDTH, height, text.title)
    out += _series_grid(f)
    out += _series_dates(f, dates)
    if rows:
        out += _range_band(f, rows[0])
    for r, row in enumerate(rows):
        out += _series_line(f, r, row)
    out += _series_legend(rows, text, _SERIES_TOP + _SERIES_PLOT_H + 30)
    out.append("</svg>")
    return Markup("\n".join(out))
