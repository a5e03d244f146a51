"""`assess report` end to end against the floor: WeasyPrint alone on the same HTML.

Both are cold processes, run alternately, median over eleven paired runs. The floor is
a bare script that imports WeasyPrint and lays out the very HTML that
`assess report examples/liberia.yaml` lays out (made once, untimed, before the
runs). The ratio is what assess adds on top of WeasyPrint: loading, scoring,
templating. Target: at most 1.2.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROFILE = ROOT / "examples" / "liberia.yaml"
RUNS = 11
TARGET = 1.2

FLOOR = """\
import sys
from pathlib import Path
from weasyprint import HTML
html = Path(sys.argv[1]).read_text(encoding="utf-8")
HTML(string=html, base_url=sys.argv[2]).write_pdf(sys.argv[3])
"""


def _html() -> tuple[str, Path]:
    from assess import __version__
    from assess.core.evaluate import evaluate
    from assess.loading.checklists import load_checklists
    from assess.loading.profiles import load_profile
    from assess.render.report import creation_time, render_html
    from assess.resources import templates_dir

    profile, source = load_profile(PROFILE)
    a = evaluate(profile, load_checklists(()), source, __version__)
    folder = templates_dir()
    return render_html(a, folder, creation_time(None, a.profile.assessment_date), pdf=True), folder


#: Like an installed package, both sides run from bytecode caches: without this
#: a shell that sets PYTHONDONTWRITEBYTECODE would recompile assess's own
#: sources on every run (WeasyPrint's .pyc files came with its install).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _time(cmd: list[str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one cold process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"{cmd[0]} exited {proc.returncode}")
    return wall, usage.ru_utime + usage.ru_stime


def main() -> list[str]:
    html, folder = _html()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "report.html").write_text(html, encoding="utf-8")
        (work / "floor.py").write_text(FLOOR, encoding="utf-8")
        exe = Path(sys.executable).with_name("assess")
        entry = [str(exe)] if exe.exists() else [sys.executable, "-m", "assess"]
        ours = [*entry, "report", str(PROFILE), "-o", str(work / "assess.pdf")]
        floor = [
            sys.executable,
            str(work / "floor.py"),
            str(work / "report.html"),
            folder.resolve().as_uri() + "/",
            str(work / "floor.pdf"),
        ]
        _time(ours), _time(floor)  # warm the disk cache; not counted
        a_runs, f_runs = [], []
        for _ in range(RUNS):  # alternate, so load from elsewhere hits both alike
            a_runs.append(_time(ours))
            f_runs.append(_time(floor))
    # Each run of ours is paired with the floor run right after it: the median
    # of the paired ratios shrugs off load that comes and goes on the machine.
    ratio = statistics.median(a[0] / f[0] for a, f in zip(a_runs, f_runs, strict=True))
    cpu = statistics.median(a[1] / f[1] for a, f in zip(a_runs, f_runs, strict=True))
    verdict = "PASS" if ratio <= TARGET else "FAIL"
    return [
        f"report_vs_weasyprint_floor_cpu: {cpu:.2f}x (information: CPU time, less sensitive to a busy machine)",
        f"report_vs_weasyprint_floor: {ratio:.2f}x wall time (target <= {TARGET}) {verdict}",
    ]


if __name__ == "__main__":
    for line in main():
        print(line)
