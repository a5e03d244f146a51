import subprocess
import sys


def test_check_runs_on_example() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "assess", "check", "examples/nepal.yaml"],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Civilian oversight of mine action" in proc.stdout
