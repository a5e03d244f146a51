"""Tailoring: an organisation's adaptation of published checklists, without forking them.

A tailoring file names the checklists (and versions) it builds on and, each
with a reason, the items it deselects or selects again, the weights it
changes (within :data:`WEIGHT_FACTOR_MIN`-:data:`WEIGHT_FACTOR_MAX` times the
checklist's own weight), the texts it words its own way per language, and the
items it adds from the organisation's own checklist files. One tailoring may
``extends:`` another; the chain is applied base first.

This module is the model and the pure application (:func:`apply`): no I/O and
no wording for readers. Problems come back as :class:`TailoringProblem`
(which file of the chain, the data path inside it, an English message for the
located error) so that the loader can name file:line:column.

A deselected item leaves the run: it is gone from the items, the scores and
the counts, and the tailoring record lists it with its reason (a reader of a
report sees it in the tailoring section, not as a finding). The record keeps
every change in chain order with the value before it and the value after it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from assess.core.checklist import (
    ITEM_ID_PATTERN,
    LANGUAGE_PATTERN,
    SEMVER_PATTERN,
    Checklist,
    Item,
    ItemId,
    entry_text,
)
from assess.core.tailoring_record import (
    BuildsOn,
    ChangeKind,
    TailoringChange,
    TailoringRecord,
)

if TYPE_CHECKING:
    from assess.core.evaluate import Totals
    from assess.core.result import Assessment

#: A tailored weight lies within these multiples of the checklist's own weight
#: (and within the checklist bounds, 0.1 to 10): enough to say what an
#: organisation cares about, not enough to turn an item into the whole score.
WEIGHT_FACTOR_MIN = 0.5
WEIGHT_FACTOR_MAX = 3.0
WEIGHT_MIN = 0.1
WEIGHT_MAX = 10.0

#: The texts a tailoring may word its own way.
TEXT_FIELDS = ("title", "question", "rationale")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class ItemChoice(_Strict):
    """An item deselected (or selected again), with why."""

    item: str = Field(pattern=ITEM_ID_PATTERN, description="The item's id, e.g. GOV-05.")
    reason: str = Field(min_length=1, description="Why; shown to readers beside the change.")
    translations: dict[str, str] = Field(
        default_factory=dict, description="The reason in other languages, keyed by language code (e.g. fr)."
    )


class WeightChange(_Strict):
    """An item's weight set anew, with why."""

    item: str = Field(pattern=ITEM_ID_PATTERN)
    weight: float = Field(
        description=f"The new weight: {WEIGHT_FACTOR_MIN} to {WEIGHT_FACTOR_MAX} times the checklist's own "
        f"weight, and within {WEIGHT_MIN} to {WEIGHT_MAX}."
    )
    reason: str = Field(min_length=1)
    translations: dict[str, str] = Field(default_factory=dict, description="The reason in other languages.")


class RecommendationOverride(_Strict):
    """An item's recommendations worded anew for one side or both, in the checklist's
    order (one text per recommendation; conditions and actors stay the checklist's)."""

    ssr: list[str] | None = Field(None, min_length=1)
    mine_action: list[str] | None = Field(None, min_length=1)


class TextOverride(_Strict):
    """An item's texts in the organisation's own words, in one language."""

    title: str | None = Field(None, min_length=1)
    question: str | None = Field(None, min_length=1)
    rationale: str | None = Field(None, min_length=1, description="Why the item matters.")
    recommendations: RecommendationOverride | None = None
    reason: str | None = Field(None, min_length=1, description="Why the wording changes (optional).")


class AddedChecklist(_Strict):
    """Items taken from one of the organisation's own checklist files."""

    checklist: str = Field(min_length=1, description="Path of the checklist file, relative to the tailoring file.")
    items: list[ItemId] | None = Field(None, min_length=1, description="The items to add; default: all of them.")
    reason: str = Field(min_length=1)
    translations: dict[str, str] = Field(default_factory=dict, description="The reason in other languages.")


class TailoringTranslation(_Strict):
    """The tailoring's own title (and description) in another language."""

    title: str = Field(min_length=1)
    description: str | None = Field(None, min_length=1)


