"""Loading and linting checklists.

``load_checklists`` is what scoring commands use; ``lint`` reports every
problem it can find across files (it does not stop at the first).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from assess.core.actions import SIDES, TemplateError, template_names
from assess.core.checklist import NEED_REASONS, Checklist, entry_text, needs_problems, replaces_problems
from assess.core.conditions import ConditionError
from assess.core.evaluate import CompiledChecklist, compile_checklist
from assess.errors import InputError, Problem, UsageError
from assess.i18n import _
from assess.loading import cache, yamlsrc
from assess.loading.validate import validate
from assess.resources import builtin_checklists, checklists_dir


def resolve(specs: Sequence[str]) -> list[Path]:
    """Turn ``--checklist`` values (paths or built-in ids) into files.

    No value means every built-in checklist.
    """
    if not specs:
        every = builtin_checklists()
        if not every:  # a broken installation would otherwise score against nothing, and pass
            raise UsageError(
                _(
                    "this installation of assess has no built-in checklists (its data files are missing): "
                    "reinstall it, or name checklist files with --checklist"
                )
            )
        return every
    out: list[Path] = []
    for spec in specs:
        path = Path(spec)
        if path.suffix in (".yaml", ".yml") or path.exists() or "/" in spec:
            out.append(path)
            continue
        builtin = checklists_dir() / f"{spec}.yaml"
        if builtin.is_file():
            out.append(builtin)
            continue
        known = ", ".join(p.stem for p in builtin_checklists())
        raise InputError.at(spec, f"unknown checklist id; built-in checklists are: {known}")
    return out


#: Checklists compiled in this process, by the cache entry they came from (the
#: SHA-256 of its checked JSON) and language. A process that loads the same
#: checklists again (a program that calls assess, the test suite) validates
#: and compiles each once; the entry is still read and checked every time, so
#: an entry edited, resealed or removed is met as before. Compiled checklists
#: are never changed once built; the oldest is dropped past :data:`_KEPT`.
_COMPILED: dict[tuple[str, str], CompiledChecklist] = {}
_KEPT = 64


def _remember(key: tuple[str, str], compiled: CompiledChecklist) -> CompiledChecklist:
    if _COMPILED and len(_COMPILED) >= _KEPT:
        del _COMPILED[next(iter(_COMPILED))]
    _COMPILED[key] = compiled
    return compiled


def _from_cache(raw: bytes) -> tuple[str, CompiledChecklist] | None:
    """The checklist the cache holds for these bytes, compiled, with its entry's
    digest; None when there is none, or when it fails what loading its YAML checks."""
    sealed = cache.sealed_body(raw)
    if sealed is None:
        return None
    body, digest = sealed
    known = _COMPILED.get((digest, "en"))
    if known is not None:
        return digest, known
    checklist = cache.checklist_of(body)
    trusted = _recheck(checklist) if checklist is not None else None
    return (digest, _remember((digest, "en"), trusted)) if trusted is not None else None


def _load_one(path: Path, lint: bool = False) -> tuple[str | None, CompiledChecklist]:
    """Load one checklist file, with the digest of the cache entry it came from
    (None: read from its YAML); ``lint`` reads the YAML whatever the cache
    holds and also checks the translations."""
    raw = yamlsrc.read_bytes(path, "checklist")
    cached = None if lint else _from_cache(raw)
    if cached is not None:
        return cached
    doc = yamlsrc.parse(yamlsrc.decode(raw, str(path)), str(path), raw, "checklist")
    checklist = validate(Checklist, doc, what="checklist")
    try:
        compiled = compile_checklist(checklist)
    except ConditionError as e:
        line, col = doc.position(e.path) or (None, None)
        index = e.path[1] if len(e.path) > 1 and isinstance(e.path[1], int) else None
        owner = f"item {checklist.items[index].id}: " if index is not None else ""
        raise InputError([Problem(doc.path, line, col, owner + e.message)]) from None
    problems = _duplicate_ids(doc, checklist) + _replaces(doc, checklist) + _translated_names(doc, checklist)
    if lint:
        problems += _missing_translations(doc, checklist)
        problems += _needs(doc, checklist)
    if problems:
        raise InputError(problems)
    cache.put(raw, checklist)
    return None, compiled


def _recheck(checklist: Checklist) -> CompiledChecklist | None:
    """A checklist from the cache, compiled, if it passes what loading its
    YAML checks (conditions compile, ids are unique; the cache checked its
    texts); None sends the caller back to the YAML, which reports any problem."""
    ids = [item.id for item in checklist.items]
    if len(set(ids)) != len(ids):
        return None
    try:
        return compile_checklist(checklist)
    except (ConditionError, ValueError, TypeError, KeyError):
        return None


def _duplicate_ids(doc: yamlsrc.YamlDoc, checklist: Checklist) -> list[Problem]:
    seen: dict[str, int] = {}
    problems = []
    for i, item in enumerate(checklist.items):
        if item.id in seen:
            line, col = doc.position(("items", i, "id")) or (None, None)
            first = doc.position(("items", seen[item.id], "id")) or (0, 0)
            problems.append(Problem(doc.path, line, col, f"duplicate item id '{item.id}' (first at line {first[0]})"))
        else:
            seen[item.id] = i
    return problems


def _replaces(doc: yamlsrc.YamlDoc, checklist: Checklist) -> list[Problem]:
    """Split and merged items name what they replace consistently: baselines follow them."""
    problems = []
    for i, j, message in replaces_problems(checklist):
        where: yamlsrc.DataPath = ("items", i, "replaces", j) if j is not None else ("items", i, "replaces")
        line, col = doc.position(where) or doc.position(("items", i, "id")) or (None, None)
        problems.append(Problem(doc.path, line, col, message))
    return problems


def _translated_names(doc: yamlsrc.YamlDoc, checklist: Checklist) -> list[Problem]:
    """Each translated recommendation reads, and names what its English names."""
    problems = []
    for i, item in enumerate(checklist.items):
        for lang, tr in item.translations.items():
            name = LANGUAGE_NAMES.get(lang, f"'{lang}'")
            for side in SIDES:
                english = getattr(item.recommendations, side)
                for j, text in enumerate(getattr(tr.recommendations, side)):
                    where = ("items", i, "translations", lang, "recommendations", side, j)
                    line, col = doc.position(where) or (None, None)
                    try:
                        names = template_names(text)
                    except TemplateError as e:
                        problems.append(Problem(doc.path, line, col, f"item {item.id}: {e.message}"))
                        continue
                    if j >= len(english):
                        continue
                    # The English parsed when the item compiled.
                    expected = template_names(entry_text(english[j]))
                    if names != expected:
                        problems.append(
                            Problem(
                                doc.path,
                                line,
                                col,
                                f"item {item.id}: the {name} text of recommendations.{side}[{j}] names "
                                f"{_listed(names)} where the English names {_listed(expected)}; "
                                "a translation puts in the same names",
                            )
                        )
    return problems


def _listed(names: list[str]) -> str:
    return ", ".join(f"{{{n}}}" for n in names) if names else "nothing"


def _needs(doc: yamlsrc.YamlDoc, checklist: Checklist) -> list[Problem]:
    """Every item says which side(s) it needs, consistently with its kind."""
    problems = []
    for i, item in enumerate(checklist.items):
        for message in needs_problems(item):
            where = ("items", i, "needs") if item.needs is not None else ("items", i, "kind")
            line, col = doc.position(where) or doc.position(("items", i, "id")) or (None, None)
            problems.append(Problem(doc.path, line, col, message))
    return problems


def localize(cc: CompiledChecklist, lang: str) -> CompiledChecklist:
    """``cc`` with its texts in ``lang`` where the checklist has them (conditions unchanged)."""
    if lang == "en":
        return cc
    # Compiled anew: each item's texts are worked out at compile time.
    from assess.i18n import N_, translations

    catalogue = translations(lang)
    wording = catalogue.gettext(N_("The profile does not say: {question}"))
    reasons = {need: catalogue.gettext(text) for need, text in NEED_REASONS.items()}
    # How a recommendation lists several of the profile's names: "A, B and C".
    pair = catalogue.gettext(N_("{names} and {last}"))

    def join(names: Sequence[str]) -> str:
        if len(names) <= 1:
            return "".join(names)
        return pair.format(names=", ".join(names[:-1]), last=names[-1])

    return compile_checklist(cc.checklist.localized(lang), wording, catalogue.gettext, reasons, join)


LANGUAGE_NAMES = {"fr": "French", "en": "English"}


def _missing_translations(doc: yamlsrc.YamlDoc, checklist: Checklist) -> list[Problem]:
    """Every text missing for a language the checklist declares in ``languages``."""
    problems = []

    def at(path: yamlsrc.DataPath, message: str) -> None:
        line, col = doc.position(path) or (None, None)
        problems.append(Problem(doc.path, line, col, message))

    for lang in checklist.languages:
        if lang == "en":
            continue
        name = LANGUAGE_NAMES.get(lang, f"'{lang}'")
        declared = f"the checklist declares '{lang}' in 'languages'"
        if lang not in checklist.translations:
            at(("languages",), f"no {name} title: add 'translations.{lang}.title' ({declared})")
        for i, item in enumerate(checklist.items):
            tr = item.translations.get(lang)
            if tr is None:
                at(("items", i, "id"), f"item {item.id} has no {name} translation ('translations.{lang}'); {declared}")
                continue
            where = ("items", i, "translations", lang)
            if item.criteria.partial is not None and tr.criteria.partial is None:
                at(
                    (*where, "criteria"),
                    f"item {item.id}: the {name} translation has no 'criteria.partial' text; the item has one",
                )
            if item.not_applicable_reason and not tr.not_applicable_reason:
                at(where, f"item {item.id}: the {name} translation has no 'not_applicable_reason'; the item has one")
            if item.caution_reason and not tr.caution_reason:
                at(where, f"item {item.id}: the {name} translation has no 'caution_reason'; the item has one")
            for side in SIDES:
                english, texts = getattr(item.recommendations, side), getattr(tr.recommendations, side)
                if len(english) != len(texts):
                    at(
                        (*where, "recommendations", side),
                        f"item {item.id}: the {name} translation has {len(texts)} recommendation(s) for {side} "
                        f"where the English has {len(english)}; they pair by position",
                    )
    for i, item in enumerate(checklist.items):
        for lang in item.translations:
            if lang not in checklist.languages:
                at(
                    ("items", i, "translations", lang),
                    f"item {item.id} has a '{lang}' translation, but '{lang}' is not in the checklist's 'languages'",
                )
    return problems


def load_checklists(specs: Sequence[str] = (), lang: str = "en") -> list[CompiledChecklist]:
    """Load, validate and compile checklists; raises InputError on any problem.

    With ``lang``, every text a reader sees is in that language where the
    checklist carries a translation (English otherwise). Files met before are
    read from :mod:`assess.loading.cache`."""
    problems: list[Problem] = []
    loaded: list[tuple[str | None, CompiledChecklist]] = []
    for path in resolve(specs):
        try:
            loaded.append(_load_one(path))
        except InputError as e:
            problems.extend(e.problems)
    problems.extend(_clashes([c for _, c in loaded]))
    if problems:
        raise InputError(problems)
    return [_localized(digest, c, lang) for digest, c in loaded]


def _localized(digest: str | None, cc: CompiledChecklist, lang: str) -> CompiledChecklist:
    """:func:`localize`, once per process for a checklist from the cache."""
    if digest is None or lang == "en":
        return localize(cc, lang)
    known = _COMPILED.get((digest, lang))
    return known if known is not None else _remember((digest, lang), localize(cc, lang))


def _clashes(compiled: Sequence[CompiledChecklist]) -> list[Problem]:
    """Checklist ids must be unique in one run, so item keys are unambiguous."""
    seen: set[str] = set()
    problems = []
    for cc in compiled:
        if cc.checklist.id in seen:
            problems.append(Problem(cc.checklist.id, None, None, "checklist id is used by two files in this run"))
        seen.add(cc.checklist.id)
    return problems


def lint(specs: Sequence[str] = ()) -> tuple[list[CompiledChecklist], list[Problem]]:
    """Check checklist files; return what loaded and every problem found.

    Beyond what loading checks: every item has a translation for each
    language its checklist declares, and says consistently which side(s)
    of the work it needs (``needs``)."""
    problems: list[Problem] = []
    compiled: list[CompiledChecklist] = []
    try:
        paths = resolve(specs)
    except InputError as e:
        return [], e.problems
    for path in paths:
        try:
            compiled.append(_load_one(path, lint=True)[1])
        except InputError as e:
            problems.extend(e.problems)
    problems.extend(_clashes(compiled))
    if problems:
        return [], InputError(problems).problems
    return compiled, []
