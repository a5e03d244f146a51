"""Loading programme profiles."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from difflib import get_close_matches
from pathlib import Path

from assess.core.evaluate import ProfileSource
from assess.core.evidence import fact_sections
from assess.core.profile import LNK09_HALVES, Profile, treaty_party_conflict, voice_problems
from assess.errors import InputError, Problem
from assess.files import note_input
from assess.i18n import _
from assess.loading import yamlsrc
from assess.loading.validate import validate
from assess.loading.yamlsrc import DataPath, YamlDoc

_TREATY_PARTY: DataPath = ("national_ownership", "treaty_party")


def _check_sources(profile: Profile, doc: YamlDoc, today: dt.date) -> None:
    """EVIDENCE (issue 18): every ``sources`` key names a fact or a section of facts,
    and no source is dated after the day the assessment is judged on."""
    paths = fact_sections()
    problems: list[Problem] = []
    for key, source in (profile.sources or {}).items():
        if key not in paths:
            hint = get_close_matches(key, list(paths), n=1)
            message = _("sources: '{path}' is neither a fact nor a section of facts of a profile").format(path=key)
            if hint:
                message += _("; did you mean '{hint}'?").format(hint=hint[0])
            line, col = doc.position(("sources", key), prefer_key=True) or (1, 1)
            problems.append(Problem(doc.path, line, col, message))
        elif source.date is not None and source.date > today:
            line, col = doc.position(("sources", key, "date")) or (1, 1)
            message = _(
                "sources.{path}.date: {date} is after {today}, the day the assessment is judged on; "
                "a source cannot be dated later"
            ).format(path=key, date=source.date.isoformat(), today=today.isoformat())
            problems.append(Problem(doc.path, line, col, message))
    if problems:
        raise InputError(problems)


def load_profile(
    path: Path, today: dt.date | None = None, positions: bool = True, parsed: YamlDoc | None = None
) -> tuple[Profile, ProfileSource]:
    """Load and validate a profile; raises InputError with locations.

    ``today`` is the day the assessment is judged on (default: the clock's): no
    ``sources`` entry may be dated after it. Without ``positions`` the file's
    locations are read only if a problem or the source's ``locations`` asks
    for them (a portfolio's summary of a valid profile never does).
    ``parsed``: the file as already read and parsed (by the portfolio's
    reader, :mod:`assess.loading.readahead`)."""
    if parsed is None:
        doc = yamlsrc.load(path, "profile", positions)
    else:
        note_input(path)  # as reading it here would have
        doc = parsed
    profile = validate(Profile, doc, what="profile")
    voices = voice_problems(profile)
    if voices:
        # Respondents, responses and merge refer to each other: checked once all are read.
        problems = []
        for at, message in voices:
            line, col = doc.position(at, prefer_key=len(at) == 2 and at[0] == "responses") or (1, 1)
            problems.append(Problem(doc.path, line, col, message))
        raise InputError(problems)
    if profile.sources:
        _check_sources(profile, doc, today if today is not None else dt.date.today())
    conflict = treaty_party_conflict(profile.national_ownership.treaty_party, profile.treaties)
    if conflict is not None and not profile.treaty_party_was_derived:
        line, col = doc.position(_TREATY_PARTY) or (1, 1)
        raise InputError.at(doc.path, f"national_ownership.treaty_party: {conflict}", line, col)
    located = _Locations(doc, profile.treaty_party_was_derived)
    return profile, ProfileSource(path=doc.path, sha256=doc.sha256, locations=located.table() if positions else located)


class _Locations(Mapping[DataPath, tuple[int, int]]):
    """Where each key of a profile sits, facts worked out from others
    pointing where those are; read from the file when first looked up."""

    __slots__ = ("_derived", "_doc", "_table")

    def __init__(self, doc: YamlDoc, treaty_party_derived: bool) -> None:
        self._doc = doc
        self._derived = treaty_party_derived
        self._table: dict[DataPath, tuple[int, int]] | None = None

    def table(self) -> dict[DataPath, tuple[int, int]]:
        if self._table is None:
            self._table = _located(self._doc.keys, self._derived)
        return self._table

    def __getitem__(self, key: DataPath) -> tuple[int, int]:
        return self.table()[key]

    def __iter__(self) -> Iterator[DataPath]:
        return iter(self.table())

    def __len__(self) -> int:
        return len(self.table())


def _located(locations: dict[DataPath, tuple[int, int]], treaty_party_derived: bool) -> dict[DataPath, tuple[int, int]]:
    if treaty_party_derived:
        # The derived fact is answered by the treaties: point its evidence there.
        where = next(
            (locations[k] for k in (("treaties", "apmbc"), ("treaties", "ccm"), ("treaties",)) if k in locations),
            None,
        )
        if where is not None:
            locations = {**locations, _TREATY_PARTY: where}
    combined: DataPath = ("linkage", "clearance_linked_to_security_providers")
    if combined in locations:
        # A half of LNK-09 worked out from the older combined fact points there.
        halves: dict[DataPath, tuple[int, int]] = {
            ("linkage", name): locations[combined] for name in LNK09_HALVES if ("linkage", name) not in locations
        }
        locations = {**locations, **halves}
    return locations
