"""Print what each bad-input case produces now, to review against cases.yaml.

Usage (from the repository root): .venv/bin/python tests/data/bad_inputs/regen.py > /tmp/new.yaml
Then diff with tests/data/bad_inputs/cases.yaml and read every changed message
before copying anything over: the file is the specification, not a snapshot.
``{tmp}`` in a command stands for an empty temporary folder.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from ruamel.yaml import YAML

HERE = Path(__file__).parent
cases = YAML(typ="safe").load((HERE / "cases.yaml").read_text("utf-8"))["cases"]
named = {a for c in cases for a in c["command"]}
extra = sorted(
    p.name for p in HERE.iterdir() if p.suffix in (".yaml", ".json") and p.name not in named and p.name != "cases.yaml"
)
for name in extra:
    if name.startswith("cl_"):
        cases.append({"command": ["lint", name]})
    elif name.startswith("waivers_"):
        cases.append({"command": ["check", "ok_profile.yaml", "--waivers", name]})
    elif name.startswith("baseline_"):
        cases.append({"command": ["check", "ok_profile.yaml", "--baseline", name]})
    else:
        cases.append({"command": ["check", name]})
print("cases:")
for case in cases:
    with tempfile.TemporaryDirectory() as tmp:
        args = [a.replace("{tmp}", tmp) for a in case["command"]]
        proc = subprocess.run([sys.executable, "-m", "assess", *args], capture_output=True, text=True, cwd=HERE)
        stderr = proc.stderr.replace(tmp, "{tmp}")
    print(f"  - command: {json.dumps(case['command'])}")
    print(f"    exit: {proc.returncode}")
    print(f"    stderr: {json.dumps(stderr, ensure_ascii=False)}")
    if case.get("absent"):
        print(f"    absent: {json.dumps(case['absent'])}")
