"""Hardening, round 2 (issue 15): hostile inputs that must succeed, safely.

Inputs that must fail are in the bad-input corpus (tests/data/bad_inputs/cases.yaml);
those here are accepted, and what they must not do is asserted: write facts
nobody answered, put a line of their own in a log, reach the terminal raw.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from conftest import ROOT, Run
from paths import HARDENING
from portfolio_helpers import alive

FORM = HARDENING / "form.xlsx"


def _statuses(assess: Callable[..., Run], profile: Path) -> dict[str, str]:
    r = assess("check", profile, "--format", "json")
    assert r.code == 0, r.stderr
    doc: dict[str, Any] = json.loads(r.stdout)
    return {i["id"]: i["status"] for i in doc["items"]}


def test_an_instance_id_cannot_write_facts(assess: Callable[..., Run], tmp_path: Path) -> None:
    """Defect 1: an instance id holding newlines and YAML stays inside the comment."""
    for export, title in (
        ("export_instance_newline.csv", "Injected"),
        ("export_instance_newline.json", "Injected JSON"),
    ):
        out = tmp_path / export
        r = assess("import", HARDENING / export, "--form", FORM, "-o", out)
        assert r.code == 0, r.stderr
        (written,) = out.iterdir()
        text = written.read_text("utf-8")
        head = text[: text.index("programme:")]
        assert all(line.startswith("# ") for line in head.splitlines()), head
        assert head.count("\n") == 3
        assert YAML(typ="safe").load(text) == {"programme": {"title": title, "country": "Testland"}}
        assert _statuses(assess, written)["GOV-01"] == "unknown"


def test_import_never_writes_a_name_windows_reserves(assess: Callable[..., Run], tmp_path: Path) -> None:
    r = assess("import", HARDENING / "export_reserved_names.csv", "--form", FORM, "-o", tmp_path)
    assert r.code == 0, r.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["con-profile.yaml", "lpt1-profile.yaml", "nul-profile.yaml"]


def test_no_output_replaces_an_input_under_any_name(assess: Callable[..., Run], tmp_path: Path) -> None:
    """Defect 4: a hard link to the profile, a checklist given to init or xlsform."""
    profile = tmp_path / "p.yaml"
    profile.write_text("programme:\n  title: T\n  country: C\n", "utf-8")
    (tmp_path / "hard.yaml").hardlink_to(profile)
    checklist = tmp_path / "cl.yaml"
    checklist.write_bytes((HARDENING.parent / "checklist_small.yaml").read_bytes())
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    for args, output in (
        (["check", profile, "--format", "json", "-o"], "hard.yaml"),
        (["portfolio", "--jobs", "2", tmp_path, "--format", "json", "-o"], "hard.yaml"),
        (["report", profile, "--format", "html", "-o"], "hard.yaml"),
        (["init", "--force", "--checklist", checklist, "-o"], "cl.yaml"),
        (["xlsform", "--checklist", checklist, "-o"], "cl.yaml"),
        (["check", profile, "--checklist", checklist, "-o"], "cl.yaml"),
    ):
        r = assess(*args, tmp_path / output)
        assert r.code == 2, (args, r.stderr)
        assert "cannot write: it is an input of this run" in r.stderr, r.stderr
        assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


LOG = HARDENING / "profile_log_injection.yaml"
COMMAND = re.compile(r"^\s*::")


@pytest.mark.parametrize("fmt", ["text", "json", "junit", "sarif", "markdown", "github"])
def test_no_line_of_a_check_output_starts_with_text_from_the_profile(assess: Callable[..., Run], fmt: str) -> None:
    """Defect 6: a CI runner runs every line starting with '::' (after spaces)."""
    r = assess("check", LOG, "--format", fmt)
    assert r.code == 0, r.stderr
    assert "line=1::title" in r.stdout  # the title is shown (escaped)
    for line in r.stdout.splitlines():
        if fmt == "github":
            # Its own commands only: each line is one, and the profile's lines are inside, escaped.
            assert re.match(r"::(error|warning|notice) ", line), line
            assert "%0A::" in line or "::warning file=x.yaml" not in line.split("::", 2)[2], line
        else:
            assert not COMMAND.match(line), line


@pytest.mark.parametrize("fmt", ["text", "json", "csv", "markdown"])
def test_no_line_of_a_portfolio_starts_with_text_from_a_profile(assess: Callable[..., Run], fmt: str) -> None:
    r = assess("portfolio", "--jobs", "1", LOG, "--format", fmt)
    assert r.code == 0, r.stderr
    assert "::title" in r.stdout
    for line in r.stdout.splitlines():
        assert not COMMAND.match(line), line


def test_error_lines_show_a_line_break_in_a_key_escaped(assess: Callable[..., Run], tmp_path: Path) -> None:
    bad = tmp_path / "k.yaml"
    bad.write_text('programme: {title: T, country: C}\ngovernance: {"x\\n::warning::key": yes}\n', "utf-8")
    r = assess("check", bad)
    assert r.code == 2
    assert len(r.stderr.splitlines()) == 1
    assert "'x\\n::warning::key'" in r.stderr


def test_csv_cells_that_a_spreadsheet_would_run_are_prefixed(assess: Callable[..., Run]) -> None:
    """Defect 8 (OWASP): a text starting with = + - @ tab or CR gets a leading quote."""
    r = assess("portfolio", "--jobs", "1", LOG, "--format", "csv")
    assert r.code == 0, r.stderr
    (row,) = list(csv.DictReader(io.StringIO(r.stdout)))
    assert row["un_mission"] == '\'=HYPERLINK("http://example.invalid","click")'
    assert row["title"] == "T ::warning file=x.yaml,line=1::title"
    assert row["overall_score"] == "0"


MARKDOWN = HARDENING / "profile_markdown_injection.yaml"
#: A link or image Markdown would form: '](' or ']:' or ']['  not preceded by a backslash.
LINK = re.compile(r"(?<!\\)\]\s*[(\[:]|<img|<a ", re.IGNORECASE)


def test_markdown_forms_no_link_or_image_from_data(assess: Callable[..., Run], tmp_path: Path) -> None:
    """Defect 7: a job summary shows a profile's links and images as typed, inert."""
    shown = tmp_path / "a&b `x`.yaml"  # a path with '&' and backticks, shown in code spans
    shown.write_bytes(MARKDOWN.read_bytes())
    for args in (["check", shown, "--format", "markdown"], ["portfolio", "--jobs", "1", shown, "--format", "markdown"]):
        r = assess(*args)
        assert r.code == 0, r.stderr
        assert not LINK.search(r.stdout), LINK.search(r.stdout)
        assert "http://example.invalid/pixel.png" in r.stdout  # shown, not dropped
        assert "&amp;amp;" not in r.stdout
    r = assess("check", shown, "--format", "markdown")
    assert f"``{shown}``" in r.stdout  # the code span shows '&' as typed, not '&amp;'


