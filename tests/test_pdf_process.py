"""`assess report` lays its PDF out in a process started ahead (assess.app.pdf_process):
the same bytes as in the command's own process, errors and inputs carried
back, the process stopped on every way out.

The processes are forked from a fresh interpreter (one script, run once),
never from the test process, which under pytest-xdist runs threads."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from conftest import run_process
from paths import EXAMPLES, ROOT

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform != "linux", reason="a process is started ahead on Linux only"),
]

SCRIPT = textwrap.dedent(
    """
    import datetime as dt, json, os, sys
    from pathlib import Path
    from assess.app import pdf_process as pp
    from assess.errors import WorkerLost
    from assess.files import check_writable
    from assess.errors import InputError

    work = Path(sys.argv[1])
    folder = work / "templates"
    created = dt.datetime(2024, 5, 1, tzinfo=dt.UTC)
    html = '<html lang="en"><head><link rel="stylesheet" href="page.css"></head><body><p id="brief">A page.</p></body></html>'
    request = pp.PDFRequest(html, folder, created)
    out = {}

    ahead = pp.AheadRenderer()
    rendered = ahead(request)
    ahead.close()
    out["pages"] = rendered.pages
    out["messages"] = rendered.messages
    try:
        check_writable(folder / "page.css")
        out["css_noted"] = False
    except InputError:
        out["css_noted"] = True  # read by the other process, still an input here
    out["same_bytes"] = pp.render_here(request).data == rendered.data

    ahead = pp.AheadRenderer()
    try:
        ahead(pp.PDFRequest(html, folder, created, variant="pdf/x-1a"))
    except ValueError as e:
        out["error"] = str(e)
    ahead.close()

    ahead = pp.AheadRenderer()
    os.kill(ahead.pid, 9)
    try:
        ahead(request)
    except WorkerLost as e:
        out["lost"] = e.status
    ahead.close()

    ahead = pp.AheadRenderer()
    pid = ahead.pid
    ahead.close()
    try:
        os.kill(pid, 0)
        out["stopped"] = False
    except ProcessLookupError:
        out["stopped"] = True  # stopped and reaped: no zombie left
    print(json.dumps(out))
    """
)


@pytest.fixture(scope="module")
def outcome(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    work = tmp_path_factory.mktemp("ahead")
    (work / "templates").mkdir()
    (work / "templates" / "page.css").write_text("p { color: #1f4e79; }", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "ASSESS_DEBUG"}
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(work)], capture_output=True, text=True, cwd=ROOT, env=env, timeout=300
    )
    assert proc.returncode == 0, proc.stderr
    result: dict[str, Any] = json.loads(proc.stdout)
    return result


def test_the_page_comes_back_as_it_is_laid_out_here(outcome: dict[str, Any]) -> None:
    assert outcome["pages"] == 1
    assert outcome["messages"] == []
    assert outcome["same_bytes"] is True


def test_what_the_other_process_read_is_an_input_here(outcome: dict[str, Any]) -> None:
    assert outcome["css_noted"] is True


def test_an_error_there_is_raised_here(outcome: dict[str, Any]) -> None:
    assert outcome["error"] == "unknown PDF variant 'pdf/x-1a'; expected one of pdf/ua-1, pdf/a-3b"


def test_a_process_that_dies_is_a_lost_worker(outcome: dict[str, Any]) -> None:
    assert outcome["lost"] == -9


def test_closing_early_stops_the_process(outcome: dict[str, Any]) -> None:
    assert outcome["stopped"] is True


def test_the_report_is_the_same_with_and_without_the_process_ahead(tmp_path: Path) -> None:
    ahead, here = tmp_path / "ahead.pdf", tmp_path / "here.pdf"
    env = {k: v for k, v in os.environ.items() if k != "ASSESS_DEBUG"}
    first = run_process(["report", str(EXAMPLES / "liberia.yaml"), "-o", str(ahead)], env=env)
    assert first.code == 0, first.stderr
    second = run_process(["report", str(EXAMPLES / "liberia.yaml"), "-o", str(here)], env={**env, "ASSESS_DEBUG": "1"})
    assert second.code == 0, second.stderr
    assert first.stdout == second.stdout
    assert ahead.read_bytes() == here.read_bytes()


def test_a_bad_profile_still_fails_at_once_with_its_message(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("programme:\n  title: [unclosed\n", encoding="utf-8")
    run = run_process(["report", str(bad), "-o", str(tmp_path / "out.pdf")])
    assert run.code == 2
    assert (
        run.stderr
        == f"error: {bad}:3:1: invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence)\n"
    )
    assert not (tmp_path / "out.pdf").exists()


ORPHAN = textwrap.dedent(
    """
    import os, signal
    from assess.app import pdf_process as pp
    ahead = pp.AheadRenderer()
    print(ahead.pid, flush=True)
    os.kill(os.getpid(), signal.SIGKILL)  # the command dies before it hands over a page
    """
)


def test_a_command_killed_outright_leaves_no_process_behind() -> None:
    import time

    proc = subprocess.run([sys.executable, "-c", ORPHAN], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == -9
    pid = int(proc.stdout)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return  # it saw the end of its pipe and left
        # An orphan is reaped by init; a zombie entry still answers kill(0) until then.
        try:
            with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
                if stat.read().split()[2] == "Z":
                    return
        except FileNotFoundError:
            return
        time.sleep(0.2)
    pytest.fail(f"process {pid} still waits for a page from a command that is gone")


def test_the_message_when_that_process_is_lost_names_the_report() -> None:
    from assess.cli import _worker_lost

    assert _worker_lost(-9, layout=True) == (
        "error: the process laying out the PDF was stopped from outside by signal 9 (SIGKILL); the report was not written."
    )


def test_a_trend_pdf_is_the_same_with_and_without_the_process_ahead(tmp_path: Path) -> None:
    rounds = [str(ROOT / "tests" / "data" / "trend" / f"round{n}.yaml") for n in (1, 2, 3)]
    ahead, here = tmp_path / "ahead.pdf", tmp_path / "here.pdf"
    env = {k: v for k, v in os.environ.items() if k != "ASSESS_DEBUG"}
    first = run_process(["trend", *rounds, "-o", str(ahead), "--lang", "fr"], env=env)
    assert first.code == 0, first.stderr
    second = run_process(["trend", *rounds, "-o", str(here), "--lang", "fr"], env={**env, "ASSESS_DEBUG": "1"})
    assert second.code == 0, second.stderr
    assert first.stdout == second.stdout
    assert ahead.read_bytes() == here.read_bytes()


def _children_of(pid: int) -> list[str]:
    """The ids of ``pid``'s child processes, from /proc (no procps needed)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text(encoding="ascii").rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # gone meanwhile
        if fields[1] == str(pid):
            found.append(stat.parent.name)
    return found


def test_a_report_whose_layout_process_is_killed_says_so_and_writes_nothing(tmp_path: Path) -> None:
    import signal
    import time

    out = tmp_path / "liberia.pdf"
    env = {k: v for k, v in os.environ.items() if k != "ASSESS_DEBUG"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "assess", "report", str(EXAMPLES / "liberia.yaml"), "-o", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=env,
    )
    children: list[str] = []
    deadline = time.monotonic() + 30
    while not children and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
        children = _children_of(proc.pid)
    assert children, "no process was started ahead"
    time.sleep(0.5)  # importing WeasyPrint, or laying out
    os.kill(int(children[0]), signal.SIGKILL)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 3
    assert err == (
        "error: the process laying out the PDF was stopped from outside by signal 9 (SIGKILL); "
        "the report was not written.\n"
    )
    assert not out.exists()
