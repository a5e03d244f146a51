"""`--format gitlab`: the GitLab Code Quality report (the CodeClimate subset GitLab reads)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema

from ci_support import CI_DIR, CODE_QUALITY, ROOT, at_root, check, profile

__all__ = ["at_root"]


def issues(*args: str) -> list[dict[str, Any]]:
    r = check(*args, "--format", "gitlab")
    assert r.code in (0, 1), r.err
    doc: list[dict[str, Any]] = json.loads(r.out)
    jsonschema.validate(doc, CODE_QUALITY)
    return doc


def test_issues_have_the_fields_gitlab_reads() -> None:
    found = issues(profile("weak"), profile("gaps"))
    assert [
        (i["check_name"], i["severity"], i["location"]["path"], i["location"]["lines"]["begin"]) for i in found
    ] == [
        ("assess/ci-test/GOV-01", "major", f"{CI_DIR}/weak.yaml", 5),  # missed, high priority
        ("assess/ci-test/GOV-02", "minor", f"{CI_DIR}/weak.yaml", 7),  # missed, medium priority
        ("assess/ci-test/GOV-03", "major", f"{CI_DIR}/weak.yaml", 9),
        ("assess/ci-test/GOV-01", "minor", f"{CI_DIR}/gaps.yaml", 4),  # partial
    ]
    assert found[0]["description"] == (
        "GOV-01 Civilian oversight of mine action — missed: Mine action is run by security forces "
        "without civilian oversight. [Weak programme]"
    )
    assert len({i["fingerprint"] for i in found}) == len(found)


def test_unknown_items_only_when_asked() -> None:
    found = issues(profile("gaps"), "--annotate-unknown")
    assert [(i["check_name"], i["severity"]) for i in found] == [
        ("assess/ci-test/GOV-01", "minor"),
        ("assess/ci-test/GOV-02", "info"),
        ("assess/ci-test/GOV-03", "info"),
    ]
    assert found[2]["location"]["lines"]["begin"] == 1  # the profile does not write that field


def test_fingerprints_survive_moved_lines_and_absolute_paths(tmp_path: Path, monkeypatch: Any) -> None:
    before = issues(profile("weak"))
    after = issues(str(Path(profile("weak")).resolve()))
    assert [i["fingerprint"] for i in after] == [i["fingerprint"] for i in before]
    assert {i["location"]["path"] for i in after} == {profile("weak")}
    # The same profile with lines added above its findings: same issues, new lines.
    monkeypatch.chdir(tmp_path)
    copy = tmp_path / "weak.yaml"
    text = (ROOT / profile("weak")).read_text()
    copy.write_text(text)
    first = issues("weak.yaml")
    copy.write_text("# reviewed\n# twice\n" + text)
    moved = issues("weak.yaml")
    assert [i["fingerprint"] for i in moved] == [i["fingerprint"] for i in first]
    assert [i["location"]["lines"]["begin"] for i in moved] == [7, 9, 11]
    assert [i["location"]["lines"]["begin"] for i in first] == [5, 7, 9]
    # Another profile path is another issue.
    assert not {i["fingerprint"] for i in first} & {i["fingerprint"] for i in before}


def test_a_strong_profile_has_no_issues() -> None:
    assert issues(profile("strong")) == []
