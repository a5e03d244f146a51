"""WeasyPrint is imported without its search for libraries on Linux
(assess.render.weasy): a report starts no child process to find Pango, and
where the libraries load only through the search, the import still works."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from paths import ROOT

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="the shortcut is for Linux only")

CHILDREN = textwrap.dedent(
    """
    import sys
    started = []
    sys.addaudithook(lambda event, args: started.append(event) if event in ("subprocess.Popen", "os.posix_spawn", "os.fork", "os.exec") else None)
    import assess.render.pdf
    print(len(started))
    """
)

ONLY_THE_SEARCH_FINDS = textwrap.dedent(
    """
    import ctypes.util, sys
    import cffi
    # A system where the libraries load only by the names the search returns.
    dlopen = cffi.FFI.dlopen
    def stubborn(self, name, flags=0):
        if ctypes.util.find_library.__name__ == "not_searched":
            raise OSError(f"cannot load {name}")
        return dlopen(self, name, flags)
    cffi.FFI.dlopen = stubborn
    search = ctypes.util.find_library
    import assess.render.pdf
    from weasyprint import HTML
    assert ctypes.util.find_library is search
    print(HTML(string="<p>x</p>").write_pdf()[:5].decode())
    """
)


def _python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-W", "ignore", "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120, check=False
    )


def test_importing_the_pdf_renderer_starts_no_child_process() -> None:
    done = _python(CHILDREN)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "0"


def test_where_only_the_search_finds_the_libraries_weasyprint_still_loads() -> None:
    done = _python(ONLY_THE_SEARCH_FINDS)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "%PDF-"  # and no help text from the first, failed try
