"""WeasyPrint, imported without its search for libraries on Linux.

WeasyPrint loads Pango, HarfBuzz, fontconfig and GObject by trying several
names for each, the Windows and macOS spellings first. On Linux every name
that does not load at once goes to :func:`ctypes.util.find_library`, which
runs ``ldconfig``, ``gcc`` and ``ld`` as child processes: some sixty of them,
about a third of a second at every report, before a page is laid out. Each
list also holds the Linux name (``libpango-1.0.so.0`` and so on), which the
dynamic loader finds by itself.

So on Linux the import first runs with ``find_library`` answering "not
found" at once, and WeasyPrint goes on to the Linux names. Where that fails
(a system whose libraries only the search finds), the half-done import is
forgotten and done again as WeasyPrint does it, with the search and its
messages. Elsewhere (macOS, Windows) WeasyPrint is imported as it is.
"""

from __future__ import annotations

import contextlib
import io
import sys
from collections.abc import Iterator
from types import ModuleType


@contextlib.contextmanager
def _without_library_search() -> Iterator[None]:
    import ctypes.util

    search = ctypes.util.find_library

    def not_searched(name: str) -> str | None:
        return None

    ctypes.util.find_library = not_searched
    try:
        yield
    finally:
        ctypes.util.find_library = search


def _forget_weasyprint() -> None:
    for name in [m for m in sys.modules if m == "weasyprint" or m.startswith("weasyprint.")]:
        del sys.modules[name]


def _import() -> ModuleType:
    if sys.platform == "linux" and "weasyprint" not in sys.modules:
        try:
            # WeasyPrint prints a help text before it gives up on a library:
            # not for this first try, which may fail where the search would not.
            with _without_library_search(), contextlib.redirect_stdout(io.StringIO()):
                import weasyprint
            return weasyprint  # type: ignore[no-any-return]  # WeasyPrint ships no type hints
        except OSError:
            _forget_weasyprint()
    import weasyprint

    return weasyprint  # type: ignore[no-any-return]


#: The WeasyPrint package, imported once (see the module's text).
weasyprint = _import()
