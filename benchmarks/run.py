"""Run every benchmark (``benchmarks/bench_*.py``) and print its figures.

Each module has ``main() -> list[str]``: it measures against a baseline in the
same run and returns lines of the form ``name: figure (target) PASS|FAIL``.
Exit 1 if any target is missed. Timings are ratios, never absolute seconds.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    sys.path.insert(0, str(HERE))
    failed = False
    only = sys.argv[1:]
    for path in sorted(HERE.glob("bench_*.py")):
        if only and path.stem.removeprefix("bench_") not in only:
            continue
        spec = importlib.util.spec_from_file_location(path.stem, path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[path.stem] = module  # as an import would: dataclasses look their module up
        spec.loader.exec_module(module)
        print(f"== {path.stem}", flush=True)
        for line in module.main():
            print(line, flush=True)
            failed |= line.rstrip().endswith("FAIL")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
