"""Hostile text in every free-text field of a profile, through the PDF and HTML reports.

The free-text fields are found by walking the profile model, so a field added
later is covered without editing this test. Each gets its own tag and the same
payload: markup, a local-file image, CSS ``url()``, a link, inline SVG, Jinja
syntax, a 500-character word, a right-to-left override and zero-width
characters (the override left open). Rendered, nothing may be fetched or executed, every field the
report shows must read exactly as typed, and the long word must stay on the
page. One PDF render and one HTML render for all of it.
"""

from __future__ import annotations

import html.parser
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from assess.core.facts import Fact
from assess.core.fields import kind_of
from assess.core.profile import Profile, Response, Source
from assess.render import pdf as pdf_module
from assess.render.pdf import FolderFetcher
from assess.render.report import close_bidi
from assess.resources import templates_dir
from test_report import FIXTURE_CHECKLIST, pdf_text, run, weasyprint_silent

#: Facts whose free text is filled in (all facts share one model; these two are
#: asked by items of the small fixture checklist, so the report quotes them).
FACTS = {("national_ownership", "residual_capacity_in_security_sector"), ("linkage", "coordination_mechanism")}
LONG = 500
#: Invisible and direction-changing characters: right-to-left override (left
#: open), zero-width space, zero-width joiner, word joiner.
INVISIBLE = "\u202e\u202c\u200b\u200d\u2060"


#: Fields that also get the 500-character word (breaking long words is the
#: slow part of a render): the cover's title and a quoted evidence text.
LONG_WORD_IN = {"programme.title", "linkage.coordination_mechanism.evidence"}


def payload(tag: str, long_word: bool) -> str:
    return (
        f'[{tag}] <b>bold</b> <script>alert(1)</script> <img src="file:///etc/passwd"> '
        '<span style="background:url(http://127.0.0.1:9/css.png)">css</span> url(file:///etc/shadow) '
        '<link rel="stylesheet" href="http://127.0.0.1:9/x.css"> http://127.0.0.1:9/link.png '
        '<svg xmlns="http://www.w3.org/2000/svg"><image href="file:///etc/passwd"/></svg> '
        "{{ 7*7 }} {% if true %}jinja{% endif %} {# comment #} "
        + (f"{tag.lower()}{'w' * LONG} " if long_word else "")
        + "rtl \u202eoverride zero\u200bwidth\u200djoiner\u2060end"
    )


def _required_enum(info: Any) -> Any:
    spec = kind_of(info.annotation)
    if info.default is PydanticUndefined and info.default_factory is None and spec.enum is not None:
        return next(iter(spec.enum)).value
    return None


def fill(model: type[BaseModel], path: tuple[str, ...], texts: dict[str, str]) -> dict[str, Any]:
    """Data for ``model`` with a tagged payload in every free-text field below it."""
    data: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        here = (*path, name)
        key = ".".join(here)
        if model is Profile and name in _KEYED:
            continue  # mappings keyed by a fact's path: filled below, once the rest is known
        spec = kind_of(info.annotation)
        if spec.kind == "str":
            texts[key] = data[name] = payload(f"F{len(texts):02d}", key in LONG_WORD_IN)
        elif spec.kind == "str_list":
            texts[key] = payload(f"F{len(texts):02d}", key in LONG_WORD_IN)
            data[name] = [texts[key]]
        elif spec.kind == "model" and spec.model is not None:
            data[name] = fill(spec.model, here, texts)
        elif spec.kind == "model_list" and spec.model is not None:
            data[name] = [fill(spec.model, (*here, "0"), texts)]
        elif spec.kind == "fact" and here[-2:] in FACTS:
            data[name] = {**fill(Fact, here, texts), "answer": "no"}
        elif (value := _required_enum(info)) is not None:
            data[name] = value
    return data


#: Profile sections that are mappings keyed by a fact's dotted path (issue 18).
_KEYED = ("sources", "responses", "merge")


