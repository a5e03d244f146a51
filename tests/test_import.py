"""`assess import`: KoboToolbox and ODK Central exports to profiles, round trip
through the form, and located errors for malformed exports."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from assess.loading.profiles import load_profile
from conftest import Run

# Two programmes, answered as a field officer would; "" is a question left blank.
ANSWERS: list[dict[str, str]] = [
    {
        "title": "Northern Province Mine Action",
        "country": "Nepal",
        "organisations": "UNMAS\nNational Mine Action Authority",
        "assessment_date": "2024-05-01",
        "assessor": "Field team 2",
        "phase": "reconstruction",
        "un_mission_present": "yes",
        "name": "UNMIN",
        "ssr_mandate": "explicit",
        "mine_action_mandate": "implicit",
        "ssr": "defence police",
        "mine_action": "survey_clearance pssm",
        "civilian_oversight": "no",
        "civilian_oversight_notes": "The army runs mine action; no civilian body oversees it.",
        "information_management": "no",
        "victim_data_in_ims": "",
        "pssm_in_ssr_strategy": "yes",
        "mixed_gender_teams": "partial",
        "vetting": "unknown",
    },
    {
        "title": "Eastern EOD Support",
        "country": "Ukraine",
        "assessment_date": "2024-06-15",
        "un_mission_present": "no",
        "ssr": "",
        "mine_action": "none",
        "civilian_oversight": "yes",
        "information_management": "yes",
        "victim_data_in_ims": "yes",
    },
]

# What `assess check` must find in each imported profile (item id -> status).
EXPECTED: list[dict[str, str]] = [
    {
        "GOV-01": "missed",
        "GOV-02": "not_applicable",
        "GOV-03": "met",
        "LNK-01": "met",
        "GEN-04": "partial",
        "PPL-03": "unknown",
    },
    {
        # "None of these" mine action activities: items that need the mine
        # action side do not apply (issue 13, the item's ``needs``).
        "GOV-01": "not_applicable",
        "GOV-02": "not_applicable",
        "GOV-03": "not_applicable",
        "LNK-01": "not_applicable",
        "GEN-04": "not_applicable",
        # Could apply through DDR, but it needs the mine action side, known absent.
        "PPL-03": "not_applicable",
        "OWN-09": "not_applicable",
    },
]

KOBO_META = [
    "start",
    "end",
    "_id",
    "_uuid",
    "_submission_time",
    "_validation_status",
    "_status",
    "__version__",
    "_index",
]


@pytest.fixture(scope="module")
def form_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from assess.cli import main

    path = tmp_path_factory.mktemp("form") / "form.xlsx"
    with pytest.raises(SystemExit) as exc:
        main(["xlsform", "-o", str(path)])
    assert exc.value.code == 0
    return path


def _questions(form: Path) -> list[tuple[list[str], str, str]]:
    """(group path, name, type) of every question of the form, in order."""
    wb = load_workbook(form, read_only=True)
    rows = list(wb["survey"].iter_rows(values_only=True))
    head = [str(c) for c in rows[0]]
    groups: list[str] = []
    out = []
    for row in rows[1:]:
        cells = dict(zip(head, row, strict=True))
        kind, name = str(cells["type"]), cells["name"]
        if kind == "begin_group":
            groups.append(str(name))
        elif kind == "end_group":
            groups.pop()
        else:
            out.append((list(groups), str(name), kind))
    return out


def kobo_rows(form: Path, answers: list[dict[str, str]], sep: str = "/") -> tuple[list[str], list[list[str]]]:
    """A KoboToolbox-style table: group-prefixed headers, select-multiple 0/1 columns, metadata."""
    header: list[str] = ["start", "end"]
    cells: list[Callable[[dict[str, str], int], str]] = [
        lambda a, i: "2024-05-01T09:00:00.000+05:45",
        lambda a, i: "2024-05-01T10:00:00.000+05:45",
    ]
    for groups, name, kind in _questions(form):
        header.append(sep.join([*groups, name]))
        cells.append(lambda a, i, name=name: a.get(name, ""))
        if kind.startswith("select_multiple") and sep == "/":
            for option in ("pssm", "survey_clearance"):
                header.append(sep.join([*groups, name, option]))
                cells.append(lambda a, i, name=name, option=option: "1" if option in a.get(name, "").split() else "0")
    for meta in ("meta/instanceID", *KOBO_META[2:]):
        header.append(meta)
        cells.append(lambda a, i, meta=meta: f"uuid:0000-{i}" if meta == "meta/instanceID" else f"{meta}-{i}")
    rows = [[cell(a, i) for cell in cells] for i, a in enumerate(answers)]
    return header, rows


def write_csv(path: Path, header: list[str], rows: list[list[str]], delimiter: str = ";") -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode("utf-8-sig"))  # Kobo's CSV opens in Excel: it has a BOM
    return path


def _nest(flat: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in flat.items():
        *parents, leaf = key.split("/")
        node = out
        for part in parents:
            node = node.setdefault(part, {})
        node[leaf] = value
    return out


def _check(assess: Callable[..., Run], profile: Path) -> dict[str, Any]:
    r = assess("check", profile, "--format", "json")
    assert r.code == 0, r.stderr
    doc: dict[str, Any] = json.loads(r.stdout)
    return doc


def _statuses(doc: dict[str, Any]) -> dict[str, str]:
    return {i["id"]: i["status"] for i in doc["items"]}


def test_round_trip_kobo_csv(form_path: Path, tmp_path: Path, assess: Callable[..., Run]) -> None:
    header, rows = kobo_rows(form_path, ANSWERS)
    subs = write_csv(tmp_path / "subs.csv", header, rows)
    r = assess("import", subs, "--form", form_path, "-o", tmp_path / "profiles")
    assert r.code == 0, r.stderr
    assert r.stderr.splitlines()[-1] == f"2 profiles written to {tmp_path / 'profiles'}"
    files = sorted(p.name for p in (tmp_path / "profiles").iterdir())
    assert files == ["eastern-eod-support.yaml", "northern-province-mine-action.yaml"]

    north = tmp_path / "profiles" / "northern-province-mine-action.yaml"
    text = north.read_text(encoding="utf-8")
    assert text.startswith("# Imported by `assess import` from subs.csv, row 2 (instance uuid:0000-0)\n")
    profile, _ = load_profile(north)
    assert profile.programme.organisations == ["UNMAS", "National Mine Action Authority"]
    assert profile.context.un_mission is not None and profile.context.un_mission.name == "UNMIN"
    assert profile.governance.civilian_oversight.evidence == "The army runs mine action; no civilian body oversees it."
    # Blank and "unknown" answers are left out of the file: unknown facts.
    assert "victim_data_in_ims" not in text and "vetting" not in text

    doc = _check(assess, north)
    statuses = _statuses(doc)
    for item, status in EXPECTED[0].items():
        assert statuses[item] == status, item
    (gov01,) = [i for i in doc["items"] if i["id"] == "GOV-01"]
    assert gov01["evidence"][0]["evidence"] == "The army runs mine action; no civilian body oversees it."

    east, _ = load_profile(tmp_path / "profiles" / "eastern-eod-support.yaml")
    assert east.context.un_mission is None
    assert east.activities.mine_action == []  # "none of these": known to be empty
    assert east.activities.ssr is None  # left blank: unknown
    statuses = _statuses(_check(assess, tmp_path / "profiles" / "eastern-eod-support.yaml"))
    for item, status in EXPECTED[1].items():
        assert statuses[item] == status, item


def _profiles(folder: Path) -> dict[str, Any]:
    return {p.name: load_profile(p)[0] for p in sorted(folder.iterdir())}


def test_every_export_style_gives_the_same_profiles(
    form_path: Path, tmp_path: Path, assess: Callable[..., Run]
) -> None:
    header, rows = kobo_rows(form_path, ANSWERS)
    exports: dict[str, Path] = {}
    exports["kobo-semicolon"] = write_csv(tmp_path / "kobo1.csv", header, rows)
    exports["kobo-comma"] = write_csv(tmp_path / "kobo2.csv", header, rows, delimiter=",")
    records = [dict(zip(header, row, strict=True)) for row in rows]
    (tmp_path / "kobo.json").write_text(json.dumps(records), encoding="utf-8")
    exports["kobo-json"] = tmp_path / "kobo.json"
    odk_header, odk_rows = kobo_rows(form_path, ANSWERS, sep="-")
    odk_header = ["SubmissionDate", *odk_header[2:-8], "KEY"]
    odk_rows = [["2024-05-01T04:15:00.000Z", *row[2:-8], f"uuid:1111-{i}"] for i, row in enumerate(odk_rows)]
    exports["odk-csv"] = write_csv(tmp_path / "odk.csv", odk_header, odk_rows, delimiter=",")
    flat = [dict(zip(header[2:-8], row[2:-8], strict=True)) for row in rows]
    # OData has no 0/1 column per choice of a select-multiple.
    flat = [{k: v for k, v in f.items() if k.rsplit("/", 1)[0] not in f} for f in flat]
    odata = {"value": [{"__id": f"uuid:1111-{i}", **_nest(f)} for i, f in enumerate(flat)]}
    (tmp_path / "odk.json").write_text(json.dumps(odata), encoding="utf-8")
    exports["odk-json"] = tmp_path / "odk.json"

    results = {}
    for style, path in exports.items():
        out = tmp_path / style
        r = assess("import", path, "--form", form_path, "-o", out)
        assert r.code == 0, (style, r.stderr)
        results[style] = _profiles(out)
    first = results["kobo-semicolon"]
    assert len(first) == 2
    for style, profiles in results.items():
        assert profiles == first, style


BAD_CASES: list[tuple[str, str, str]] = [
    (
        "an answer that is not a choice",
        "row:1:civilian_oversight=maybe",
        'subs.csv:row 3, column "governance/civilian_oversight": "maybe" is not one of yes, no, partial, unknown',
    ),
    (
        "a missing programme title",
        "row:0:title=",
        'subs.csv:row 2, column "programme/title": is required but has no answer',
    ),
    (
        "a date in another format",
        "row:0:assessment_date=01/05/2024",
        'subs.csv:row 2, column "programme/assessment_date": "01/05/2024" is not a date (YYYY-MM-DD)',
    ),
    (
        "an activity that is not a choice",
        "row:0:mine_action=pssm demining",
        'subs.csv:row 2, column "activities/mine_action": "demining" is not one of risk_education, '
        "survey_clearance, victim_assistance, stockpile_destruction, advocacy, pssm, salw_control, eod_ied, "
        "ddr_support, community_safety, high_threat_iedd, none",
    ),
    (
        "none of these ticked with another activity",
        "row:1:mine_action=none pssm",
        'subs.csv:row 3, column "activities/mine_action": "none" cannot be chosen with other answers',
    ),
    (
        "a UN mission without a name",
        "row:0:name=",
        'subs.csv:row 2, column "context/un_mission/name": is required but has no answer',
    ),
]


def _edit(answers: list[dict[str, str]], spec: str) -> list[dict[str, str]]:
    _, index, change = spec.split(":", 2)
    key, value = change.split("=", 1)
    out = [dict(a) for a in answers]
    out[int(index)][key] = value
    return out


@pytest.mark.parametrize(("case", "spec", "message"), BAD_CASES, ids=[c[0] for c in BAD_CASES])
def test_bad_cells_are_located_and_nothing_is_written(
    case: str,
    spec: str,
    message: str,
    form_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    assess: Callable[..., Run],
) -> None:
    monkeypatch.chdir(tmp_path)
    header, rows = kobo_rows(form_path, _edit(ANSWERS, spec))
    write_csv(tmp_path / "subs.csv", header, rows)
    r = assess("import", "subs.csv", "--form", form_path, "-o", "profiles")
    assert r.code == 2
    assert r.stderr == f"error: {message}\n"
    assert not (tmp_path / "profiles").exists()


def test_every_problem_is_reported_in_row_order(
    form_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, assess: Callable[..., Run]
) -> None:
    monkeypatch.chdir(tmp_path)
    answers = ANSWERS * 6  # rows 2..13
    answers = _edit(answers, "row:9:vetting=perhaps")
    answers = _edit(answers, "row:1:civilian_oversight=maybe")
    header, rows = kobo_rows(form_path, answers)
    write_csv(tmp_path / "subs.csv", header, rows)
    (tmp_path / "profiles").mkdir()
    (tmp_path / "profiles" / "keep.yaml").write_text("kept\n", encoding="utf-8")
    r = assess("import", "subs.csv", "--form", form_path, "-o", "profiles")
    assert r.code == 2
    assert r.stderr.splitlines() == [
        'error: subs.csv:row 3, column "governance/civilian_oversight": "maybe" is not one of yes, no, partial, unknown',
        'error: subs.csv:row 11, column "people_centred/vetting": "perhaps" is not one of yes, no, partial, unknown',
    ]
    assert [p.name for p in (tmp_path / "profiles").iterdir()] == ["keep.yaml"]


def test_malformed_files(
    form_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, assess: Callable[..., Run]
) -> None:
    monkeypatch.chdir(tmp_path)

    def run(name: str, content: str | bytes) -> str:
        path = tmp_path / name
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        r = assess("import", name, "--form", form_path, "-o", "out")
        assert r.code == 2, r.stderr
        assert not (tmp_path / "out").exists()
        return r.stderr

    assert run("subs.json", '[{"programme/title": "A",\n  "programme/country": }]') == (
        "error: subs.json:2:24: is not valid JSON: Expecting value\n"
    )
    assert run("subs.json", '{"count": 2}') == (
        'error: subs.json: expected a list of submissions (KoboToolbox) or {"value": [...]} (ODK Central)\n'
    )
    assert run("subs.json", '{"value": [{"programme": {"title": "A", "country": "B"}}, 3]}') == (
        "error: subs.json:submission 2: is not an object of answers\n"
    )
    assert run(
        "subs.json",
        '[{"programme/title": "A", "programme/country": "B", "governance/civilian_oversight": ["yes"]}]',
    ) == (
        'error: subs.json:submission 1, field "governance/civilian_oversight": '
        "expected one answer, found a list or an object\n"
    )
    assert run("subs.csv", "") == "error: subs.csv: is empty; expected a header row of column names\n"
    assert run("subs.csv", "a;b\n1;2;3\n") == "error: subs.csv:row 2: has 3 cells but the header has 2 columns\n"
    assert run("subs.csv", "a;b;a\n1;2;3\n") == 'error: subs.csv:row 1, column "a": the column appears twice\n'
    assert run("subs.csv", "name;age\nx;3\n") == (
        f"error: subs.csv: no column is the programme title (programme/title) of {form_path}; is this an export "
        "of that form, with XML values and headers?\n"
    )
    assert run("subs.csv", b"\xff\xfeA\x00") == (
        "error: subs.csv: contains binary data (a NUL byte); expected a CSV or JSON text export\n"
    )
    assert (
        run("subs.xlsx", "x") == "error: subs.xlsx: expected a .csv, .json or .zip export of the form's submissions\n"
    )
    assert run("subs.csv", 'programme/title;programme/country\n"A;B\n') == (
        "error: subs.csv: is not valid CSV: unexpected end of data\n"
    )


def test_a_form_that_is_not_a_workbook(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, assess: Callable[..., Run]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "subs.csv").write_text("programme/title\nA\n", encoding="utf-8")
    (tmp_path / "form.xlsx").write_text("not a workbook", encoding="utf-8")
    r = assess("import", "subs.csv", "--form", "form.xlsx", "-o", "out")
    assert r.code == 2
    assert r.stderr.startswith("error: form.xlsx: is not an .xlsx workbook (")
    assert r.stderr.endswith("); give the form made by `assess xlsform`\n")
    r = assess("import", "subs.csv", "--form", "missing.xlsx", "-o", "out")
    assert r.code == 2
    assert r.stderr == "error: missing.xlsx: no such file; expected a form workbook (.xlsx) file\n"


def test_output_must_be_a_folder(
    form_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, assess: Callable[..., Run]
) -> None:
    monkeypatch.chdir(tmp_path)
    header, rows = kobo_rows(form_path, ANSWERS)
    write_csv(tmp_path / "subs.csv", header, rows)
    (tmp_path / "out").write_text("a file\n", encoding="utf-8")
    r = assess("import", "subs.csv", "--form", form_path, "-o", "out")
    assert r.code == 2
    assert r.stderr == "error: out: is not a folder\n"
    assert (tmp_path / "out").read_text(encoding="utf-8") == "a file\n"