def test_a_form_declaring_the_largest_sheet_is_read_as_stored(assess: Callable[..., Run], tmp_path: Path) -> None:
    """Defect 11: the declared size (A1:XFD1048576) is not trusted, so a form
    that declares it but stores the usual rows imports as usual."""
    export = tmp_path / "e.csv"
    export.write_text("programme/title,programme/country\nA,C\n", "utf-8")
    r = assess("import", export, "--form", HARDENING / "form_huge_dimension.xlsx", "-o", tmp_path / "out")
    assert r.code == 0, r.stderr
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["a.yaml"]


def test_an_export_over_the_submission_bound_is_refused_unless_raised(
    assess: Callable[..., Run], tmp_path: Path
) -> None:
    """Defect 10: 10,000 submissions by default; --max-submissions raises it."""
    export = tmp_path / "e.csv"
    export.write_text("programme/title,programme/country\n" + "".join(f"P{i},C\n" for i in range(10_001)), "utf-8")
    out = tmp_path / "out"
    r = assess("import", export, "--form", FORM, "-o", out)
    assert r.code == 2
    assert r.stderr == (
        f"error: {export}: holds more than 10,000 rows; an import converts at most 10,000 "
        "(raise the limit with --max-submissions)\n"
    )
    assert not out.exists()
    small = tmp_path / "small.json"
    small.write_text(json.dumps([{"programme": {"title": f"P{i}", "country": "C"}} for i in range(3)]), "utf-8")
    assert assess("import", small, "--form", FORM, "--max-submissions", "2", "-o", out).code == 2
    assert assess("import", small, "--form", FORM, "--max-submissions", "3", "-o", out).code == 0
    assert len(list(out.iterdir())) == 3


