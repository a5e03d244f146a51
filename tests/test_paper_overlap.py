"""The product paraphrases the paper: no run of 10 or more words may be shared with it.

Searched: ``checklists/``, ``examples/``, ``templates/`` and ``src/`` (the gettext
catalogue by its English msgids only). Words are case-folded with punctuation
stripped, as ``../shared/tools/paper-overlap`` does, so the two agree. Titles are
excepted: the paper's own title, the section titles of its table of contents, the
mission names of its Tables 2 and 3, and the names of the instruments it cites (a
name is a name, not a sentence). Any other run printed is a sentence to rewrite.

The paper is read from ``../shared/paper/`` beside the repository (CI copies it
there), or from the nearest ``shared/paper/`` above it; without it the test is
skipped, saying so.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from paths import ROOT, rel

RUN = 10
PAPER_PATH = Path("shared", "paper", "linking-mine-action-and-ssr.txt")
# beside the clone (CI), or beside a folder holding the clone (a git worktree)
PAPER = next((p / PAPER_PATH for p in ROOT.parents if (p / PAPER_PATH).is_file()), ROOT.parent / PAPER_PATH)
TARGETS = ("checklists", "examples", "templates", "src")
SKIP_SUFFIX = {".mo", ".ttf", ".woff", ".woff2", ".otf", ".png", ".pdf", ".xlsx", ".pyc", ".jpg", ".svg"}

# Instruments the paper cites by their full names (kept only where the paper has them).
INSTRUMENTS = (
    "Convention on Prohibitions or Restrictions on the Use of Certain Conventional Weapons"
    " Which May Be Deemed to Be Excessively Injurious or to Have Indiscriminate Effects",
    "Convention on the Prohibition of the Use, Stockpiling, Production and Transfer of"
    " Anti-Personnel Mines and on their Destruction",
    "Human Rights Due Diligence Policy on United Nations Support to Non-United Nations Security Forces",
    "ECOWAS Convention on Small Arms and Light Weapons, Their Ammunition and Other Related Materials",
    "Convention on the Rights of Persons with Disabilities",
    "International Ammunition Technical Guidelines",
    "International Small Arms Control Standards",
)

needs_paper = pytest.mark.skipif(
    not PAPER.is_file(),
    reason=f"the paper is not at {PAPER} (CI copies shared/ beside the clone); overlap not checked",
)


def words(text: str) -> list[str]:
    text = "".join(c for c in text if c not in "⁰¹²³⁴⁵⁶⁷⁸⁹")
    text = unicodedata.normalize("NFKC", text).lower().replace("’", "'")
    return re.findall(r"[^\W_]+", text)


def po_english(text: str) -> str:
    """The msgids (singular and plural) of a .po/.pot file, one per line."""
    out: list[str] = []
    on = False
    for line in text.splitlines():
        s = line.strip()
        if s.startswith(("msgid ", "msgid_plural ")):
            on = True
            out.append(s.split(" ", 1)[1].strip('"'))
        elif on and s.startswith('"'):
            out[-1] += s.strip('"')
        else:
            on = False
    return "\n".join(out)


def titles(paper: str) -> list[str]:
    """Word strings of every title a run may lie inside."""
    found: list[list[str]] = [words("DCAF SSR Paper 15 Linking Mine Action and SSR through Human Security")]
    # the table of contents: "Title<TAB>page" lines (the shared tool's 3000-character
    # window also excepts the introduction's first paragraphs; this does not)
    toc = paper.split("Contents", 1)[1][:3000] if "Contents" in paper else ""
    found += [words(m.group(1)) for m in re.finditer(r"^(.+)\t\d+$", toc, re.MULTILINE)]
    # Tables 2 and 3: "ACRONYM Full mission name<TAB>X<TAB>-..." rows.
    found += [words(line.split("\t", 1)[0]) for line in paper.splitlines() if re.match(r"^[A-Z]{4,}\s.+\t", line)]
    paper_words = " ".join(words(paper))
    found += [words(name) for name in INSTRUMENTS if " ".join(words(name)) in paper_words]
    return [" ".join(t) for t in found if t]


class Overlap:
    def __init__(self, paper: str, run: int = RUN) -> None:
        self.run = run
        self.pw = words(paper)
        self.grams: dict[tuple[str, ...], list[int]] = {}
        for i in range(len(self.pw) - run + 1):
            self.grams.setdefault(tuple(self.pw[i : i + run]), []).append(i)
        self.titles = titles(paper)

    def runs(self, text: str) -> list[str]:
        fw = words(text)
        found: list[str] = []
        i = 0
        while i <= len(fw) - self.run:
            g = tuple(fw[i : i + self.run])
            if g not in self.grams:
                i += 1
                continue
            best = self.run
            for s in self.grams[g]:
                k = self.run
                while i + k < len(fw) and s + k < len(self.pw) and fw[i + k] == self.pw[s + k]:
                    k += 1
                best = max(best, k)
            run = " ".join(fw[i : i + best])
            if not any(run in title for title in self.titles):
                found.append(run)
            i += best
        return found


def product_files() -> list[Path]:
    files: list[Path] = []
    for target in TARGETS:
        for f in sorted((ROOT / target).rglob("*")):
            if f.is_file() and f.suffix not in SKIP_SUFFIX and "__pycache__" not in f.parts:
                files.append(f)
    return files


def text_of(path: Path) -> str | None:
    try:
        text = path.read_text(encoding="utf-8")
    except (UnicodeDecodeError, OSError):
        return None
    return po_english(text) if path.suffix in (".po", ".pot") else text


@pytest.fixture(scope="module")
def overlap() -> Overlap:
    return Overlap(PAPER.read_text(encoding="utf-8"))


@needs_paper
def test_no_run_of_ten_words_shared_with_the_paper(overlap: Overlap) -> None:
    found = []
    for f in product_files():
        text = text_of(f)
        if text is not None:
            found += [f"{rel(f)}: {len(run.split())} words: {run}" for run in overlap.runs(text)]
    assert not found, "paraphrase these runs shared with the paper:\n" + "\n".join(found)


@needs_paper
def test_the_search_covers_the_catalogue_and_every_target() -> None:
    files = {rel(f) for f in product_files()}
    assert "src/assess/locale/fr/LC_MESSAGES/assess.po" in files
    for target in TARGETS:
        assert any(f.startswith(target + "/") for f in files), target


@needs_paper
def test_a_copied_sentence_is_found_and_a_title_is_not(overlap: Overlap) -> None:
    paper = PAPER.read_text(encoding="utf-8")
    body = paper.split("Introduction*", 2)[-1]
    w = words(body)
    sentence = " ".join(w[40:60])
    assert overlap.runs(f"Our words first. {sentence} Our words after.")
    # a run just under the limit passes
    assert not overlap.runs(" ".join(w[40:49]))
    # titles: a section, a mission of Table 2, the paper itself
    assert not overlap.runs("See Broadening mandates: Mine action organizations and security providers, p. 48.")
    assert not overlap.runs(
        "MINUSCA (UN Multidimensional Integrated Stabilization Mission in the Central African Republic)"
    )
    assert not overlap.runs("DCAF SSR Paper 15, Linking Mine Action and SSR through Human Security (2016)")


@needs_paper
def test_msgstr_is_not_searched_but_msgid_is() -> None:
    po = 'msgid "first"\n"second line"\nmsgstr "not this"\n\nmsgid "third"\nmsgstr ""\n"nor this"\n'
    assert po_english(po).split("\n") == ["firstsecond line", "third"]