class Tailoring(_Strict):
    """A tailoring file."""

    tailoring: str = Field(pattern=r"^[a-z][a-z0-9-]*$", description="The tailoring's id, e.g. nmaa-2026.")
    version: str = Field(pattern=SEMVER_PATTERN)
    title: str = Field(min_length=1)
    description: str | None = Field(None, min_length=1)
    extends: str | None = Field(
        None, min_length=1, description="Another tailoring file (path relative to this one) applied first."
    )
    builds_on: list[BuildsOn] = Field(
        default_factory=list,
        description="The checklists and versions this tailoring adapts (required unless it extends another).",
    )
    deselect: list[ItemChoice] = Field(default_factory=list, description="Items left out of the run, each with why.")
    select: list[ItemChoice] = Field(
        default_factory=list, description="Items a base tailoring deselected, brought back, each with why."
    )
    weights: list[WeightChange] = Field(default_factory=list)
    texts: dict[str, dict[str, TextOverride]] = Field(
        default_factory=dict,
        description="Per language (en, fr, ...), per item id: the texts worded the organisation's way.",
    )
    add: list[AddedChecklist] = Field(default_factory=list, description="Items from the organisation's checklists.")
    translations: dict[str, TailoringTranslation] = Field(
        default_factory=dict, description="The title (and description) in other languages, keyed by language code."
    )

    def title_in(self, lang: str) -> str:
        """The title in ``lang``, or the English one."""
        translation = self.translations.get(lang)
        return translation.title if translation is not None else self.title

    @model_validator(mode="after")
    def _base(self) -> Tailoring:
        if not self.builds_on and self.extends is None:
            raise ValueError("a tailoring names the checklists it builds on ('builds_on'), or 'extends' another")
        return self


# --- Application --------------------------------------------------------------------------


@dataclass(frozen=True)
class TailoringProblem:
    """A problem with one file of a chain: its index (0 = the base), the data path, the message."""

    step: int
    path: tuple[str | int, ...]
    message: str


class TailoringError(Exception):
    """The chain cannot be applied to the checklists of the run."""

    def __init__(self, problems: list[TailoringProblem]) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class Step:
    """One tailoring of the chain with the organisation's checklists its ``add`` names, in order."""

    tailoring: Tailoring
    added: Sequence[Checklist] = ()


@dataclass
class Applied:
    """The tailored checklists of a run and every change made."""

    checklists: list[Checklist]
    changes: list[TailoringChange] = field(default_factory=list)
    #: The ids of the organisation's checklists added, in order.
    added: list[str] = field(default_factory=list)
    #: The items taken from each added checklist.
    added_items: dict[str, list[str]] = field(default_factory=dict)


def version_fits(wanted: str, actual: str) -> bool:
    """True when the checklist version ``actual`` is the ``builds_on`` version ``wanted``
    (a release line ``1.2`` fits any ``1.2.x``)."""
    if wanted.count(".") == 1:
        return actual.split("-")[0].rsplit(".", 1)[0] == wanted
    return actual == wanted


class _State:
    """The checklists being tailored: items by id, and which are deselected and by whom."""

    def __init__(self, base: Sequence[Checklist]) -> None:
        self.order: list[str] = [c.id for c in base]
        self.meta: dict[str, Checklist] = {c.id: c for c in base}
        self.items: dict[str, list[Item]] = {c.id: list(c.items) for c in base}
        self.owner: dict[str, str] = {i.id: c.id for c in base for i in c.items}
        self.original_weight: dict[str, float] = {i.id: i.weight for c in base for i in c.items}
        self.deselected: dict[str, str] = {}  # item id -> tailoring id

    def item(self, item_id: str) -> Item:
        cid = self.owner[item_id]
        return next(i for i in self.items[cid] if i.id == item_id)

    def put(self, item: Item) -> None:
        cid = self.owner[item.id]
        self.items[cid] = [item if i.id == item.id else i for i in self.items[cid]]

    def result(self) -> list[Checklist]:
        out = []
        for cid in self.order:
            kept = [i for i in self.items[cid] if i.id not in self.deselected]
            original = self.meta[cid]
            if len(kept) == len(original.items) and all(a is b for a, b in zip(kept, original.items, strict=True)):
                out.append(original)  # untouched: the very checklist, so its compiled form can be reused
            elif kept:
                out.append(original.model_copy(update={"items": kept}))
        return out


