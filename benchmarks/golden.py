"""Prove a change preserves behaviour: every example's outputs, byte for byte.

``python benchmarks/golden.py REV`` runs the same commands with the source of
``REV`` (a git worktree, same virtual environment) and with the working tree,
each in its own copy of the examples at the same path, and lists every output
that differs. Exit 0 when none does, 1 otherwise. ``--keep DIR`` leaves both
output trees in DIR for a closer look (``diff -r``).

The commands: ``check`` in every format (text and markdown also in French),
``report`` HTML and PDF in both languages, ``portfolio`` in every format over
the country examples and over the UN missions (and over three copies of them
with one worker and two, enough for the reader of
:mod:`assess.loading.readahead` to run), ``xlsform``, ``init``, ``lint`` and
``schema``. Outputs, standard output and exit codes are all compared.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: ``python -m assess`` with the source given first on the path: the command
#: line's own way in (``assess.__main__``), whichever way a revision has it.
RUNNER = "import runpy, sys; sys.path.insert(0, sys.argv.pop(1)); runpy.run_module('assess', run_name='__main__')"
CHECK_FORMATS = ["text", "json", "junit", "sarif", "github", "markdown"]
PORTFOLIO_FORMATS = ["text", "json", "csv", "markdown", "html", "pdf"]


def commands(examples: list[str]) -> list[tuple[str, list[str]]]:
    """(name, argv) for every output compared; argv's ``OUT`` is the output file."""
    runs: list[tuple[str, list[str]]] = []
    for example in examples:
        stem = Path(example).stem
        for fmt in CHECK_FORMATS:
            runs.append((f"check-{stem}.{fmt}", ["check", example, "--format", fmt]))
        for fmt in ("text", "markdown"):
            runs.append((f"check-{stem}.fr.{fmt}", ["check", example, "--format", fmt, "--lang", "fr"]))
        for lang in ("en", "fr"):
            for fmt in ("html", "pdf"):
                runs.append((f"report-{stem}.{lang}.{fmt}", ["report", example, "--format", fmt, "--lang", lang, "-o", "OUT"]))
    for fmt in PORTFOLIO_FORMATS:
        for name, inputs in (("countries", examples), ("missions", ["examples/un-missions-2015"])):
            target = ["-o", "OUT"] if fmt in ("html", "pdf") else []
            runs.append((f"portfolio-{name}.{fmt}", ["portfolio", *inputs, "--format", fmt, "-q", *target]))
    runs.append(("portfolio-missions.fr.text", ["portfolio", "examples/un-missions-2015", "-q", "--lang", "fr"]))
    # Enough profiles for the portfolio's reader to start (assess.loading.readahead).
    for fmt in ("json", "text", "csv"):
        for jobs in ("1", "2"):
            runs.append((f"portfolio-many.j{jobs}.{fmt}", ["portfolio", "many", "--format", fmt, "-q", "--jobs", jobs]))
    runs.append(("xlsform.xlsx", ["xlsform", "-o", "OUT"]))
    runs.append(("init.yaml", ["init"]))
    runs.append(("lint.txt", ["lint"]))
    for which in ("profile", "checklist", "result"):
        runs.append((f"schema-{which}.json", ["schema", which]))
    return runs


def run_all(src: Path, workdir: Path, out: Path) -> None:
    """Run every command with the package at ``src``, inside ``workdir``; the
    outputs are written below ``workdir`` (the same paths in both runs), then
    moved to ``out``."""
    final, out = out, workdir / "out"
    out.mkdir(parents=True)
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "ASSESS_CACHE_DIR": "off", "NO_COLOR": "1"}
    env.pop("ASSESS_LANG", None)
    examples = sorted(f"examples/{p.name}" for p in (workdir / "examples").glob("*.yaml"))

    def one(job: tuple[str, list[str]]) -> None:
        name, argv = job
        target = out / name
        argv = [str(target) if a == "OUT" else a for a in argv]
        done = subprocess.run(
            [sys.executable, "-c", RUNNER, str(src), *argv], cwd=workdir, env=env, capture_output=True, check=False
        )
        stdout_name = target if "OUT" not in job[1] else out / f"{name}.stdout"
        stdout_name.write_bytes(done.stdout)
        (out / f"{name}.status").write_text(f"{done.returncode}\n{done.stderr.decode('utf-8', 'replace')}")

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        list(pool.map(one, commands(examples)))
    shutil.move(out, final)


def _many(work: Path) -> None:
    """``many/``: every example profile three times, the UN missions with them."""
    many = work / "many"
    many.mkdir()
    profiles = sorted((work / "examples").glob("*.yaml")) + sorted((work / "examples" / "un-missions-2015").glob("*.yaml"))
    for n in range(3):
        for p in profiles:
            shutil.copy(p, many / f"{n}-{p.name}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rev", help="the commit to compare with")
    parser.add_argument("--keep", type=Path, help="leave both output trees here")
    args = parser.parse_args()
    base = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="assess-golden-"))
    base.mkdir(parents=True, exist_ok=True)
    old_tree = base / "old-tree"
    subprocess.run(["git", "worktree", "add", "--detach", str(old_tree), args.rev], cwd=ROOT, check=True, capture_output=True)
    try:
        # The same working folder for both runs, so every path an output names is the same.
        work = base / "work"
        results: dict[str, Path] = {}
        for label, src in (("old", old_tree / "src"), ("new", ROOT / "src")):
            if work.exists():
                shutil.rmtree(work)
            shutil.copytree(ROOT / "examples", work / "examples")
            _many(work)
            results[label] = base / label
            if results[label].exists():
                shutil.rmtree(results[label])
            run_all(src, work, results[label])
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(old_tree)], cwd=ROOT, check=False)
    differ = []
    names = sorted({p.name for p in results["old"].iterdir()} | {p.name for p in results["new"].iterdir()})
    for name in names:
        a, b = results["old"] / name, results["new"] / name
        if not a.exists() or not b.exists() or a.read_bytes() != b.read_bytes():
            differ.append(name)
    for name in differ:
        print(f"differs: {name}")
    print(f"{len(names) - len(differ)} of {len(names)} outputs identical")
    if not args.keep:
        shutil.rmtree(base, ignore_errors=True)
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
