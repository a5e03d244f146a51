"""Loading programme profiles."""

from __future__ import annotations

from pathlib import Path

from assess.core.evaluate import ProfileSource
from assess.core.profile import LNK09_HALVES, Profile, treaty_party_conflict, voice_problems
from assess.errors import InputError, Problem
from assess.loading import yamlsrc
from assess.loading.validate import validate
from assess.loading.yamlsrc import DataPath

_TREATY_PARTY: DataPath = ("national_ownership", "treaty_party")


def load_profile(path: Path) -> tuple[Profile, ProfileSource]:
    """Load and validate a profile; raises InputError with locations."""
    doc = yamlsrc.load(path, "profile")
    profile = validate(Profile, doc, what="profile")
    voices = voice_problems(profile)
    if voices:
        # Respondents, responses and merge refer to each other: checked once all are read.
        problems = []
        for at, message in voices:
            line, col = doc.position(at, prefer_key=len(at) == 2 and at[0] == "responses") or (1, 1)
            problems.append(Problem(doc.path, line, col, message))
        raise InputError(problems)
    locations = doc.keys
    conflict = treaty_party_conflict(profile.national_ownership.treaty_party, profile.treaties)
    if conflict is not None and not profile.treaty_party_was_derived:
        line, col = doc.position(_TREATY_PARTY) or (1, 1)
        raise InputError.at(doc.path, f"national_ownership.treaty_party: {conflict}", line, col)
    if profile.treaty_party_was_derived:
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
    return profile, ProfileSource(path=doc.path, sha256=doc.sha256, locations=locations)