def apply(steps: Sequence[Step], base: Sequence[Checklist], lang: str = "en") -> Applied:
    """Apply a chain of tailorings (base first) to the checklists ``base`` of a run.

    Returns the tailored checklists (a checklist all of whose items are
    deselected is left out) and every change, or raises :class:`TailoringError`
    with every problem found: a checklist it builds on that the run lacks or
    in another version, an item that does not exist or is deselected, a weight
    out of bounds, a language a checklist does not have, an added checklist or
    item whose id is taken."""
    state = _State(base)
    applied = Applied(checklists=[])
    problems: list[TailoringProblem] = []
    for index, step in enumerate(steps):
        _apply_step(index, step, state, applied, problems, lang)
    if problems:
        raise TailoringError(problems)
    applied.checklists = state.result()
    # Each change names its item as the run shows it: the final title, in ``lang``.
    applied.changes = [c.model_copy(update={"title": _title(state.item(c.item), lang)}) for c in applied.changes]
    return applied


def _title(item: Item, lang: str) -> str:
    translation = item.translations.get(lang) if lang != "en" else None
    return translation.title if translation is not None else item.title


def _apply_step(
    index: int, step: Step, state: _State, applied: Applied, problems: list[TailoringProblem], lang: str = "en"
) -> None:
    """Apply one tailoring of the chain to ``state``, recording its changes in ``applied``
    and its problems in ``problems``, phase by phase in this order (which is the order
    of the changes in the record and of the messages a user reads)."""
    one = _StepApplication(index, step, state, applied, problems, lang)
    one.check_builds_on()
    one.add_checklists()
    one.check_reason_languages()
    one.deselect()
    one.select()
    one.change_weights()
    one.word_texts()


