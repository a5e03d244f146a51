"""The font subsetting shortcut of :mod:`assess.render.pdf` changes no byte of the PDF.

Without HarfBuzz-Subset, WeasyPrint subsets fonts with fontTools and asks it
to drop GSUB and GPOS; render_pdf deletes them before fontTools decompiles
them. The PDF must be the same as without the shortcut, and fontTools must be
left as it was.
"""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest
from fontTools.subset import Subsetter

import assess.render.pdf as pdf_module
from assess import __version__
from assess.core.evaluate import evaluate
from assess.loading.checklists import load_checklists
from assess.loading.profiles import load_profile
from assess.render.report import render_html
from assess.resources import templates_dir
from paths import PDF_DATA

pytestmark = pytest.mark.slow


def test_the_shortcut_changes_no_byte_and_is_undone(monkeypatch: pytest.MonkeyPatch) -> None:
    profile, source = load_profile(PDF_DATA / "small.yaml")
    a = evaluate(profile, load_checklists(()), source, __version__)
    created = dt.datetime(2016, 1, 15, tzinfo=dt.UTC)
    html = render_html(a, templates_dir(), created, pdf=True)
    original = Subsetter.subset
    with_shortcut = pdf_module.render_pdf(html, templates_dir(), created).data
    assert Subsetter.subset is original
    monkeypatch.setattr(pdf_module, "_subset_without_dropped_layout", contextlib.nullcontext)
    without = pdf_module.render_pdf(html, templates_dir(), created).data
    assert with_shortcut == without
