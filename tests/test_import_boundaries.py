"""Which way imports may point, enforced.

- ``assess.core`` imports nothing of assess outside ``core``: read from the source
  of every core module (every ``import`` statement, also those inside functions,
  and no dynamic import), so an import on a path no test runs is still seen.
- ``assess check`` (in every check format), ``assess lint`` and ``assess schema``,
  run as processes, never import WeasyPrint, Jinja2, Babel or openpyxl, and the
  check formats never import ``assess.render``; ``--help`` imports no reporter.
  Read from ``python -X importtime``, which also names who imported what.

A plain test rather than import-linter contracts: it needs no extra dependency
or configuration, sees imports inside functions, and the process checks measure
what a user's run really loads, not what a static graph says it might.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from paths import EXAMPLES, ROOT

SRC = ROOT / "src"
CORE = SRC / "assess" / "core"
CORE_FILES = sorted(CORE.rglob("*.py"))

#: Libraries only the report, portfolio PDF and XLSForm paths may load.
HEAVY = ("weasyprint", "jinja2", "babel", "openpyxl")
CHECK_FORMATS = ("text", "json", "junit", "sarif", "github", "markdown", "gitlab")


def _id(path: Path) -> str:
    return path.relative_to(CORE.parent).as_posix()


def _module_of(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> list[tuple[int, str]]:
    """Every module the file ``path`` of assess imports, with its line."""
    package = _module_of(path)
    if path.name != "__init__.py":
        package = package.rpartition(".")[0]
    return _imports_of(path.read_text("utf-8"), package, str(path))


def _imports_of(source: str, package: str, filename: str = "<probe>") -> list[tuple[int, str]]:
    """The imports of ``source``, a module of ``package``: ``from x import y`` counts
    as ``x`` and ``x.y`` (y may be a module), relative imports are resolved, and a
    dynamic import (``importlib.import_module``, ``__import__``) counts as
    ``<dynamic import>``, since what it loads cannot be read."""
    parts = package.split(".")
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source, filename)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = ".".join([*parts[: len(parts) - node.level + 1], *([node.module] if node.module else [])])
            else:
                base = node.module or ""
            found += [(node.lineno, base), *((node.lineno, f"{base}.{alias.name}") for alias in node.names)]
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
            if name in ("import_module", "__import__"):
                found.append((node.lineno, "<dynamic import>"))
    return found


def _outside_core(name: str) -> bool:
    if name == "<dynamic import>":
        return True
    top = name.split(".")
    return top[0] == "assess" and name != "assess" and top[:2] != ["assess", "core"]


@pytest.mark.parametrize(
    "path",
    CORE_FILES,
    ids=[_id(p) for p in CORE_FILES],
)
def test_core_imports_nothing_of_assess_outside_core(path: Path) -> None:
    found = {(line, name) for line, name in _imports(path) if _outside_core(name)}
    # Name a ``from x import a, b`` once, as x, not also as x.a and x.b.
    wrong = sorted(
        f"{path.relative_to(ROOT)}:{line}: {name}"
        for line, name in found
        if (line, name.rpartition(".")[0]) not in found
    )
    assert wrong == [], "core imports outside core:\n" + "\n".join(wrong)


def test_the_import_reader_sees_every_kind_of_import() -> None:
    """The reader above would pass if it found nothing: show it finds what it must."""
    source = (
        "from __future__ import annotations\n"
        "import assess.cli\n"
        "from assess import i18n\n"
        "from ..render import pdf\n"
        "from . import result\n"
        "def f():\n"
        "    from assess.loading.yamlsrc import load\n"
        "    import importlib\n"
        "    importlib.import_module('assess.render')\n"
    )
    names = {name for _, name in _imports_of(source, "assess.core")}
    assert "assess.core.result" in names
    assert sorted(n for n in names if _outside_core(n)) == [
        "<dynamic import>",
        "assess.cli",
        "assess.i18n",
        "assess.loading.yamlsrc",
        "assess.loading.yamlsrc.load",
        "assess.render",
        "assess.render.pdf",
    ]


# ---------------------------------------------------------------- what a command loads


def _loaded(args: list[str], tmp: Path) -> tuple[subprocess.CompletedProcess[str], dict[str, str | None]]:
    """Run ``python -X importtime -m assess ARGS``; every module it loaded, with
    the module whose import loaded it (None: loaded at the top, or by a function
    while the command ran)."""
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "assess", *args],
        capture_output=True,
        text=True,
        cwd=tmp,
        timeout=300,
    )
    importer: dict[str, str | None] = {}
    pending: dict[int, list[str]] = defaultdict(list)
    for line in proc.stderr.splitlines():
        if not line.startswith("import time:") or line.endswith("imported package"):
            continue
        field = line.split("|", 2)[2]
        name = field.strip()
        depth = (len(field) - len(field.lstrip()) - 1) // 2
        # importtime prints a module after everything its import loaded, one level deeper.
        for child in pending.pop(depth + 1, []):
            importer[child] = name
        pending[depth].append(name)
        importer.setdefault(name, None)
    return proc, importer


def _chain(module: str, importer: dict[str, str | None]) -> str:
    chain = [module]
    while (parent := importer.get(chain[-1])) is not None:
        chain.append(parent)
    return " <- ".join(chain)


def _offending(importer: dict[str, str | None], prefixes: tuple[str, ...]) -> list[str]:
    tops = [m for m in importer if any(m == p or m.startswith(p + ".") for p in prefixes)]
    # Name each offending import once, by its first module (not weasyprint's hundred submodules).
    firsts = [m for m in tops if importer.get(m) not in tops]
    return [_chain(m, importer) for m in firsts]


COMMANDS = [
    *[["check", str(EXAMPLES / "liberia.yaml"), "--format", f, "-o", f"out.{f}"] for f in CHECK_FORMATS],
    ["lint"],
    *[["schema", kind] for kind in ("profile", "result")],
]


@pytest.mark.parametrize(
    "args", COMMANDS, ids=[" ".join(a[:1] + a[2:4] if a[0] == "check" else a[:2]) for a in COMMANDS]
)
def test_scoring_commands_load_no_rendering_library(args: list[str], tmp_path: Path) -> None:
    proc, importer = _loaded(args, tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "assess.cli" in importer, "importtime output not understood"
    forbidden = HEAVY + (("assess.render",) if args[0] == "check" else ())
    loaded = _offending(importer, forbidden)
    assert loaded == [], "loaded (module <- the module that imported it):\n" + "\n".join(loaded)


@pytest.mark.parametrize("args", [["--help"], ["check", "--help"]], ids=" ".join)
def test_help_loads_no_reporter_and_no_rendering_library(args: list[str], tmp_path: Path) -> None:
    proc, importer = _loaded(args, tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    # The format names and the registry (lazy, no reporter imported) are allowed.
    reporters = tuple(m for m in importer if m.startswith("assess.reporters.") and m != "assess.reporters.names")
    loaded = _offending(importer, (*reporters, "assess.render", *HEAVY))
    assert loaded == [], "loaded (module <- the module that imported it):\n" + "\n".join(loaded)


def test_a_command_imports_no_other_command(tmp_path: Path) -> None:
    """Each command's module is imported when it runs, not every command's."""
    from assess.cli.group import COMMANDS as NAMED

    args = ["portfolio", str(EXAMPLES), "--format", "json", "-o", "p.json", "--quiet"]
    proc, importer = _loaded(args, tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "assess.cli.portfolio" in importer, "importtime output not understood"
    others = tuple(module for module, _ in NAMED.values() if module != "assess.cli.portfolio")
    loaded = _offending(importer, others)
    assert loaded == [], "loaded (module <- the module that imported it):\n" + "\n".join(loaded)


#: What a portfolio run with no --previous, --tailoring or --plans has no use
#: for: the trend and baseline models, the tailoring file's model and its
#: application, the action plans. Its document declares the fields that would
#: hold them with models of their own (assess.core.movement, .tailoring_record).
PORTFOLIO_NEEDS_NOT = (
    "assess.core.trend",
    "assess.core.baseline",
    "assess.core.tailoring",
    "assess.loading.tailoring",
    "assess.core.plans",
    "assess.loading.plans",
)


def test_a_plain_portfolio_imports_no_trend_tailoring_or_plan(tmp_path: Path) -> None:
    args = ["portfolio", str(EXAMPLES), "--format", "json", "-o", "p.json", "--quiet"]
    proc, importer = _loaded(args, tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "assess.core.movement" in importer, "importtime output not understood"
    loaded = _offending(importer, PORTFOLIO_NEEDS_NOT)
    assert loaded == [], "loaded (module <- the module that imported it):\n" + "\n".join(loaded)


def test_the_process_reader_names_who_imported_a_library(tmp_path: Path) -> None:
    """The check above would pass if it read nothing: a report run must show WeasyPrint
    and Jinja2, each with the chain of imports that brought it in."""
    out = tmp_path / "r.html"
    proc, importer = _loaded(["report", str(EXAMPLES / "liberia.yaml"), "--format", "html", "-o", str(out)], tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    chains = _offending(importer, ("jinja2",))
    assert any(c.startswith("jinja2 <- assess.") for c in chains), chains


_PLUGIN_SCAN = """
import sys
from assess.cli import main
try:
    main(sys.argv[1:])
except SystemExit as e:
    code = e.code
import pydantic.plugin._loader as loader
print(code, loader._plugins)
"""


def test_a_command_does_not_search_the_installed_distributions_for_pydantic_plugins(tmp_path: Path) -> None:
    # pydantic reads every distribution's entry points when it builds its first
    # model unless told not to; assess uses no plugin, so its commands tell it.
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    args = ["check", str(EXAMPLES / "liberia.yaml"), "--format", "json", "-o", "out.json"]
    proc = subprocess.run(
        [sys.executable, "-c", _PLUGIN_SCAN, *args], capture_output=True, text=True, cwd=tmp_path, env=env, timeout=300
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.split() == ["0", "None"]  # exit 0, and the plugins never looked for
