"""Print what each bad-input case produces now, to review against cases.yaml.

Usage (from the repository root): .venv/bin/python tests/bad_inputs/regen.py > /tmp/new.yaml
Then diff with tests/bad_inputs/cases.yaml and read every changed message
before copying anything over: the file is the specification, not a snapshot.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from ruamel.yaml import YAML

HERE = Path(__file__).parent
cases = YAML(typ="safe").load((HERE / "cases.yaml").read_text("utf-8"))["cases"]
known = {tuple(c["command"]) for c in cases}
named = {a for c in cases for a in c["command"]}
extra = sorted(p.name for p in HERE.iterdir() if p.suffix == ".yaml" and p.name not in named and p.name != "cases.yaml")
commands = [c["command"] for c in cases] + [["lint" if n.startswith("cl_") else "check", n] for n in extra]
print("cases:")
for args in commands:
    proc = subprocess.run([sys.executable, "-m", "assess", *args], capture_output=True, text=True, cwd=HERE)
    print(f"  - command: {json.dumps(args)}")
    print(f"    exit: {proc.returncode}")
    print(f"    stderr: {json.dumps(proc.stderr, ensure_ascii=False)}")