def fill_profile(texts: dict[str, str]) -> dict[str, Any]:
    """:func:`fill` for a whole profile, with the sections keyed by fact paths
    (how answers are known, every respondent's answer) filled too, so that their
    free texts (a source's note, a respondent's role, a response's evidence)
    are hostile as well."""
    data = fill(Profile, (), texts)
    data["sources"] = {"governance": fill(Source, ("sources", "governance"), texts)}
    respondent = data["respondents"][0]["id"]
    response = fill(Response, ("responses", "governance.civilian_oversight", "0"), texts)
    data["responses"] = {"governance.civilian_oversight": [{**response, "respondent": respondent, "answer": "no"}]}
    data["merge"] = {"rule": "lead", "lead": respondent}
    return data


@dataclass
class Hostile:
    texts: dict[str, str]
    html: str
    pdf: str
    fetchers: list[FolderFetcher]
    layout: list[Any]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hostile]:
    tmp = tmp_path_factory.mktemp("injection")
    texts: dict[str, str] = {}
    data = fill_profile(texts)
    data["programme"]["assessment_date"] = "2020-01-01"
    profile = tmp / "hostile.yaml"
    profile.write_text(json.dumps(data, ensure_ascii=False, indent=1), "utf-8")  # JSON is YAML

    fetchers: list[FolderFetcher] = []
    documents: list[Any] = []

    class Spy(FolderFetcher):
        def __init__(self, root: Path) -> None:
            super().__init__(root)
            fetchers.append(self)

    real_render = pdf_module.HTML.render

    def keep(self: Any, *args: Any, **kwargs: Any) -> Any:
        document = real_render(self, *args, **kwargs)
        documents.append(document)
        return document

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(pdf_module, "FolderFetcher", Spy)
        mp.setattr(pdf_module.HTML, "render", keep)
        with weasyprint_silent():
            result = run("report", profile, "--checklist", FIXTURE_CHECKLIST, "-o", tmp / "hostile.pdf")
        assert result.code == 0, result.err
        page = run("report", profile, "--checklist", FIXTURE_CHECKLIST, "--format", "html", "-o", tmp / "hostile.html")
        assert page.code == 0, page.err
    pdf = pdf_text((tmp / "hostile.pdf").read_bytes())
    yield Hostile(texts, (tmp / "hostile.html").read_text("utf-8"), pdf, fetchers, documents)


#: The free-text fields the report shows (the others are not in the result document).
SHOWN = {
    "programme.title",
    "programme.summary",  # the brief opens with it (issue 14)
    "actors.0.name",  # the action plan names who acts
    "programme.country",
    "programme.organisations",
    "programme.assessor",
    "context.un_mission.name",
    "national_ownership.residual_capacity_in_security_sector.evidence",
    "national_ownership.residual_capacity_in_security_sector.source",
    "national_ownership.residual_capacity_in_security_sector.note",
    "linkage.coordination_mechanism.evidence",
    "linkage.coordination_mechanism.source",
    "linkage.coordination_mechanism.note",
    "respondents.0.id",  # "Where respondents disagree" names the lead respondent (issue 18)
}


@pytest.mark.slow
def test_the_walk_finds_every_kind_of_free_text_field(hostile: Hostile) -> None:
    assert set(hostile.texts) >= SHOWN
    for field in ["programme.summary", "actors.0.name", "context.un_mission.mandate_text", "notes"]:
        assert field in hostile.texts


@pytest.mark.slow
def test_nothing_is_fetched(hostile: Hostile) -> None:
    [fetcher] = hostile.fetchers
    root = templates_dir().resolve().as_uri() + "/"
    assert fetcher.refused == []
    assert fetcher.requested, "the bundled fonts are read through the fetcher"
    assert all(url.startswith(root) for url in fetcher.requested), fetcher.requested


