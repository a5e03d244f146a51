"""`assess portfolio` on many profiles: speed against PyYAML, and memory.

(a) 1,000 profiles, ``assess portfolio DIR --format json -o out.json --quiet``
    (default ``--jobs``: the number of CPU cores) as a cold process, against a
    fresh process that only parses the same files with PyYAML's C loader
    (``yaml.CSafeLoader``). Target: within 1.3x. Two kinds of profile:

    - ``generated``: 1,000 distinct synthetic profiles (``genprofiles.py``);
    - ``afghanistan``: 1,000 copies of the shipped ``examples/afghanistan.yaml``
      (a real profile: more text per fact than the generated ones).

    The machine is shared, so each figure is the median over ROUNDS (15)
    paired rounds: in each round both commands run back to back (which one
    goes first alternates), and the round's ratio is ours over theirs. The
    spread (lowest and highest round) is printed beside it, the ratio of the
    fastest run of each (both at the machine's quietest), and the median
    ratio of the children's CPU time (user + sys). The verdict is the median's.
    A third line, for the record: the same command on one copy (its fixed
    cost: start-up, imports, checklists, output, exit) against PyYAML's run
    on the thousand, and what that leaves of the target for the profiles.
(b) 10,000 profiles: the peak resident memory of the child process (its max
    RSS, ``getrusage(RUSAGE_CHILDREN)``, measured from a fresh intermediate
    process so no earlier child counts). Target: under 200 MB.

Both commands run with bytecode caches written (to a temporary
``PYTHONPYCACHEPREFIX``), as for an installed package; a warm-up run of each
writes them and warms the file cache.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from genprofiles import generate

HERE = Path(__file__).resolve().parent
EXAMPLE = HERE.parent / "examples" / "afghanistan.yaml"
ROUNDS = int(os.environ.get("ASSESS_BENCH_ROUNDS", "15"))
SPEED_N = 1_000
MEMORY_N = 10_000
RATIO_TARGET = 1.3
MEMORY_TARGET_MB = 200

PYYAML_BASELINE = """
import sys
from pathlib import Path
import yaml
for path in sorted(Path(sys.argv[1]).rglob("*.yaml")):
    with open(path, encoding="utf-8") as f:
        yaml.load(f, Loader=yaml.CSafeLoader)
"""

MAX_RSS = """
import resource, subprocess, sys
proc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL)
if proc.returncode != 0:
    raise SystemExit(f"exit {proc.returncode}")
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def _portfolio_cmd(folder: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "assess", "portfolio", str(folder), "--format", "json", "-o", str(out), "--quiet"]


def _env(pycache: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
    return env


@dataclass(frozen=True)
class Run:
    wall: float
    cpu: float  # user + sys of the child and its children (the workers)


def _run(cmd: list[str], env: dict[str, str]) -> Run:
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    stderr = proc.stderr.read().decode() if proc.stderr else ""
    if proc.stderr:
        proc.stderr.close()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {stderr[-400:]}")
    return Run(wall, usage.ru_utime + usage.ru_stime)


@dataclass(frozen=True)
class Paired:
    ratio: float  # median of the rounds' wall-time ratios
    low: float
    high: float
    cpu_ratio: float  # median of the rounds' CPU-time ratios
    ours: float  # median wall times, for the record
    theirs: float
    best: float  # the fastest of our runs over the fastest of theirs: each at the machine's quietest


def paired(ours: list[str], theirs: list[str], env: dict[str, str], rounds: int = ROUNDS) -> Paired:
    """Run both commands ``rounds`` times, alternating which goes first."""
    _run(ours, env), _run(theirs, env)  # bytecode caches, file cache, and a check that both run
    ratios, cpu_ratios, a, b = [], [], [], []
    for n in range(rounds):
        if n % 2:
            t, o = _run(theirs, env), _run(ours, env)
        else:
            o, t = _run(ours, env), _run(theirs, env)
        ratios.append(o.wall / t.wall)
        cpu_ratios.append(o.cpu / t.cpu)
        a.append(o.wall)
        b.append(t.wall)
    return Paired(
        statistics.median(ratios),
        min(ratios),
        max(ratios),
        statistics.median(cpu_ratios),
        statistics.median(a),
        statistics.median(b),
        min(a) / min(b),
    )


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def _copies(folder: Path, source: Path, n: int) -> None:
    folder.mkdir(parents=True)
    for i in range(n):
        shutil.copyfile(source, folder / f"{source.stem}-{i:04d}.yaml")


def speed_line(kind: str, p: Paired) -> str:
    return (
        f"portfolio_1000_{kind}_vs_pyyaml_csafeloader: {p.ratio:.2f}x wall "
        f"(median of {ROUNDS} paired rounds, spread {p.low:.2f}-{p.high:.2f}, best runs {p.best:.2f}x; "
        f"assess {p.ours:.2f}s, PyYAML parse only {p.theirs:.2f}s; "
        f"CPU user+sys {p.cpu_ratio:.2f}x; {os.cpu_count()} cores; target <= {RATIO_TARGET}x) "
        f"{_verdict(p.ratio <= RATIO_TARGET)}"
    )


def fixed_line(p: Paired) -> str:
    """What a portfolio costs before and after its profiles: the same command on
    one copy, against PyYAML's run on the thousand. Informational: what is left
    of the 1.3x for the thousand profiles themselves."""
    left = RATIO_TARGET - p.ratio
    return (
        f"portfolio_1_afghanistan_fixed_cost: {p.ratio:.2f}x of PyYAML's 1,000-file run "
        f"(assess on one copy {p.ours:.2f}s: start-up, imports, checklists, output, exit; "
        f"leaves {max(left, 0.0):.2f}x of the {RATIO_TARGET}x for the 1,000 profiles; informational)"
    )


def main() -> list[str]:
    lines = []
    with tempfile.TemporaryDirectory(prefix="assess-bench-") as tmp:
        root = Path(tmp)
        env = _env(root / "pycache")
        out = root / "out.json"
        folders = {"generated": root / "generated", "afghanistan": root / "afghanistan"}
        generate(folders["generated"], SPEED_N)
        _copies(folders["afghanistan"], EXAMPLE, SPEED_N)
        for kind, folder in folders.items():
            baseline = [sys.executable, "-c", PYYAML_BASELINE, str(folder)]
            lines.append(speed_line(kind, paired(_portfolio_cmd(folder, out), baseline, env)))
        one = root / "one"
        _copies(one, EXAMPLE, 1)
        fixed = paired(
            _portfolio_cmd(one, out), [sys.executable, "-c", PYYAML_BASELINE, str(folders["afghanistan"])], env
        )
        lines.append(fixed_line(fixed))

        big = root / "big"
        generate(big, MEMORY_N)
        measured = subprocess.run(
            [sys.executable, "-c", MAX_RSS, *_portfolio_cmd(big, root / "big.json")],
            check=True,
            capture_output=True,
            text=True,
            env=env,
        )
        rss_mb = int(measured.stdout.strip()) / 1024  # ru_maxrss is in KiB on Linux
        lines.append(
            f"portfolio_10000_peak_rss: {rss_mb:.0f} MB (target < {MEMORY_TARGET_MB} MB) "
            f"{_verdict(rss_mb < MEMORY_TARGET_MB)}"
        )
    return lines


if __name__ == "__main__":
    for line in main():
        print(line, flush=True)
