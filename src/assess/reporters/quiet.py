"""The terminal view of ``assess check --quiet``: the score lines and the failures only.

Per profile: one line naming it with its overall score, then each approach's
score line followed by its missed and partial items, one line each with the
``file:line:col`` of the field. Unknown, not-applicable, met and waived items
are left out (the other formats and the full text view have them), so that a
pre-commit hook or a CI log shows what failed and little else.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from assess.core.checklist import APPROACH_TITLES, Approach
from assess.core.result import Assessment, Status
from assess.i18n import _
from assess.reporters.labels import score_line, status_word
from assess.reporters.text import COLOR, fmt_location

if TYPE_CHECKING:
    from assess.reporters.context import RunContext  # the protocol's third argument, unused here

FAILURES = (Status.missed, Status.partial)


def _paint(text: str, code: str, color: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if color else text


def render_one(a: Assessment, color: bool = False) -> list[str]:
    """One profile's score lines and failures."""
    p = a.profile
    head = _("{path}: {title} — {country}: overall {score}").format(
        path=p.path, title=p.title, country=p.country, score=score_line(a.overall)
    )
    out = [_paint(head, "1", color)]
    for approach in Approach:
        if approach not in a.approaches:
            continue
        out.append(
            "  "
            + _("{approach}: {score}").format(
                approach=_(APPROACH_TITLES[approach]), score=score_line(a.approaches[approach])
            )
        )
        for r in a.items:
            if r.approach is approach and r.status in FAILURES:
                label = _paint(f"{status_word(r.status, 'terminal'):<8}", COLOR[r.status], color)
                out.append(f"    {label} {r.id:<8} {r.title}  [{fmt_location(r.location, p.path)}]")
    return out


def render(assessments: Sequence[Assessment], color: bool = False, context: RunContext | None = None) -> str:
    """Every profile's score lines and failures."""
    del context
    return "".join(line + "\n" for a in assessments for line in render_one(a, color))
