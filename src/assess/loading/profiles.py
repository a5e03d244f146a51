"""Loading programme profiles."""

from __future__ import annotations

from pathlib import Path

from assess.core.evaluate import ProfileSource
from assess.core.profile import Profile
from assess.loading import yamlsrc
from assess.loading.validate import validate


def load_profile(path: Path) -> tuple[Profile, ProfileSource]:
    """Load and validate a profile; raises InputError with locations."""
    doc = yamlsrc.load(path, "profile")
    profile = validate(Profile, doc, what="profile")
    return profile, ProfileSource(path=doc.path, sha256=doc.sha256, locations=doc.keys)