class _StepApplication:
    """One tailoring of the chain being applied: each phase of the file in its own method,
    all reporting problems against the tailoring's index in the chain."""

    def __init__(
        self, index: int, step: Step, state: _State, applied: Applied, problems: list[TailoringProblem], lang: str
    ) -> None:
        self.index = index
        self.step = step
        self.tailoring = step.tailoring
        self.tid = step.tailoring.tailoring
        self.state = state
        self.applied = applied
        self.problems = problems
        #: The language of the run: the one a reason is recorded in.
        self.lang = lang

    def problem(self, path: tuple[str | int, ...], message: str) -> None:
        """Record a problem at ``path`` of this tailoring file."""
        self.problems.append(TailoringProblem(self.index, path, message))

    def change(self, item: Item, what: ChangeKind, base: Any, new: Any, reason: str | None, **extra: Any) -> None:
        """Record one change this tailoring made to ``item``."""
        self.applied.changes.append(
            TailoringChange(
                tailoring=self.tid,
                checklist=self.state.owner[item.id],
                item=item.id,
                what=what,
                base=base,
                new=new,
                reason=reason,
                **extra,
            )
        )

    def reason(self, entry: ItemChoice | WeightChange | AddedChecklist) -> str:
        """The entry's reason in the run's language, or its English one."""
        return entry.translations.get(self.lang, entry.reason)

    def known(self, path: tuple[str | int, ...], item_id: str, *, selected: bool = True) -> Item | None:
        """The item ``item_id`` if the run has it (and, with ``selected``, it is not
        deselected); otherwise None, with the problem recorded."""
        state = self.state
        if item_id not in state.owner:
            self.problem(path, f"no checklist of this run has an item {item_id}")
            return None
        if selected and item_id in state.deselected:
            self.problem(
                path,
                f"item {item_id} is deselected by tailoring {state.deselected[item_id]}; "
                "'select' it again before changing it",
            )
            return None
        return state.item(item_id)

    def check_builds_on(self) -> None:
        """Every checklist the tailoring builds on is in the run, in a version it fits."""
        for i, on in enumerate(self.tailoring.builds_on):
            have = self.state.meta.get(on.checklist)
            if have is None:
                loaded = ", ".join(self.state.order) or "none"
                self.problem(
                    ("builds_on", i, "checklist"),
                    f"tailoring {self.tid} builds on checklist '{on.checklist}', which this run does not load "
                    f"(it loads: {loaded}); add --checklist {on.checklist}",
                )
            elif not version_fits(on.version, have.version):
                self.problem(
                    ("builds_on", i, "version"),
                    f"tailoring {self.tid} was written for {on.checklist} {on.version}, but the run loads version "
                    f"{have.version}: review the tailoring against that version and update 'version'",
                )

    def add_checklists(self) -> None:
        """Take the items each ``add`` entry names into the run, unless its checklist's id,
        an item it names or an item's id is a problem."""
        for i, entry in enumerate(self.tailoring.add):
            checklist = self.step.added[i]
            if checklist.id in self.state.meta:
                self.problem(
                    ("add", i, "checklist"),
                    f"the added checklist's id '{checklist.id}' is already used in this run; give it its own id",
                )
                continue
            wanted = self._addable(i, entry, checklist)
            if wanted is not None:
                self._add(entry, checklist, wanted)

    def _addable(self, i: int, entry: AddedChecklist, checklist: Checklist) -> list[str] | None:
        """The ids ``entry`` takes from ``checklist``, or None (with the problems recorded)
        when one is missing from it or already used in the run."""
        ids = [item.id for item in checklist.items]
        wanted = entry.items if entry.items is not None else ids
        missing = [x for x in wanted if x not in ids]
        for x in missing:
            j = wanted.index(x)
            self.problem(("add", i, "items", j), f"checklist '{checklist.id}' has no item {x}")
        taken = [x for x in wanted if x in self.state.owner]
        for x in taken:
            self.problem(
                ("add", i, "checklist"),
                f"item {x} of checklist '{checklist.id}' has the id of an item of '{self.state.owner[x]}'; "
                "item ids are unique in a run",
            )
        return None if missing or taken else wanted

    def _add(self, entry: AddedChecklist, checklist: Checklist, wanted: list[str]) -> None:
        """Put the ``wanted`` items of ``checklist`` into the run as its own checklist."""
        state = self.state
        items = [x for x in checklist.items if x.id in wanted]
        state.order.append(checklist.id)
        state.meta[checklist.id] = checklist
        state.items[checklist.id] = items
        self.applied.added.append(checklist.id)
        self.applied.added_items[checklist.id] = [item.id for item in items]
        for new_item in items:
            state.owner[new_item.id] = checklist.id
            state.original_weight[new_item.id] = new_item.weight
            self.change(new_item, "add", None, new_item.weight, self.reason(entry))

    def check_reason_languages(self) -> None:
        """Every reason is translated only into languages of its item's checklist."""
        t, state = self.tailoring, self.state
        sections: list[tuple[str, Sequence[ItemChoice | WeightChange]]] = [
            ("deselect", t.deselect),
            ("select", t.select),
            ("weights", t.weights),
        ]
        for section, entries in sections:
            for i, e in enumerate(entries):
                if e.translations and e.item in state.owner:
                    self._reasons_in((section, i), state.owner[e.item], e.translations)
        added = self.step.added
        for i, entry in enumerate(t.add):
            if entry.translations and i < len(added) and added[i].id in state.meta:
                self._reasons_in(("add", i), added[i].id, entry.translations)

    def _reasons_in(self, path: tuple[str | int, ...], checklist_id: str, translations: dict[str, str]) -> None:
        """A reason's translations are in languages the checklist has."""
        languages = self.state.meta[checklist_id].languages
        for lang_code in translations:
            if lang_code not in languages:
                self.problem(
                    (*path, "translations", lang_code),
                    f"checklist '{checklist_id}' has no language '{lang_code}' (it has: {', '.join(languages)}); "
                    "a reason is translated into the languages of its item's checklist",
                )

    def deselect(self) -> None:
        """Leave out of the run each item ``deselect`` names (once each)."""
        named = [c.item for c in self.tailoring.deselect]
        for i, choice in enumerate(self.tailoring.deselect):
            if named.index(choice.item) != i:
                self.problem(("deselect", i, "item"), f"item {choice.item} is deselected twice")
                continue
            item = self.known(("deselect", i, "item"), choice.item)
            if item is not None:
                self.state.deselected[item.id] = self.tid
                self.change(item, "deselect", "selected", "deselected", self.reason(choice))

    def select(self) -> None:
        """Bring back each item ``select`` names that a base tailoring deselected."""
        deselecting = {c.item for c in self.tailoring.deselect}
        for i, choice in enumerate(self.tailoring.select):
            if choice.item in deselecting:
                self.problem(("select", i, "item"), f"item {choice.item} is both selected and deselected here")
                continue
            item = self.known(("select", i, "item"), choice.item, selected=False)
            if item is None:
                continue
            if item.id not in self.state.deselected:
                self.problem(
                    ("select", i, "item"),
                    f"item {item.id} is selected already: 'select' brings back an item a base tailoring deselected",
                )
                continue
            del self.state.deselected[item.id]
            self.change(item, "select", "deselected", "selected", self.reason(choice))

    def change_weights(self) -> None:
        """Set each weight ``weights`` names (once per item, within its bounds)."""
        seen: set[str] = set()
        for i, w in enumerate(self.tailoring.weights):
            if w.item in seen:
                self.problem(("weights", i, "item"), f"the weight of item {w.item} is changed twice")
                continue
            seen.add(w.item)
            item = self.known(("weights", i, "item"), w.item)
            if item is not None and self._weight_in_bounds(i, item, w.weight):
                self.change(item, "weight", item.weight, w.weight, self.reason(w))
                self.state.put(item.model_copy(update={"weight": w.weight}))

    def _weight_in_bounds(self, i: int, item: Item, weight: float) -> bool:
        """True when ``weight`` is within the item's bounds (a factor of its checklist
        weight, and the checklist limits); otherwise False, with the problem recorded."""
        original = self.state.original_weight[item.id]
        low = max(WEIGHT_MIN, round(original * WEIGHT_FACTOR_MIN, 6))
        high = min(WEIGHT_MAX, round(original * WEIGHT_FACTOR_MAX, 6))
        if low <= weight <= high:
            return True
        self.problem(
            ("weights", i, "weight"),
            f"weight {_number(weight)} of item {item.id} is out of bounds: from {_number(low)} to "
            f"{_number(high)} ({WEIGHT_FACTOR_MIN:g} to {WEIGHT_FACTOR_MAX:g} times its checklist weight "
            f"{_number(original)}, within {WEIGHT_MIN:g} to {WEIGHT_MAX:g})",
        )
        return False

    def word_texts(self) -> None:
        """Put each language's texts into the items they word anew, where the item's
        checklist has that language."""
        state = self.state
        # ``language`` is the language the texts are worded in, not the run's.
        for language, overrides in self.tailoring.texts.items():
            for item_id, override in overrides.items():
                where: tuple[str | int, ...] = ("texts", language, item_id)
                item = self.known(where, item_id)
                if item is None:
                    continue
                languages = state.meta[state.owner[item_id]].languages
                if language not in languages and language != "en":
                    self.problem(
                        ("texts", language),
                        f"checklist '{state.owner[item_id]}' has no language '{language}' (it has: "
                        f"{', '.join(languages)}); item {item_id} cannot be worded in it",
                    )
                    continue
                _override_texts(where, language, item, override, state, self.change, self.problem)