class _Page(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attributes: list[str] = []
        self.images: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        # Attributes that make a browser fetch (text in title= or content= is fine).
        if tag == "img":
            self.images += [v for k, v in attrs if k == "src" and v]
            attrs = [(k, v) for k, v in attrs if k != "src"]
        self.attributes += [v for k, v in attrs if v and k in ("href", "src", "srcset", "style", "xlink:href", "data")]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


@pytest.mark.slow
def test_html_shows_every_field_as_typed_and_adds_no_markup(hostile: Hostile) -> None:
    page = _Page()
    page.feed(hostile.html)
    assert not page.tags & {"script", "image", "link"}
    # The only images are the report's own charts, as data URIs the renderer made.
    assert page.images and all(src.startswith("data:image/svg+xml;base64,") for src in page.images)
    for markup in ["<b>bold</b>", '<svg xmlns="http://www.w3.org/2000/svg"><image', '<span style="background']:
        assert markup not in hostile.html
    hostile_urls = ("file:", "127.0.0.1", "etc/passwd")
    assert [a for a in page.attributes if any(u in a for u in hostile_urls)] == []
    text = "".join(page.text)
    shown = {field for field, value in hostile.texts.items() if value in text}
    assert shown == SHOWN
    # Fields not shown leave no trace either (not even their tag).
    for field, value in hostile.texts.items():
        if field not in SHOWN:
            assert value[:6] not in text, field


@pytest.mark.slow
def test_pdf_shows_every_field_as_typed(hostile: Hostile) -> None:
    def plain(s: str) -> str:
        # The long word is broken across lines and the invisible characters
        # have no glyph: compare without whitespace and without them.
        return re.sub(rf"[\s{INVISIBLE}]", "", s)

    text = plain(hostile.pdf)
    for field in SHOWN:
        typed = hostile.texts[field]
        tag = typed[: typed.index("]") + 1]
        before_rtl = typed[: typed.index("rtl")]
        assert plain(before_rtl) in text, field
        assert tag in hostile.pdf
    assert plain("{{ 7*7 }} {% if true %}jinja{% endif %} {# comment #}") in text
    # The override, left open, reverses the rest of its field, as it would
    # anywhere; zero-width characters leave no glyph. (In a narrow column the
    # reversed run wraps and each line reads reversed on its own, so the word
    # the override reverses first is counted, and never found the right way round.)
    assert text.count("edirrevo") >= len(SHOWN)
    assert "override" not in text
    # ...and ends with its field: the report's words after a title or a
    # country ("X (Y) scores 0.0 out of 100") still read forwards.
    assert "serocs" not in text
    assert plain(") scores") in text


@pytest.mark.slow
def test_the_long_word_is_wrapped_inside_the_page(hostile: Hostile) -> None:
    [document] = hostile.layout
    pieces = 0
    for page in document.pages:
        box = page._page_box
        right = box.margin_width()
        for child in box.descendants():
            text = getattr(child, "text", None)
            if isinstance(text, str) and "wwwwwwwwww" in text:
                pieces += 1
                assert child.position_x + child.width <= right + 0.5, text[:20]
    # 500 letters are several lines wide: each long word shown is broken up.
    assert pieces >= 4 * len(LONG_WORD_IN), pieces
    for line in hostile.pdf.splitlines():
        assert "w" * LONG not in line


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("plain", "plain"),
        ("a\u202eb", "a\u202eb\u202c"),
        ("a\u202eb\u202c", "a\u202eb\u202c"),
        ("\u202c\u2069stray closers", "\u202c\u2069stray closers"),
        ("\u2067x\u202ey", "\u2067x\u202ey\u202c\u2069"),
        ("\u2067x\u202ey\u2069z", "\u2067x\u202ey\u2069z"),
    ],
)
def test_directional_controls_are_closed_at_the_end_of_a_text(typed: str, shown: str) -> None:
    assert close_bidi(typed) == shown
