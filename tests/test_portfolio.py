"""`assess portfolio`: outputs, bad profiles, parallel runs, gates."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import assess.cli
from paths import PORTFOLIO, ROOT, rel
from portfolio_helpers import run_assess

REPO = ROOT
DATA = rel(PORTFOLIO)
GOOD = f"{DATA}/programmes"
BAD = f"{DATA}/bad"
CHECKLIST = ["--checklist", f"{DATA}/mini-governance.yaml"]


def portfolio(*args: str) -> tuple[int, str, str]:
    return run_assess(["portfolio", *args], cwd=REPO)


@pytest.mark.parametrize(("fmt", "expected"), [("csv", "expected.csv"), ("markdown", "expected.md")])
def test_output_shape(fmt: str, expected: str) -> None:
    code, out, err = portfolio(GOOD, *CHECKLIST, "--format", fmt)
    assert code == 0, err
    assert out == (REPO / DATA / expected).read_bytes().decode("utf-8")


def test_csv_rows_in_rank_order_with_ties() -> None:
    code, out, _ = portfolio(GOOD, *CHECKLIST, "--format", "csv")
    assert code == 0
    lines = out.split("\r\n")
    assert [line.split(",")[0] for line in lines[1:-1]] == ["1", "2", "3", "3", "5"]


def test_ranking_synergies_and_problems_in_json() -> None:
    code, out, _ = portfolio(GOOD, *CHECKLIST, "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert doc["kind"] == "portfolio" and doc["schema_version"] == "1.1"
    ranked = [(e["rank"], e["title"], e["overall"]["score"]) for e in doc["programmes"]]
    assert ranked == [
        (1, "Alpha demining support", 100.0),
        (2, 'Charlie, "security | governance"', 31.2),
        (3, "Bravo clearance", 0.0),
        (3, "Echo clearance", 0.0),
        (5, "Delta survey", None),
    ]
    top = doc["synergies"][0]
    assert (top["id"], top["missed"], top["partial"], top["unknown"], top["applicable"]) == ("GOV-03", 3, 0, 1, 5)
    assert top["programmes"] == [
        f"{GOOD}/bravo.yaml",
        f"{GOOD}/east/charlie.yml",
        f"{GOOD}/echo.yaml",
    ]
    assert doc["approaches"]["good_governance"]["programmes_scored"] == 4
    assert doc["problems"] == []


def test_folders_are_searched_recursively_for_yaml_and_yml_once() -> None:
    code, out, _ = portfolio(GOOD, f"{GOOD}/alpha.yaml", f"{GOOD}/east", *CHECKLIST, "--format", "json")
    assert code == 0
    paths = sorted(e["path"] for e in json.loads(out)["programmes"])
    assert paths == [
        f"{GOOD}/alpha.yaml",
        f"{GOOD}/bravo.yaml",
        f"{GOOD}/east/charlie.yml",
        f"{GOOD}/east/delta.yaml",
        f"{GOOD}/echo.yaml",
    ]


def test_bad_profiles_are_reported_and_the_rest_written(tmp_path: Path) -> None:
    out_file = tmp_path / "portfolio.json"
    code, out, err = portfolio(GOOD, BAD, *CHECKLIST, "--format", "json", "-o", str(out_file))
    assert code == 2
    assert out == ""
    # The same located messages as `assess check` gives for those files.
    _, _, check_err = run_assess(["check", f"{BAD}/broken.yaml", f"{BAD}/typo.yaml"], cwd=REPO)
    check_lines = check_err.splitlines()
    assert check_lines == [
        f"error: {BAD}/broken.yaml:3:10: invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence)",
        f"error: {BAD}/typo.yaml:5:3: unknown key 'civilian_oversite' in 'governance'; did you mean 'civilian_oversight'?",
    ]
    assert err.splitlines() == [*check_lines, "2 problem(s); 5 programme(s) assessed."]
    doc = json.loads(out_file.read_text(encoding="utf-8"))
    assert len(doc["programmes"]) == 5
    assert [(p["path"], p["line"], p["column"]) for p in doc["problems"]] == [
        (f"{BAD}/broken.yaml", 3, 10),
        (f"{BAD}/typo.yaml", 5, 3),
    ]


def test_only_bad_profiles_write_nothing(tmp_path: Path) -> None:
    out_file = tmp_path / "portfolio.json"
    code, _, err = portfolio(BAD, *CHECKLIST, "-o", str(out_file))
    assert code == 2
    assert "typo.yaml:5:3" in err
    assert not out_file.exists()


@pytest.mark.parametrize(
    ("arg", "message"),
    [
        ("no-such-folder", "no-such-folder: no such file or folder; expected a profile or a folder of profiles"),
        ("templates", "templates: no profiles (*.yaml, *.yml) in this folder"),
    ],
)
def test_missing_or_empty_paths_are_problems(arg: str, message: str) -> None:
    code, out, err = portfolio(GOOD, arg, *CHECKLIST, "--format", "csv")
    assert code == 2
    assert f"error: {message}" in err.splitlines()
    assert len(out.splitlines()) == 6  # the good programmes are still shown


@pytest.mark.parametrize("fmt", ["json", "text", "csv", "markdown"])
def test_jobs_do_not_change_the_output(fmt: str) -> None:
    args = [GOOD, BAD, "examples/un-missions-2015", *CHECKLIST, "--format", fmt]
    one = portfolio(*args, "--jobs", "1")
    two = portfolio(*args, "--jobs", "2")
    assert one[0] == two[0] == 2
    assert one[1] == two[1]
    assert one[2] == two[2]
    assert one[1]


def test_fail_under_names_each_programme_below(tmp_path: Path) -> None:
    code, _, err = portfolio(GOOD, *CHECKLIST, "--fail-under", "50", "-o", str(tmp_path / "p.txt"))
    assert code == 1
    gates = [line for line in err.splitlines() if line.startswith("gate failed")]
    assert gates == [
        f'gate failed: --fail-under 50: {GOOD}/east/charlie.yml (Charlie, "security | governance") scores 31.2',
        f"gate failed: --fail-under 50: {GOOD}/bravo.yaml (Bravo clearance) scores 0.0",
        f"gate failed: --fail-under 50: {GOOD}/echo.yaml (Echo clearance) scores 0.0",
        f"gate failed: --fail-under 50: {GOOD}/east/delta.yaml (Delta survey) scores n/a",
    ]
    assert (tmp_path / "p.txt").is_file()


def test_fail_under_passes_when_all_reach_it() -> None:
    code, _, err = portfolio(f"{GOOD}/alpha.yaml", *CHECKLIST, "--fail-under", "100")
    assert code == 0, err


def test_output_into_a_missing_folder_is_an_input_error(tmp_path: Path) -> None:
    target = tmp_path / "nowhere" / "p.json"
    code, _, err = portfolio(GOOD, *CHECKLIST, "-o", str(target))
    assert code == 2
    assert "does not exist" in err
    assert not target.exists()


def test_rewriting_leaves_no_temporary_files(tmp_path: Path) -> None:
    target = tmp_path / "p.md"
    for _ in range(2):
        assert portfolio(GOOD, *CHECKLIST, "--format", "markdown", "-o", str(target))[0] == 0
    assert [p.name for p in tmp_path.iterdir()] == ["p.md"]


def test_a_bad_checklist_stops_the_run(tmp_path: Path) -> None:
    bad = tmp_path / "bad-checklist.yaml"
    bad.write_text("id: x\nversion: 1\n", encoding="utf-8")
    code, out, err = portfolio(GOOD, "--checklist", str(bad))
    assert code == 2
    assert out == ""
    assert str(bad) in err


def test_progress_bar_only_on_a_terminal_and_not_when_quiet(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # Never write to /dev/null here: an atomic write replaces the file it targets.
    out = str(tmp_path / "p.json")
    assert "Assessing" not in portfolio(GOOD, *CHECKLIST, "-o", out)[2]
    monkeypatch.setattr(assess.cli.common, "terminal", lambda stream: True)  # a terminal, whatever NO_COLOR says
    assert "Assessing" in portfolio(GOOD, *CHECKLIST, "--format", "json", "-o", out)[2]
    assert "Assessing" not in portfolio(GOOD, *CHECKLIST, "--quiet", "--format", "json", "-o", out)[2]


def test_text_view_names_every_part() -> None:
    code, out, _ = portfolio(GOOD, *CHECKLIST)
    assert code == 0
    assert out.startswith("Portfolio of 5 programmes (checklists: mini-governance 0.1.0)\n")
    for heading in [
        "Programmes, best overall score first",
        "Synergies missed most often:",
        "3 of 5  GOV-03 PSSM in the SSR strategy [high]  (3 missed, 0 partial, 1 unknown)",
        "UN mission mandates (as in the paper's Table 1):",
        "(2 programme(s) name no UN mission)",
        "UN Charter chapter × SSR mandate × mine action mandate:",
    ]:
        assert heading in out


def test_copied_folder_gives_the_same_portfolio(tmp_path: Path) -> None:
    # Paths are shown as given, so a copy under another name differs only in them.
    shutil.copytree(REPO / GOOD, tmp_path / "copy")
    code, out, _ = run_assess(
        ["portfolio", "copy", *["--checklist", str(REPO / DATA / "mini-governance.yaml")], "--format", "csv"],
        cwd=tmp_path,
    )
    assert code == 0
    expected = (REPO / DATA / "expected.csv").read_bytes().decode("utf-8").replace(f"{GOOD}/", "copy/")
    assert out == expected


def _profiles_for_equivalence(tmp_path: Path) -> list[Path]:
    import importlib.util

    spec = importlib.util.spec_from_file_location("genprofiles", REPO / "benchmarks" / "genprofiles.py")
    assert spec and spec.loader
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    synthetic: list[Path] = gen.generate(tmp_path / "synthetic", 40, seed=6)
    examples = sorted((REPO / "examples").rglob("*.yaml"))
    fixtures = sorted((REPO / GOOD).rglob("*.y*ml"))
    return [*examples, *fixtures, *synthetic]


@pytest.mark.parametrize("specs", [(), (f"{REPO}/{DATA}/mini-governance.yaml",)])
def test_the_portfolio_summary_equals_the_one_built_from_the_assessment(tmp_path: Path, specs: tuple[str, ...]) -> None:
    from assess.core.evaluate import evaluate
    from assess.core.portfolio import summarise, summarise_profile
    from assess.loading.checklists import load_checklists
    from assess.loading.profiles import load_profile

    checklists = load_checklists(specs)
    paths = _profiles_for_equivalence(tmp_path)
    assert len(paths) > 60
    for path in paths:
        profile, source = load_profile(path)
        full = summarise(evaluate(profile, checklists, source, "0"), profile.context.un_mission)
        assert summarise_profile(profile, checklists, source) == full, path


def test_json_output_matches_the_published_schema() -> None:
    import jsonschema

    code, schema_text, _ = run_assess(["schema", "portfolio"], cwd=REPO)
    assert code == 0
    schema = json.loads(schema_text)
    code, out, _ = portfolio(GOOD, BAD, "examples/un-missions-2015", *CHECKLIST, "--format", "json")
    assert code == 2
    doc = json.loads(out)
    jsonschema.validate(doc, schema)
    doc["programmes"][0]["rank"] = "first"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(doc, schema)


def test_json_written_in_pieces_is_the_document_byte_for_byte(tmp_path: Path) -> None:
    # The CLI writes the JSON one programme and one synergy at a time (memory);
    # the bytes must be those of the whole document dumped at once.
    from assess.core.portfolio import Portfolio
    from assess.reporters.portfolio_json import json_chunks

    target = tmp_path / "p.json"
    code, _, _ = portfolio(GOOD, BAD, "examples", *CHECKLIST, "--format", "json", "-o", str(target))
    assert code == 2
    written = target.read_text(encoding="utf-8")
    doc = Portfolio.model_validate_json(written)
    assert written == doc.model_dump_json(indent=2) + "\n"
    assert len(list(json_chunks(doc))) > len(doc.programmes) + len(doc.synergies)
    no_synergies = doc.model_copy(update={"synergies": []})
    assert "".join(json_chunks(no_synergies)) == no_synergies.model_dump_json(indent=2) + "\n"


def test_results_do_not_depend_on_the_order_of_the_files() -> None:
    files = sorted(str(p) for p in Path("examples").glob("*.yaml"))
    forward = portfolio(*files, "--format", "json", "--jobs", "1")
    backward = portfolio(*reversed(files), "--format", "json", "--jobs", "1")
    assert forward[0] == backward[0] == 0
    assert forward[1] == backward[1]


def test_text_ranking_marks_provisional_scores_and_says_what_the_mark_means() -> None:
    # Guatemala answers 3 of 54 applicable items: a 100.0 that must not read as settled.
    code, out, _ = portfolio("examples/guatemala.yaml", "examples/ukraine.yaml")
    assert code == 0
    lines = out.splitlines()
    row = next(line for line in lines if "[examples/guatemala.yaml]" in line)
    assert row.split()[:3] == ["1", "100.0*", "6%"]
    assert "  A score marked * is provisional: it rests on under half of the applicable items." in lines


def test_text_ranking_without_provisional_scores_has_no_mark_and_no_legend() -> None:
    code, out, _ = portfolio(GOOD, *CHECKLIST)
    assert code == 0
    assert "     1    100.0   100%       100.0  Alpha demining support — Liberia" in out
    assert "*" not in out.split("Approaches across")[0]
    assert "provisional" not in out