def _override_texts(
    where: tuple[str | int, ...],
    lang: str,
    item: Item,
    override: TextOverride,
    state: _State,
    change: Any,
    problem: Any,
) -> None:
    """Put one language's texts of ``override`` into ``item`` (English on the item, other
    languages in its translation), recording each."""
    translation = item.translations.get(lang) if lang != "en" else None
    if lang != "en" and translation is None:
        problem(where, f"item {item.id} has no '{lang}' texts to word anew; its checklist must translate it first")
        return
    wording = _Rewording(where, lang, item, override, translation, change, problem)
    update = wording.texts()
    recommendations = wording.recommendations()
    if recommendations:
        update["recommendations"] = wording.holder.recommendations.model_copy(update=recommendations)
    if not update:
        return
    if translation is None:
        state.put(item.model_copy(update=update))
    else:
        translations = {**item.translations, lang: translation.model_copy(update=update)}
        state.put(item.model_copy(update={"translations": translations}))


@dataclass
class _Rewording:
    """One item's texts in one language worded anew by a tailoring: what changes, each
    change recorded through ``change`` and each problem through ``problem``."""

    where: tuple[str | int, ...]
    lang: str
    item: Item
    override: TextOverride
    #: The item's translation into ``lang``; None for English (the item itself).
    translation: Any
    change: Any
    problem: Any

    @property
    def holder(self) -> Any:
        """What carries the texts in ``lang``: the item (English) or its translation."""
        return self.item if self.translation is None else self.translation

    def texts(self) -> dict[str, Any]:
        """The title, question and rationale the override words anew, by field."""
        update: dict[str, Any] = {}
        for name in TEXT_FIELDS:
            new = getattr(self.override, name)
            if new is None:
                continue
            update[name] = new
            self.change(
                self.item, "text", getattr(self.holder, name), new, self.override.reason, field=name, language=self.lang
            )
        return update

    def recommendations(self) -> dict[str, list[Any]]:
        """The recommendations of each side the override words anew, by side: one text
        per checklist recommendation, paired by position."""
        # Here, not at the top: assess.core.actions imports the result model, which imports this module.
        from assess.core.actions import SIDES

        wanted = self.override.recommendations
        if wanted is None:
            return {}
        out: dict[str, list[Any]] = {}
        for side in SIDES:
            texts = getattr(wanted, side)
            if texts is None:
                continue
            entries = getattr(self.item.recommendations, side)
            if len(texts) != len(entries):
                self.problem(
                    (*self.where, "recommendations", side),
                    f"item {self.item.id} has {len(entries)} recommendation(s) for {side}, and {len(texts)} are "
                    "given: they pair by position",
                )
                continue
            current = getattr(self.holder.recommendations, side)
            out[side] = [self._recommendation(side, j, text, entries[j], current[j]) for j, text in enumerate(texts)]
        return out

    def _recommendation(self, side: str, j: int, text: str, entry: Any, current: Any) -> Any:
        """Recommendation ``j`` of ``side`` worded as ``text`` where it names the template
        fields the checklist's ``entry`` names; otherwise ``current``, with the problem recorded."""
        from assess.core.actions import TemplateError, template_names

        path = (*self.where, "recommendations", side, j)
        try:
            names = template_names(text)
        except TemplateError as e:
            self.problem(path, f"item {self.item.id}: {e.message}")
            return current
        expected = template_names(entry_text(entry))
        if names != expected:
            self.problem(
                path,
                f"item {self.item.id}: recommendations.{side}[{j}] names "
                f"{_listed(names)} where the checklist names {_listed(expected)}",
            )
            return current
        old = entry_text(current)
        # An English recommendation with conditions or actors keeps them: only its text changes.
        new = (
            current.model_copy(update={"text": text})
            if self.translation is None and not isinstance(current, str)
            else text
        )
        self.change(
            self.item, "text", old, text, self.override.reason, field=f"recommendations.{side}[{j}]", language=self.lang
        )
        return new


def _listed(names: list[str]) -> str:
    return ", ".join(f"{{{n}}}" for n in names) if names else "nothing"


def _number(value: float) -> str:
    return f"{value:g}"


def digest(hexes: Sequence[str]) -> str:
    """The digest of a resolved chain: SHA-256 over its files' hex digests, one per line."""
    import hashlib

    return hashlib.sha256("".join(f"{h}\n" for h in hexes).encode("ascii")).hexdigest()


__all__ = [
    "LANGUAGE_PATTERN",
    "Applied",
    "BuildsOn",
    "Step",
    "Tailoring",
    "TailoringChange",
    "TailoringError",
    "TailoringProblem",
    "TailoringRecord",
    "apply",
    "digest",
    "version_fits",
]


def attach(assessment: Assessment, record: TailoringRecord, base_totals: Totals) -> Assessment:
    """``assessment`` (an :class:`assess.core.result.Assessment`) with the tailoring
    ``record`` and the scores ``base_totals`` (from ``score_profile`` on the
    untailored checklists) put in."""
    return assessment.model_copy(
        update={
            "tailoring": record,
            "overall_base": base_totals.overall,
            "approaches_base": base_totals.approaches,
        }
    )
