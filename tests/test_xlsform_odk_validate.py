"""The form `assess xlsform` writes, converted by pyxform, passes ODK Validate
(the JavaRosa parser ODK Collect and Central use), as shipped inside pyxform.
It needs Java; where there is none the test is skipped (and says so)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from pyxform.validators import odk_validate
from pyxform.xls2xform import convert

from conftest import Run


@pytest.mark.slow  # Java start-up and the whole form: a few seconds
@pytest.mark.skipif(shutil.which("java") is None, reason="ODK Validate needs Java")
@pytest.mark.parametrize("checklists", [[], ["--checklist", "good-governance"]], ids=["all", "one"])
def test_the_form_passes_odk_validate(assess: Callable[..., Run], tmp_path: Path, checklists: list[str]) -> None:
    form = tmp_path / "form.xlsx"
    assert assess("xlsform", *checklists, "-o", form).code == 0
    xml = tmp_path / "form.xml"
    xml.write_text(convert(xlsform=str(form)).xform, "utf-8")
    warnings = odk_validate.check_xform(str(xml))  # raises ODKValidateError on an invalid form
    assert not [w for w in warnings if "error" in w.lower()], warnings
