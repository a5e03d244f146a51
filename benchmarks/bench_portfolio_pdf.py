"""`assess portfolio --reports-dir`: 100 single-programme PDF reports, --jobs 2 against --jobs 1.

Each run is a cold process that assesses 100 profiles and writes each one's
own PDF report (the portfolio itself as JSON, which is quick). The profiles
are the paper's case studies (examples/*.yaml) copied round to 100 files:
real programmes, with reports of the length users get. The runs alternate
(1, 2, 1, 2, ...) so load from elsewhere hits both alike; the best of each is
compared. Target on 2 cores: --jobs 2 at least 1.7x as fast.

A run of 100 reports takes minutes; ``ASSESS_BENCH_PDF_N`` sets another
number of profiles and ``ASSESS_BENCH_PDF_ROUNDS`` the rounds (default 1).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
N = int(os.environ.get("ASSESS_BENCH_PDF_N", "100"))
ROUNDS = int(os.environ.get("ASSESS_BENCH_PDF_ROUNDS", "1"))
TARGET = 1.7


def _profiles(folder: Path, n: int) -> None:
    examples = sorted((ROOT / "examples").glob("*.yaml"))
    folder.mkdir()
    for i in range(n):
        source = examples[i % len(examples)]
        shutil.copy(source, folder / f"{i:03d}-{source.name}")

#: Like an installed package, run from bytecode caches.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _cmd(folder: Path, out: Path, jobs: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "assess",
        "portfolio",
        str(folder),
        "--format",
        "json",
        "-o",
        str(out / "portfolio.json"),
        "--reports-dir",
        str(out / "reports"),
        "--date",
        "2016-01-15",
        "--jobs",
        str(jobs),
        "--quiet",
    ]


def _wall(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
    return time.perf_counter() - start


def main() -> list[str]:
    with tempfile.TemporaryDirectory(prefix="assess-bench-pdf-") as tmp:
        root = Path(tmp)
        folder = root / "profiles"
        _profiles(folder, N)
        out = root / "out"
        out.mkdir()
        one, two = [], []
        for _ in range(ROUNDS):
            one.append(_wall(_cmd(folder, out, 1)))
            two.append(_wall(_cmd(folder, out, 2)))
        written = len(list((out / "reports").glob("*.pdf")))
    t1, t2 = min(one), min(two)
    ratio = t1 / t2
    verdict = "PASS" if ratio >= TARGET and written == N else "FAIL"
    return [
        f"portfolio_{N}_reports_jobs2_vs_jobs1: {ratio:.2f}x faster "
        f"(--jobs 1 {t1:.1f}s, --jobs 2 {t2:.1f}s, best of {ROUNDS}; {written} PDFs; "
        f"{os.cpu_count()} cores; target >= {TARGET}x) {verdict}"
    ]


if __name__ == "__main__":
    for line in main():
        print(line)
