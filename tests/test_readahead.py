"""A portfolio's profiles read ahead while the run starts (assess.loading.readahead).

The reader only moves where a profile is parsed: every output, message and
exit status must be what the workers give when they read every file
themselves, whatever the files hold (bad, unusual, large, gone), with one
worker or two; and the reader must never outlive the run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from assess.loading import readahead, yamlsrc
from assess.loading.readahead import ReadAhead
from conftest import Run
from paths import BAD_INPUTS, EXAMPLES, ROOT
from portfolio_helpers import alive

#: Bad and unusual profiles the reader must leave to the workers (or read as they would).
_ODD = [
    "profile_syntax.yaml",
    "profile_dup.yaml",
    "profile_merge.yaml",
    "profile_alias_bomb.yaml",
    "profile_tag.yaml",
    "profile_bom.yaml",
    "profile_latin1.yaml",
    "profile_binary.yaml",
    "profile_multi.yaml",
    "profile_empty.yaml",
    "profile_escape_char.yaml",
    "profile_bad_answer.yaml",
    "profile_treaty_conflict.yaml",
    "profile_unknown_key.yaml",
]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Every example, twice, with bad and unusual profiles between them, and
    one valid profile longer than the reader takes."""
    profiles = tmp_path / "profiles"
    profiles.mkdir()
    for n, example in enumerate(sorted(EXAMPLES.glob("*.yaml")) * 2):
        shutil.copy(example, profiles / f"{n:02}-{example.name}")
    for name in _ODD:
        shutil.copy(BAD_INPUTS / name, profiles / f"odd-{name}")
    text = (EXAMPLES / "nepal.yaml").read_text("utf-8")
    padding = "#" + "x" * 99 + "\n"
    (profiles / "zz-long.yaml").write_text(text + padding * (readahead.MAX_FILE_BYTES // 100 + 1), "utf-8")
    return profiles


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """The reader started even on one CPU; how many profiles each run's reader read."""
    monkeypatch.setattr(readahead, "cpus", lambda: 2)
    read: list[int] = []
    stop = ReadAhead.stop

    def stopped(self: ReadAhead) -> None:
        going = self._pid is not None
        stop(self)
        if going:
            read.append(self.count())

    monkeypatch.setattr(ReadAhead, "stop", stopped)
    yield read


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("fmt", ["json", "text"])
def test_a_portfolio_read_ahead_is_the_one_read_by_the_workers(
    assess: Callable[..., Run],
    folder: Path,
    counted: list[int],
    monkeypatch: pytest.MonkeyPatch,
    jobs: str,
    fmt: str,
) -> None:
    monkeypatch.setattr(readahead, "MIN_FILES", 10**9)
    alone = assess("portfolio", folder, "--jobs", jobs, "--format", fmt, "-q")
    assert counted == []
    monkeypatch.setattr(readahead, "MIN_FILES", 1)
    ahead = assess("portfolio", folder, "--jobs", jobs, "--format", fmt, "-q")
    assert len(counted) == 1 and counted[0] > 0
    assert (ahead.code, ahead.stdout, ahead.stderr) == (alone.code, alone.stdout, alone.stderr)
    assert alone.code == 2 and "profile_syntax.yaml" in alone.stderr
    assert "zz-long.yaml" in alone.stdout


def test_the_reader_keeps_only_what_the_workers_would_read_as_plain(folder: Path, tmp_path: Path) -> None:
    files = sorted(folder.iterdir())
    gone = tmp_path / "gone.yaml"
    files.append(gone)
    (folder / "00-afghanistan.yaml").rename(tmp_path / "moved.yaml")  # gone after it was found
    ahead = ReadAhead(files)
    ahead._read(files, os.getppid())  # as the reader does, here (so a failure shows)
    kept = {f.name for f in files if ahead.doc(f) is not None}
    plain = set()
    for f in files:
        try:
            doc = yamlsrc.load(f, "profile", positions=False)
        except Exception:
            continue
        if doc.unread_text is not None and f.stat().st_size <= readahead.MAX_FILE_BYTES:
            plain.add(f.name)
    assert kept == plain
    assert {"odd-profile_bad_answer.yaml", "odd-profile_treaty_conflict.yaml", "odd-profile_unknown_key.yaml"} <= kept
    assert not kept & {"odd-profile_merge.yaml", "odd-profile_escape_char.yaml", "zz-long.yaml", "gone.yaml"}
    for f in files:
        doc = ahead.doc(f)
        if doc is not None:
            own = yamlsrc.load(f, "profile")
            assert (doc.path, doc.data, doc.sha256, doc.may_hold_control) == (
                own.path,
                own.data,
                own.sha256,
                own.may_hold_control,
            )
            assert (doc.keys, doc.values) == (own.keys, own.values)
    ahead.close()


def test_the_reader_is_gone_when_the_run_stops_it(folder: Path, counted: list[int]) -> None:
    files = sorted(folder.iterdir())
    ahead = ReadAhead.start(files)
    assert ahead is not None
    pid = ahead._pid
    assert pid is not None
    ahead.close()
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # reaped: no zombie left


def test_a_reader_is_reading_until_it_has_read_every_profile(folder: Path) -> None:
    files = sorted(folder.iterdir())
    ahead = ReadAhead.start(files)
    assert ahead is not None
    assert ahead.count() == 0  # nothing is taken from a reader still at work
    for _ in range(600):  # at most a minute
        if not ahead.reading():
            break
        time.sleep(0.1)
    assert not ahead.reading()
    # Ended by itself, and reaped: what it read is there, without a stop.
    expected = sum(1 for f in files if f.stat().st_size <= readahead.MAX_FILE_BYTES and not f.name.startswith("odd-"))
    assert ahead.count() >= expected
    assert ahead.doc(files[0]) is not None
    ahead.close()


def test_a_run_that_fails_before_assessing_stops_its_reader(
    assess: Callable[..., Run], folder: Path, counted: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(readahead, "MIN_FILES", 1)
    run = assess("portfolio", folder, "--checklist", "no-such-checklist")
    assert run.code == 2
    assert len(counted) == 1  # stopped on the way out, after the bad checklist


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("checklist", ["all", "no-such-checklist"])
def test_a_run_leaves_the_garbage_collector_as_it_found_it(
    assess: Callable[..., Run], folder: Path, counted: list[int], jobs: str, checklist: str
) -> None:
    """A portfolio run freezes what its imports built (gc.freeze) while it
    runs; whether it succeeds or fails, a program that ran it in-process gets
    its collector back on, with nothing left frozen."""
    import gc

    assert gc.isenabled() and gc.get_freeze_count() == 0
    run = assess("portfolio", folder, "--jobs", jobs, "--checklist", checklist, "--format", "json")
    assert run.code == 2  # the odd profiles, or the checklist
    assert len(counted) == 1
    assert gc.isenabled() and gc.get_freeze_count() == 0


_ORPHAN = """
import os, sys
from pathlib import Path
from assess.loading import readahead
readahead.cpus = lambda: 2
ahead = readahead.ReadAhead.start(sorted(Path(sys.argv[1]).iterdir()))
print(ahead._pid, flush=True)
os._exit(0)  # the run dies without stopping its reader
"""


def test_a_reader_whose_run_died_stops_by_itself(tmp_path: Path) -> None:
    profiles = tmp_path / "many"
    profiles.mkdir()
    text = (EXAMPLES / "afghanistan.yaml").read_bytes()
    for i in range(3000):
        (profiles / f"p{i:04}.yaml").write_bytes(text)
    out = subprocess.run(
        [sys.executable, "-c", _ORPHAN, str(profiles)], capture_output=True, text=True, check=True, cwd=ROOT
    )
    pid = int(out.stdout)
    deadline = time.monotonic() + 10
    while alive(pid) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not alive(pid)


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_workers_take_what_the_reader_read(folder: Path, counted: list[int], jobs: int) -> None:
    """Read ahead, then changed on disk: the portfolio has the text the reader
    read (so the workers did take it, rather than read the file again)."""
    from assess.app.portfolio import run_portfolio
    from assess.loading.checklists import load_checklists

    files = sorted(f for f in folder.iterdir() if not f.name.startswith(("odd-", "zz-")))
    ahead = ReadAhead.start(files)
    assert ahead is not None and ahead._pid is not None
    os.waitpid(ahead._pid, 0)  # let it read them all
    ahead.stop()
    for f in files:
        f.write_text(f.read_text("utf-8").replace("\nprogramme:\n  title:", "\nprogramme:\n  title: Changed", 1))
    portfolio, problems, _ = run_portfolio(files, (), load_checklists(()), tool_version="t", jobs=jobs, ahead=ahead)
    ahead.close()
    assert portfolio is not None and problems == []
    titles = [p.title for p in portfolio.programmes]
    assert len(titles) == len(files)
    assert sum(not t.startswith("Changed") for t in titles) == counted[0] == len(files)


# ---------------------------------------------------------------- started early, from the command line

_GUESSES = [
    (["portfolio", "a", "b.yaml"], ["a", "b.yaml"]),
    (["portfolio", "-o", "out.json", "--format", "json", "dir"], ["dir"]),
    (["portfolio", "--output=out.json", "-oout.csv", "-q", "--quiet", "dir", "--jobs", "2"], ["dir"]),
    (["portfolio", "--checklist", "people-centred", "--lang", "fr", "x", "--", "-odd.yaml"], ["x", "-odd.yaml"]),
    (["portfolio", "--title", "dir-looking title", "dir"], ["dir"]),
    (["check", "a.yaml"], None),  # another command
    (["--version"], None),
    ([], None),
    (["portfolio"], None),  # no paths: click says so
    (["portfolio", "-o", "out.json"], None),
    (["portfolio", "dir", "--help"], None),  # nothing is run
    (["portfolio", "dir", "-h"], None),
    (["portfolio", "dir", "--reports-dir", "reports"], None),  # its workers read their own
    (["portfolio", "dir", "--reports-dir=reports"], None),
    (["portfolio", "dir", "--no-such-option"], None),  # click refuses it
    (["portfolio", "dir", "-qo", "out.json"], None),  # flags run together: not guessed
    (["portfolio", "dir", "--quiet=yes"], None),
    (["portfolio", "dir", "--format"], None),  # a value missing
    (["portfolio", "dir", "-o"], None),
]


@pytest.mark.parametrize(("args", "paths"), _GUESSES)
def test_the_early_reader_finds_the_paths_as_click_does(args: list[str], paths: list[str] | None) -> None:
    from assess.app.early import portfolio_paths

    assert portfolio_paths(args) == (None if paths is None else [Path(p) for p in paths])


def test_the_early_reader_knows_every_option_of_the_command() -> None:
    """Its tables of options are the portfolio command's, so that no option's
    value is taken for a path (a folder to search) when one is added."""
    import click

    from assess.app.early import FLAG_OPTIONS, VALUE_OPTIONS
    from assess.cli.portfolio import portfolio

    options = [p for p in portfolio.params if isinstance(p, click.Option)]
    assert {o for p in options if not p.is_flag for o in (*p.opts, *p.secondary_opts)} == VALUE_OPTIONS
    assert {o for p in options if p.is_flag for o in (*p.opts, *p.secondary_opts)} == FLAG_OPTIONS


def test_a_run_takes_the_reader_started_early_for_its_paths(folder: Path, counted: list[int]) -> None:
    from assess.app import early

    early.read_ahead_early(["portfolio", str(folder), "--quiet"])
    ((_, started),) = early._EARLY
    assert started.ahead is not None
    with early.find_profiles([folder]) as found:
        assert found.ahead is started.ahead and found.files == sorted(found.files)
        assert found.files == early.discover([folder])[0]
    assert early._EARLY == []


def test_a_reader_started_early_for_other_paths_is_stopped(folder: Path, tmp_path: Path, counted: list[int]) -> None:
    from assess.app import early

    early.read_ahead_early(["portfolio", str(folder)])
    ((_, started),) = early._EARLY
    assert started.ahead is not None and started.ahead._pid is not None
    pid = started.ahead._pid
    with early.find_profiles([folder, tmp_path]) as found:
        assert found.ahead is not started.ahead
        assert not alive(pid)
    early.read_ahead_early(["portfolio", str(folder)])
    ((_, started),) = early._EARLY
    assert started.ahead is not None and started.ahead._pid is not None
    pid = started.ahead._pid
    early._discard_early()  # what the command line's exit does when no run took it
    assert not alive(pid) and early._EARLY == []


@pytest.mark.parametrize(
    ("extra", "code"),
    [
        ((), 2),  # the odd profiles
        (("--format", "csv"), 2),
        (("--jobs", "0"), 2),  # refused by click before the run: the reader is stopped on the way out
        (("--", "--quiet"), 2),  # a path named --quiet, which does not exist
    ],
)
def test_the_command_line_gives_what_a_run_in_process_gives(
    assess: Callable[..., Run], folder: Path, extra: tuple[str, ...], code: int
) -> None:
    """``python -m assess portfolio`` (whose reader starts before click is
    imported) prints and exits as the same run in this process (whose reader,
    if any, starts in the command)."""
    from conftest import run_process

    args = ["portfolio", str(folder), *extra]
    started = time.monotonic()
    there = run_process(args)
    assert time.monotonic() - started < 60
    here = assess(*args)
    # (The CSV's lines end in CRLF, which the subprocess's text mode reads as LF.)
    assert (there.code, there.stdout, there.stderr) == (here.code, here.stdout.replace("\r\n", "\n"), here.stderr)
    assert there.code == code


def test_a_path_the_early_reader_cannot_look_at_is_left_to_the_run(
    folder: Path, counted: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Started before the command line can word an error, the early reader
    never raises one: a path it cannot look at (a folder it may not enter)
    starts no reader, and the run meets the path itself, as it always did."""
    from assess.app import early

    def refused(paths: object) -> object:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(early, "discover", refused)
    early.read_ahead_early(["portfolio", str(folder)])
    assert early._EARLY == []


def test_a_path_missing_is_said_in_the_runs_language(assess: Callable[..., Run], folder: Path, tmp_path: Path) -> None:
    """The early reader finds the paths before the command line has set the
    language; what it could not find is still said in the run's language."""
    from conftest import run_process

    args = ["portfolio", str(folder), str(tmp_path / "missing"), "--lang", "fr", "--format", "json"]
    there = run_process(args)
    here = assess(*args)
    assert (there.code, there.stderr) == (here.code, here.stderr) == (2, there.stderr)
    said = there.stderr.replace("\u202f", " ").replace("\u00a0", " ")
    assert (
        f"erreur : {tmp_path / 'missing'}: fichier ou dossier introuvable ; un profil ou un dossier de profils est attendu\n"
        in said
    )
