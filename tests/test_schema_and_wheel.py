"""The exported schemas, and the package as a user installs it (a built wheel)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from conftest import EXAMPLES, ROOT, Run


@pytest.mark.parametrize("which", ["profile", "checklist", "result"])
def test_schema_is_valid_json_schema(which: str, assess: Callable[..., Run]) -> None:
    result = assess("schema", which)
    assert result.code == 0
    schema = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)


def _validator(schema: dict[str, Any]) -> Any:
    """What ``jsonschema.validate`` builds on each call (the schema checked
    against its dialect first), built once for a loop over documents."""
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def test_check_json_validates_against_result_schema(assess: Callable[..., Run]) -> None:
    validator = _validator(json.loads(assess("schema", "result").stdout))
    for example in sorted(EXAMPLES.glob("*.yaml")):
        doc = json.loads(assess("check", example, "--format", "json").stdout)
        validator.validate(doc)
        assert doc["schema_version"] == "1.5"


def test_profile_schema_accepts_short_and_long_forms(assess: Callable[..., Run]) -> None:
    schema = json.loads(assess("schema", "profile").stdout)
    validator = jsonschema.Draft202012Validator(schema)
    base = {"programme": {"title": "T", "country": "C"}}
    assert validator.is_valid({**base, "governance": {"civilian_oversight": "yes"}})
    assert validator.is_valid({**base, "governance": {"civilian_oversight": {"answer": "no", "evidence": "x"}}})
    assert not validator.is_valid({**base, "governance": {"civilian_oversight": "maybe"}})
    assert not validator.is_valid({**base, "governance": {"civilian_oversigt": "yes"}})


def test_checklist_schema_accepts_builtin_checklists(assess: Callable[..., Run]) -> None:
    from ruamel.yaml import YAML

    validator = _validator(json.loads(assess("schema", "checklist").stdout))
    for path in sorted((ROOT / "checklists").glob("*.yaml")):
        validator.validate(YAML(typ="safe").load(path.read_text("utf-8")))


@pytest.mark.slow
def test_wheel_installs_and_finds_builtin_data(tmp_path: Path) -> None:
    """Build a wheel, install it (no deps, no network) into a fresh venv that
    sees this environment's packages, and run it from outside the repository."""
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
    )
    # The distribution is named apart from the import package: "assess" on
    # PyPI is someone else's project.
    (wheel,) = dist.glob("assess_ssr_mine_action-*.whl")
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(system_site_packages=True, with_pip=False).create(env_dir)
    py = env_dir / "bin" / "python"
    # The fresh venv sees the test environment's site-packages through a .pth
    # file, so dependencies resolve without network; assess itself comes only
    # from the wheel (the editable install's finder is not carried over).
    site = next((env_dir / "lib").glob("python3*/site-packages"))
    deps = [p for p in sys.path if p.endswith("site-packages") and Path(p).is_dir()]
    (site / "test-env.pth").write_text("\n".join(deps) + "\n", "utf-8")
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(py), "install", "--no-deps", "--no-index", "-q", str(wheel)],
        check=True,
        capture_output=True,
    )
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    example = outside / "programme.yaml"
    example.write_bytes((EXAMPLES / "nepal.yaml").read_bytes())
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH",)}
    where = subprocess.run(
        [str(py), "-c", "import assess, assess.resources as r; print(assess.__file__); print(r.checklists_dir())"],
        cwd=outside,
        capture_output=True,
        text=True,
        env=env,
        check=True,
    ).stdout.splitlines()
    assert str(env_dir) in where[0], where
    assert "_data" in where[1], where
    shown = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(py), "show", "assess-ssr-mine-action"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "Name: assess-ssr-mine-action" in shown
    proc = subprocess.run(
        [str(env_dir / "bin" / "assess"), "check", "programme.yaml", "--format", "json"],
        cwd=outside,
        capture_output=True,
        text=True,
        env=env,
    )
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["checklists"], "built-in checklists were not found from the wheel"
    # The compiled French catalogue ships in the wheel.
    french = subprocess.run(
        [str(env_dir / "bin" / "assess"), "check", "programme.yaml", "--lang", "fr"],
        cwd=outside,
        capture_output=True,
        text=True,
        env=env,
    )
    assert french.returncode == 0, french.stderr
    assert "Score global" in french.stdout
    lint = subprocess.run(
        [str(env_dir / "bin" / "assess"), "lint"], cwd=outside, capture_output=True, text=True, env=env
    )
    assert lint.returncode == 0, lint.stderr
