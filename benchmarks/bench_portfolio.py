"""`assess portfolio` on many synthetic profiles: speed against PyYAML, and memory.

(a) 1,000 profiles, ``assess portfolio DIR --format json -o out.json`` as a
    cold process, against a fresh process that only parses the same files with
    PyYAML's C loader (``yaml.CSafeLoader``). Target: within 1.3x. The best of
    a few rounds of each is compared, so a noisy neighbour does not decide it.
(b) 10,000 profiles: the peak resident memory of the child process (its max
    RSS, ``getrusage(RUSAGE_CHILDREN)``, measured from a fresh intermediate
    process so no earlier child counts). Target: under 200 MB.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from genprofiles import generate

ROUNDS = 3
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


def _wall(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def main() -> list[str]:
    lines = []
    with tempfile.TemporaryDirectory(prefix="assess-bench-") as tmp:
        root = Path(tmp)
        folder = root / "profiles"
        generate(folder, SPEED_N)
        out = root / "out.json"
        baseline = [sys.executable, "-c", PYYAML_BASELINE, str(folder)]
        ours = _portfolio_cmd(folder, out)
        _wall(ours)  # warm the file cache and check it runs
        t_base = min(_wall(baseline) for _ in range(ROUNDS))
        t_ours = min(_wall(ours) for _ in range(ROUNDS))
        ratio = t_ours / t_base
        lines.append(
            f"portfolio_1000_vs_pyyaml_csafeloader: {ratio:.2f}x "
            f"(assess {t_ours:.2f}s, PyYAML parse only {t_base:.2f}s; target <= {RATIO_TARGET}x) "
            f"{_verdict(ratio <= RATIO_TARGET)}"
        )

        big = root / "big"
        generate(big, MEMORY_N)
        measured = subprocess.run(
            [sys.executable, "-c", MAX_RSS, *_portfolio_cmd(big, root / "big.json")],
            check=True,
            capture_output=True,
            text=True,
        )
        rss_mb = int(measured.stdout.strip()) / 1024  # ru_maxrss is in KiB on Linux
        lines.append(
            f"portfolio_10000_peak_rss: {rss_mb:.0f} MB (target < {MEMORY_TARGET_MB} MB) "
            f"{_verdict(rss_mb < MEMORY_TARGET_MB)}"
        )
    return lines


if __name__ == "__main__":
    for line in main():
        print(line)
