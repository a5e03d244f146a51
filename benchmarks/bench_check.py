"""`assess check` speed, as ratios against baselines measured in the same run.

1. Cold process: `assess check PROFILE` against `check-jsonschema --schemafile
   <exported profile schema> PROFILE` (a peer on the same stack doing less
   work on the same file). Target: median ratio ≤ 1.0. Also checks that the
   check command never imports WeasyPrint or Jinja2.
2. In-process: scoring cost beyond YAML parsing (validating the profile,
   every item's status, the scores) against the parse time of the same
   profile. Target: < 0.5. Printed beside it, not gated: the cost of the full
   result document (`evaluate`: adds per-item records with evidence, texts
   and locations, what `check --format json` prints).
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_portfolio import _env

HERE = Path(__file__).resolve().parent
PROFILE = HERE / "data" / "profile-150.yaml"
RUNS = 9


def _bin(name: str) -> str:
    local = Path(sys.executable).with_name(name)
    found = str(local) if local.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} is not installed; run `make bench` (it installs the bench extras)")
    return found


def _time(cmd: list[str], env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, env=env)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed: {proc.stderr.decode()[-400:]}")
    return elapsed


def cold_ratio() -> tuple[float, float, float]:
    with tempfile.TemporaryDirectory() as tmp:
        schema = Path(tmp) / "profile.schema.json"
        out = subprocess.run([_bin("assess"), "schema", "profile"], capture_output=True, check=True).stdout
        schema.write_bytes(out)
        ours = [_bin("assess"), "check", str(PROFILE)]
        peer = [_bin("check-jsonschema"), "--schemafile", str(schema), str(PROFILE)]
        # Both with bytecode caches written, as for installed programs, whatever
        # the calling shell says (PYTHONDONTWRITEBYTECODE would make every run
        # compile what it imports, ours 0.1 s more than the peer).
        env = _env(Path(tmp) / "pycache")
        _time(ours, env), _time(peer, env)  # write the caches, warm the OS file cache for both
        a, b = [], []
        for _ in range(RUNS):  # interleaved, so machine noise hits both alike
            a.append(_time(ours, env))
            b.append(_time(peer, env))
    ma, mb = statistics.median(a), statistics.median(b)
    return ma / mb, ma, mb


def heavy_imports() -> list[str]:
    code = (
        "import sys\n"
        "from assess.cli import main\n"
        "try:\n"
        f"    main(['check', {str(PROFILE)!r}])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(','.join(m for m in ('weasyprint', 'jinja2') if m in sys.modules), file=sys.stderr)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    last = proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else ""
    return [m for m in last.split(",") if m]


def scoring_ratio() -> tuple[float, float, float, float]:
    """(scoring / parse, parse ms, scoring ms, full document ms)."""
    from assess import __version__
    from assess.core.evaluate import ProfileSource, evaluate, score_profile
    from assess.core.profile import Profile
    from assess.loading import yamlsrc
    from assess.loading.checklists import load_checklists
    from assess.loading.validate import validate

    checklists = load_checklists()
    raw = PROFILE.read_bytes()
    parse, scoring, document = [], [], []
    for _ in range(300):  # parse and scoring interleaved, so machine noise hits both alike
        t0 = time.perf_counter()
        doc = yamlsrc.parse(yamlsrc.decode(raw, "p"), "p", raw, "profile")
        t1 = time.perf_counter()
        score_profile(validate(Profile, doc), checklists)
        t2 = time.perf_counter()
        parse.append(t1 - t0)
        scoring.append(t2 - t1)
    source = ProfileSource(doc.path, doc.sha256, doc.keys)
    for _ in range(300):  # apart: its garbage would otherwise be collected inside the other timings
        t2 = time.perf_counter()
        evaluate(validate(Profile, doc), checklists, source, __version__)
        document.append(time.perf_counter() - t2)
    mp, ms, md = statistics.median(parse), statistics.median(scoring), statistics.median(document)
    return ms / mp, mp, ms, md


def main() -> list[str]:
    lines = []
    ratio, ours, peer = cold_ratio()
    verdict = "PASS" if ratio <= 1.0 else "FAIL"
    lines.append(
        f"check cold process vs check-jsonschema: {ratio:.2f}x "
        f"(assess {ours * 1000:.0f} ms, check-jsonschema {peer * 1000:.0f} ms, median of {RUNS}; target <= 1.00) {verdict}"
    )
    heavy = heavy_imports()
    lines.append(f"check imports weasyprint/jinja2: {', '.join(heavy) or 'neither'} {'FAIL' if heavy else 'PASS'}")
    ratio, parse, score, document = scoring_ratio()
    verdict = "PASS" if ratio < 0.5 else "FAIL"
    lines.append(
        f"scoring beyond parsing: {ratio:.2f}x parse time "
        f"(parse {parse * 1000:.2f} ms, validate+statuses+scores {score * 1000:.2f} ms; target < 0.50) {verdict}"
    )
    lines.append(
        f"full result document beyond parsing: {document / parse:.2f}x parse time "
        f"(validate+evaluate with evidence records {document * 1000:.2f} ms; informational)"
    )
    return lines


if __name__ == "__main__":
    print("\n".join(main()))
