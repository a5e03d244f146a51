"""The report template compiled ahead of time (assess.render.ahead): the kept
code is what Jinja2 would compile now, it renders the very same pages, and any
other source (an edited template, a --template-dir) is compiled from its text."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import jinja2
import pytest

from assess.render import ahead
from assess.render.report import TEMPLATE, environment, render_html
from assess.resources import templates_dir
from paths import EXAMPLES, ROOT
from test_report_brief import assessment

KEPT = ROOT / "src" / "assess" / "render" / "compiled"
CREATED = dt.datetime(2024, 6, 1, tzinfo=dt.UTC)


def test_the_kept_code_is_what_jinja_compiles_from_the_template_now() -> None:
    fresh = ahead.kept_files(templates_dir())
    on_disk = {p.name: p.read_text("utf-8") for p in KEPT.glob("*.py")}
    assert sorted(on_disk) == sorted(fresh)
    stale = [name for name, text in fresh.items() if on_disk[name] != text]
    assert not stale, f"{', '.join(stale)} no longer match templates/{TEMPLATE}: run `make templates`"


def test_the_english_and_the_french_environment_make_the_same_code() -> None:
    source = (templates_dir() / TEMPLATE).read_text("utf-8")
    english = ahead.python_of(environment(templates_dir(), "en"), TEMPLATE, source)
    assert ahead.python_of(environment(templates_dir(), "fr"), TEMPLATE, source) == english


def test_the_built_in_template_loads_from_the_kept_code() -> None:
    source = (templates_dir() / TEMPLATE).read_text("utf-8")
    template = ahead.load(environment(templates_dir(), "en"), TEMPLATE, source, {})
    assert template is not None
    assert ahead.load(environment(templates_dir(), "en"), TEMPLATE, source + " ", {}) is None


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_kept_code_renders_byte_identical_pages(lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    a = assessment(EXAMPLES / "liberia.yaml", lang)
    kept = render_html(a, templates_dir(), CREATED, pdf=True, lang=lang)
    used: list[str] = []
    monkeypatch.setattr(ahead, "load", lambda env, name, *rest: used.append(name))
    compiled = render_html(a, templates_dir(), CREATED, pdf=True, lang=lang)
    assert used == [TEMPLATE]  # the second page was compiled from the template's text
    assert kept == compiled


def test_an_edited_copy_of_the_template_is_compiled_from_its_own_text(tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    shutil.copytree(templates_dir(), folder)
    template = folder / TEMPLATE
    template.write_text(template.read_text("utf-8").replace("</body>", "<p>edited copy</p></body>"), "utf-8")
    a = assessment(EXAMPLES / "liberia.yaml")
    page = render_html(a, folder, CREATED, pdf=False)
    assert "<p>edited copy</p>" in page


def test_the_kept_code_is_refused_for_another_jinja_version(monkeypatch: pytest.MonkeyPatch) -> None:
    source = (templates_dir() / TEMPLATE).read_text("utf-8")
    monkeypatch.setattr(jinja2, "__version__", "0.0.0")
    assert ahead.load(environment(templates_dir(), "en"), TEMPLATE, source, {}) is None
