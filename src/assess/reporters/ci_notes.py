"""Wording the CI formats share: the note that counts the unknown items left
unannotated, and the line that says what a size-capped summary left out.

Machine formats (SARIF, GitHub workflow commands, GitLab Code Quality) stay
English, as :mod:`assess.reporters.labels` explains; the Markdown summary is
in the run's language.
"""

from __future__ import annotations

from collections.abc import Sequence

from assess.core.result import Assessment, Status
from assess.i18n import _, ngettext


def status_count(assessments: Sequence[Assessment], status: Status) -> tuple[int, int]:
    """How many items have ``status``, and in how many of the profiles."""
    per_profile = [sum(1 for r in a.items if r.status is status) for a in assessments]
    return sum(per_profile), sum(1 for n in per_profile if n)


def _counted(assessments: Sequence[Assessment], status: Status) -> tuple[str, str] | None:
    """'N checklist item(s) are' and 'in M profile(s)' for the items of
    ``status``, or None when there are none."""
    items, profiles = status_count(assessments, status)
    if not items:
        return None
    item_word = "item is" if items == 1 else "items are"
    profile_word = "profile" if profiles == 1 else "profiles"
    return f"{items} checklist {item_word}", f"in {profiles} {profile_word}"


def unknown_note(assessments: Sequence[Assessment]) -> str | None:
    """One English sentence counting the unknown items not annotated, or None
    when there are none."""
    counted = _counted(assessments, Status.unknown)
    if counted is None:
        return None
    items, profiles = counted
    return (
        f"{items} unknown (the profile is silent) {profiles}; "
        "they are evidence gaps, not annotated one by one. Run assess check with --annotate-unknown "
        "to list them, or see the job summary."
    )


def partial_note(assessments: Sequence[Assessment]) -> str | None:
    """One English sentence counting the items met in part that a GitHub run
    leaves unannotated, or None when there are none."""
    counted = _counted(assessments, Status.partial)
    if counted is None:
        return None
    items, profiles = counted
    return (
        f"{items} met in part {profiles}; they are not annotated one "
        "by one, so that the annotations GitHub lists are the missed items. Run assess check with "
        "--annotate-partial to list them, or see the job summary and the SARIF results."
    )


def overflow_note(counts: dict[str, int], limit: int) -> str | None:
    """One English sentence for a GitHub run with more annotations of a level
    than GitHub lists for a step (``limit``), or None when every one is listed."""
    if all(n <= limit for n in counts.values()):
        return None
    words = {"error": ("error", "errors"), "warning": ("warning", "warnings"), "notice": ("notice", "notices")}
    parts = [f"{n} {words[level][n != 1]}" for level, n in counts.items() if n]
    listed = ", ".join(parts[:-1]) + f" and {parts[-1]}" if len(parts) > 1 else parts[0]
    return (
        f"{listed}: GitHub lists at most {limit} annotations of each level for a step, so the most severe "
        "come first (missed before partial, high priority first); the job summary and the SARIF results "
        "have every finding."
    )


def summary_left_out(profiles: int, findings_only: bool, limit: int) -> str:
    """The Markdown summary's line saying what was left out to stay under ``limit`` bytes."""
    size = _("{kib} KiB").format(kib=limit // 1024)
    if findings_only:
        text = ngettext(
            "The findings of {n} profile were left out to keep this summary under {size}; "
            "the JUnit, SARIF or JSON output has them all.",
            "The findings of {n} profiles were left out to keep this summary under {size}; "
            "the JUnit, SARIF or JSON output has them all.",
            profiles,
        )
    else:
        text = ngettext(
            "{n} profile was left out to keep this summary under {size}; the JUnit, SARIF or JSON output has them all.",
            "{n} profiles were left out to keep this summary under {size}; "
            "the JUnit, SARIF or JSON output has them all.",
            profiles,
        )
    return text.format(n=profiles, size=size)