def _limited(args: list[str], cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """assess in a process of at most 256 MB of address space and 60 s of CPU."""

    def limits() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (256 << 20, 256 << 20))
        resource.setrlimit(resource.RLIMIT_CPU, (60, 60))

    return subprocess.run(
        [sys.executable, "-m", "assess", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        preexec_fn=limits,
        timeout=timeout,
    )


@pytest.mark.slow  # five processes under memory and CPU limits
@pytest.mark.skipif(sys.platform != "linux", reason="address-space limits as on Linux")
@pytest.mark.parametrize(
    ("export", "form", "stderr"),
    [
        ("{deep}", "form.xlsx", "is nested too deeply (more than 64 levels)"),
        ("{rows}", "form.xlsx", "holds more than 10,000 rows"),
        ("{ok}", "../bad_inputs/form_shared_strings.xlsx", "unpacks to 24.5 MB"),
        ("{ok}", "../bad_inputs/form_far_corner.xlsx", "has more than 5,000 rows"),
        ("{ok}", "form_huge_dimension.xlsx", ""),
    ],
)
def test_hostile_imports_fail_cleanly_in_bounded_memory(
    export: str, form: str, stderr: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Defects 9-11: 100,000 nested brackets, 500,000 rows (4.9 MB), a form of
    1.5 million shared strings or a far corner: exit 2 with the message."""
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "deep.json").write_text("[" * 100_000 + "]" * 100_000, "utf-8")
    with (folder / "rows.csv").open("w", encoding="utf-8") as fh:
        fh.write("programme/title,programme/country\n")
        fh.write("t,c\n" * 500_000)
    (folder / "ok.csv").write_text("programme/title,programme/country\nA,C\n", "utf-8")
    name = export.format(deep=folder / "deep.json", rows=folder / "rows.csv", ok=folder / "ok.csv")
    proc = _limited(["import", name, "--form", form, "-o", str(folder / "out")], HARDENING)
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr
    if not stderr:
        assert proc.returncode == 0, proc.stderr
        return
    assert proc.returncode == 2, proc.stderr
    assert stderr in proc.stderr
    assert not (folder / "out").exists()


@pytest.mark.parametrize("epoch", ["-1", "1_000", " 5", "+5"])
def test_source_date_epoch_is_digits_only(
    epoch: str, assess: Callable[..., Run], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Also: a negative SOURCE_DATE_EPOCH (or one int() reads leniently) is refused."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    profile = tmp_path / "p.yaml"
    profile.write_text("programme:\n  title: T\n  country: C\n", "utf-8")
    r = assess("report", profile, "--format", "html", "-o", tmp_path / "r.html")
    assert (r.code, r.stderr) == (
        2,
        f"error: SOURCE_DATE_EPOCH: must be a whole number of seconds since 1970-01-01 UTC, not '{epoch}'\n",
    )
    assert not (tmp_path / "r.html").exists()


# ---------------------------------------------------------------- the checklist cache (defect 12)

SMALL = HARDENING.parent / "checklist_small.yaml"
PARTIAL = "programme: {title: T, country: C}\ngovernance: {civilian_oversight: partial}\n"


@pytest.fixture
def cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("ASSESS_CACHE_DIR", str(folder))
    return folder


def _scores(assess: Callable[..., Run], profile: Path) -> tuple[int, str]:
    r = assess("check", profile, "--checklist", SMALL, "--format", "json")
    doc = json.loads(r.stdout) if r.stdout else {}
    return r.code, json.dumps({i["id"]: i["status"] for i in doc.get("items", [])}, sort_keys=True) + r.stderr


def _edit_entry(folder: Path, change: Callable[[dict[str, Any]], None], reseal: bool) -> None:
    """Change the one cache entry; with ``reseal``, seal it again as assess would
    (what only someone who can write the user's cache folder can do)."""
    from assess.loading import cache

    (entry,) = folder.glob("checklist-*.json")
    text = entry.read_text("utf-8")
    body = text[: text.rfind(',"_source_sha256":')] + "}"
    data = json.loads(body)
    change(data)
    new = json.dumps(data, separators=(",", ":"))
    entry.write_text(cache._seal(SMALL.read_bytes(), new) if reseal else new, "utf-8")


def _unknown_operator(data: dict[str, Any]) -> None:
    data["items"][0]["criteria"]["met"]["when"] = {"field": "governance.civilian_oversight", "eq": "yes"}


def _other_condition(data: dict[str, Any]) -> None:
    data["items"][0]["criteria"]["met"]["when"] = {"field": "governance.civilian_oversight", "equals": "partial"}


def _duplicate_id(data: dict[str, Any]) -> None:
    data["items"][1]["id"] = data["items"][0]["id"]


def _escape_title(data: dict[str, Any]) -> None:
    data["items"][0]["title"] = "\x1b]0;owned\x07Civilian oversight"


@pytest.mark.parametrize("reseal", [False, True], ids=["edited", "edited-and-resealed"])
@pytest.mark.parametrize("change", [_unknown_operator, _other_condition, _duplicate_id, _escape_title])
def test_an_edited_cache_entry_is_not_trusted(
    change: Callable[[dict[str, Any]], None],
    reseal: bool,
    cache_folder: Path,
    assess: Callable[..., Run],
    tmp_path: Path,
) -> None:
    """An unknown operator crashed (exit 3); another condition turned a partial
    item met; duplicate ids passed. Every such entry is ignored: the run is the
    YAML's. A resealed entry is still re-checked (conditions, ids, texts) —
    except a valid other condition, which only the user could have written."""
    profile = tmp_path / "p.yaml"
    profile.write_text(PARTIAL, "utf-8")
    expected = _scores(assess, profile)
    assert expected[0] == 0, expected
    _edit_entry(cache_folder, change, reseal)
    if reseal and change is _other_condition:
        return  # sealed by someone who can write the user's cache: the user
    assert _scores(assess, profile) == expected


def test_a_cache_folder_others_may_write_is_not_read(
    cache_folder: Path, assess: Callable[..., Run], tmp_path: Path
) -> None:
    profile = tmp_path / "p.yaml"
    profile.write_text(PARTIAL, "utf-8")
    expected = _scores(assess, profile)
    _edit_entry(cache_folder, _other_condition, reseal=True)
    changed = _scores(assess, profile)
    assert changed != expected  # the user's own sealed entry is read ...
    cache_folder.chmod(0o777)
    assert _scores(assess, profile) == expected  # ... but not from a folder anyone may write


# ---------------------------------------------------------------- signals (defect 3)


def _children(pid: int) -> list[int]:
    return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def _sigint_as_in_a_terminal() -> None:
    # A job a shell starts in the background without job control (`cmd &` in a
    # script, as test runners are often started) inherits SIGINT ignored, and
    # assess rightly keeps it ignored: the run under test starts as a
    # terminal's foreground job would, with SIGINT at its default.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@dataclass
class _ReportRun:
    proc: subprocess.Popen[str]
    output: Path
    workers: list[int] = field(default_factory=list)
    stderr: str = ""


@contextlib.contextmanager
def _portfolio_writing_reports(tmp_path: Path) -> Iterator[_ReportRun]:
    """A portfolio of 24 PDF reports in two workers over an old output, held
    until its workers are writing reports. On leaving, anything still alive is
    killed (never hang the suite on workers left behind: they hold the pipe)
    and the run's stderr is read."""
    profiles, reports = tmp_path / "profiles", tmp_path / "reports"
    profiles.mkdir()
    reports.mkdir()
    for i in range(24):
        (profiles / f"p{i:02}.yaml").write_bytes((ROOT / "examples" / "nepal.yaml").read_bytes())
    output = tmp_path / "portfolio.json"
    output.write_text("the old portfolio\n", "utf-8")
    args = ["portfolio", "--jobs", "2", "-q", str(profiles), "--reports-dir", str(reports), "--format", "json"]
    with subprocess.Popen(
        [sys.executable, "-m", "assess", *args, "-o", str(output)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_sigint_as_in_a_terminal,
    ) as proc:
        run = _ReportRun(proc, output)
        try:
            deadline = time.monotonic() + 120
            while not any(reports.iterdir()) and time.monotonic() < deadline and proc.poll() is None:
                time.sleep(0.1)  # until the workers are writing reports
            assert proc.poll() is None
            run.workers = _children(proc.pid)
            yield run
        finally:
            if proc.poll() is None:
                proc.kill()
            for w in run.workers:
                with contextlib.suppress(OSError):
                    os.kill(w, signal.SIGKILL)
            _, run.stderr = proc.communicate(timeout=30)


@pytest.mark.slow  # a portfolio of PDF reports in two workers, interrupted: some seconds
@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads worker processes from /proc (Linux)")
@pytest.mark.parametrize(
    ("signum", "code"),
    [(signal.SIGINT, 130), (signal.SIGTERM, 143)],
)
def test_an_interrupted_portfolio_stops_at_once(signum: int, code: int, tmp_path: Path) -> None:
    """SIGINT or SIGTERM to the main process only (as CI runners, `timeout` and
    `kill` send it) once workers write reports: exit 130/143 within seconds,
    no worker left, the old output kept, no temporary file anywhere."""
    with _portfolio_writing_reports(tmp_path) as run:
        assert run.workers
        os.kill(run.proc.pid, signum)
        deadline = time.monotonic() + 15
        while run.proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(1)  # the workers' own exit
        left = [w for w in run.workers if alive(w)]
    assert run.proc.returncode == code, run.stderr
    assert "Traceback" not in run.stderr, run.stderr
    assert left == []
    assert run.output.read_text("utf-8") == "the old portfolio\n"
    assert [p.name for p in tmp_path.rglob("*") if p.name.endswith(".tmp")] == []


#: A busy worker told to stop while it runs a finaliser (as WeasyPrint's font
#: configuration removing its folder in ``__del__``): Python cannot raise there.
_STOPPED_IN_A_FINALISER = """
import os, signal, time
from assess.app import portfolio as P
P._init_worker((), "0", None)
class Folder:
    def __del__(self):
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(0.05)
P._BUSY = True
try:
    folder = Folder()
    del folder
    time.sleep(2)
    print("still working")
except P._Stopped:
    print("stopped")
"""


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="interval timers (POSIX)")
def test_a_stop_arriving_in_a_finaliser_is_not_lost() -> None:
    """The stop is asked again once the finaliser is done: the worker stops (and
    so removes the report it was writing), and says nothing of it; before, it
    printed "Exception ignored in …" with a traceback and worked on until killed."""
    done = subprocess.run(
        [sys.executable, "-c", _STOPPED_IN_A_FINALISER], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert (done.stdout, done.stderr) == ("stopped\n", "")


@pytest.mark.slow  # a portfolio of PDF reports in two workers, one killed: some seconds
@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads worker processes from /proc (Linux)")
def test_a_worker_killed_from_outside_is_said_plainly(tmp_path: Path) -> None:
    """The kernel's out-of-memory killer (or anyone) sends SIGKILL to one
    worker: the run stops at once with a message naming the signal and what to
    try, exit 3, not "a bug in assess"; no worker left; the old output kept."""
    with _portfolio_writing_reports(tmp_path) as run:
        assert len(run.workers) == 2
        os.kill(run.workers[0], signal.SIGKILL)
        run.proc.wait(timeout=30)
        time.sleep(1)
        left = [w for w in run.workers if alive(w)]
    assert run.proc.returncode == 3
    assert run.stderr == (
        "error: a worker process was stopped from outside by signal 9 (SIGKILL); the portfolio was not written. "
        "If the machine is short of memory (the kernel stops a process with SIGKILL), run again with fewer --jobs.\n"
    )
    assert left == []
    assert run.output.read_text("utf-8") == "the old portfolio\n"
    assert [p.name for p in tmp_path.rglob("*") if p.name.endswith(".tmp")] == []


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads worker processes from /proc (Linux)")
def test_an_interrupt_python_dropped_still_stops_the_portfolio(tmp_path: Path) -> None:
    """A signal raised inside a finaliser is printed and dropped by Python; the
    run notes every interrupt, and the portfolio's loop raises it again: the
    workers are stopped and none is left."""
    import multiprocessing

    from assess.app.portfolio import run_portfolio
    from assess.errors import INTERRUPTED
    from assess.loading.checklists import load_checklists

    files = []
    for i in range(6):
        files.append(tmp_path / f"p{i}.yaml")
        files[-1].write_bytes((ROOT / "examples" / "nepal.yaml").read_bytes())
    checklists = load_checklists(())
    INTERRUPTED.append(signal.SIGINT)  # as if the KeyboardInterrupt had been swallowed
    try:
        with pytest.raises(KeyboardInterrupt):
            run_portfolio(files, (), checklists, tool_version="test", jobs=2)
    finally:
        INTERRUPTED.clear()
    assert [c for c in multiprocessing.active_children() if c.isalive()] == []


def test_no_report_replaces_a_file_of_its_template_folder(
    assess: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Defect 4, the template folder's files being inputs too (named as given)."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(ROOT / "templates", "t")
    Path("p.yaml").write_text("programme:\n  title: T\n  country: C\n", "utf-8")
    before = {p: p.read_bytes() for p in Path("t").rglob("*") if p.is_file()}
    for fmt, target in (("html", "t/report.html.j2"), ("html", "t/report.css")):
        r = assess("report", "p.yaml", "--template-dir", "t", "--format", fmt, "-o", target)
        assert r.code == 2, r.stderr
        assert r.stderr == (
            f"error: {target}: cannot write: it is an input of this run ({target}); write the output to another file\n"
        )
    assert {p: p.read_bytes() for p in Path("t").rglob("*") if p.is_file()} == before


@pytest.mark.parametrize("color", [False, True])
def test_a_file_name_reaches_no_terminal_raw(color: bool, tmp_path: Path) -> None:
    """Defect 5: a file's name (found in a folder) can hold ESC and line breaks;
    the text views show it escaped, also when they paint their own colours."""
    from assess.app.check import run_check
    from assess.app.portfolio import assess_portfolio, plan_portfolio
    from assess.reporters import portfolio as portfolio_view
    from assess.reporters import text

    bad = tmp_path / "x\x1b]0;owned\x07\n::warning::name.yaml"
    bad.write_text("programme:\n  title: T\n  country: C\n", "utf-8")
    run = run_check([bad], ())
    shown = text.render([a for a in run.assessments], color=color)
    plan = plan_portfolio([tmp_path], ())
    page = portfolio_view.render_text(assess_portfolio(plan, tool_version="0", jobs=1).portfolio, color=color)
    for out in (shown, page):
        assert "\x07" not in out and "]0;owned" not in out.replace("\\u001b]0;owned", "")
        assert "\\u001b]0;owned\\u0007\\n::warning::name.yaml" in out
        assert not any(COMMAND.match(line) for line in out.splitlines())
