"""`assess portfolio` against PyYAML in instructions executed: a figure a busy machine does not move.

Run by hand (`python benchmarks/instructions.py`), not by `make bench`: it is slow.

Wall and CPU times on a shared machine swing by 2x from one minute to the
next. The number of instructions a run executes (counted by valgrind's
callgrind) does not: this runs ``assess portfolio DIR --jobs 1 --format json``
and the PyYAML baseline of ``bench_portfolio.py`` once each under callgrind,
on N copies of ``examples/afghanistan.yaml`` and on one copy, and prints the
instructions of each and what one more profile costs. ``--jobs 1`` because a
forked worker's count starts from its parent's; the work is the same.

Instructions are not time (imports miss the caches more than parsing does):
read these beside ``bench_portfolio.py``'s paired times. Needs valgrind;
``ASSESS_BENCH_N`` (default 200) copies. Slow: a minute or two a run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench_portfolio import EXAMPLE, PYYAML_BASELINE, _copies, _env

N = int(os.environ.get("ASSESS_BENCH_N", "200"))


def instructions(cmd: list[str], env: dict[str, str], out: Path) -> int:
    """Instructions executed by ``cmd`` (its main process), from callgrind's totals."""
    subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL)  # writes the bytecode caches
    subprocess.run(
        ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", "-q", *cmd],
        check=True,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for line in out.read_text(encoding="utf-8").splitlines():
        if line.startswith(("summary:", "totals:")):
            return int(line.split()[1])
    raise SystemExit(f"no totals in {out}")


def main() -> list[str]:
    if shutil.which("valgrind") is None:
        return ["bench_instructions: valgrind not found; skipped"]
    with tempfile.TemporaryDirectory(prefix="assess-instr-") as tmp:
        root = Path(tmp)
        env = _env(root / "pycache")
        many, one = root / "many", root / "one"
        _copies(many, EXAMPLE, N)
        _copies(one, EXAMPLE, 1)
        counts: dict[tuple[str, int], int] = {}
        for kind in ("assess", "pyyaml"):
            for folder, n in ((one, 1), (many, N)):
                if kind == "assess":
                    cmd = [sys.executable, "-m", "assess", "portfolio", str(folder), "--jobs", "1"]
                    cmd += ["--format", "json", "-o", str(root / "out.json"), "--quiet"]
                else:
                    cmd = [sys.executable, "-c", PYYAML_BASELINE, str(folder)]
                counts[(kind, n)] = instructions(cmd, env, root / f"{kind}-{n}.out")
    lines = []
    for kind in ("assess", "pyyaml"):
        fixed, total = counts[(kind, 1)], counts[(kind, N)]
        each = (total - fixed) / (N - 1)
        lines.append(
            f"instructions_{kind}: {total / 1e9:.3f} G for {N} profiles "
            f"(start-up and one profile {fixed / 1e9:.3f} G; each further profile {each / 1e6:.2f} M)"
        )
    ratio = counts[("assess", N)] / counts[("pyyaml", N)]
    per = (counts[("assess", N)] - counts[("assess", 1)]) / (counts[("pyyaml", N)] - counts[("pyyaml", 1)])
    lines.append(f"instructions_ratio_{N}_afghanistan: {ratio:.2f}x in all, {per:.2f}x per profile (serial)")
    return lines


if __name__ == "__main__":
    for line in main():
        print(line, flush=True)
