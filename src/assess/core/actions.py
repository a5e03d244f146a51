"""Recommendations resolved for one profile: conditions applied, the profile's own names put in.

A recommendation is a plain string, or a mapping with ``text``, ``when`` (a
condition in the criteria's language), ``horizon`` (now | year | structural)
and ``by`` (the actor roles that fit it); see
:class:`assess.core.checklist.Recommendation`.

``when``
    The recommendation is shown only where its condition holds. False or
    silent (the profile does not say), it is left out: advice written for a
    situation (two authorities, a treaty deadline, an emergency) is not given
    where the situation is not known to exist. A recommendation that should
    also stand where a fact is unknown says so in its condition, e.g.
    ``any: [{field: context.phase, exists: false}, {not: {field: context.phase,
    equals: emergency}}]``. (An item, unlike its advice, stays in on silence:
    see :mod:`assess.core.checklist`.)

Names in the text
-----------------
A text may name the profile's actors, mission and authorities with a
placeholder ``{NAME|FALLBACK}``: the name is looked up in the profile; when
the profile gives none, the fallback (the checklist's own words, translated
with the rest of the item) stands. Several names are joined ("A, B and C",
in the document's language). Names come from a fixed list, resolved from
known profile fields only:

``country``        ``programme.country``
``mission``        ``context.un_mission.name``
``authority``      the national mine action authority: ``authorities`` of
                   national jurisdiction that are an authority (or both, or
                   not said), else the actors with role ``national_authority``
``authorities``    every mine action authority and centre in ``authorities``
                   (national, sub-national, regional), else the actors with
                   role ``national_authority`` or ``national_centre``
``centre``         the national mine action centre: ``authorities`` of
                   national jurisdiction that are a centre (or both), else the
                   actors with role ``national_centre``
``ROLE``           the actors with that role (any ``ActorRole``, e.g. ``police``)
``SIDE.ROLE``      the actors with that role on that side (``ssr.police``,
                   ``mine_action.armed_forces``; an actor of side ``both`` is
                   on each)

There are no format strings, no attribute access and no template engine: a
placeholder is a name from this list and a fallback, and nothing else is
read. A brace that does not open a well-formed placeholder is an error, as is
an unknown name (``assess lint`` and every load report both, located).
Values from the profile are inserted as plain text, once: the result is not
read again for placeholders, and every reporter escapes it for its output.
A translation must use the same names as the English text (its fallbacks are
its own words).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from assess.core.checklist import Horizon, Recommendation, RecommendationEntry, Recommendations
from assess.core.conditions import Condition, ConditionError, Path, compile_condition
from assess.core.profile import ActorRole, AuthorityKind, Jurisdiction, Profile, Side
from assess.core.result import Action, RecommendationTexts, trusted

SIDES = ("ssr", "mine_action")
_PLACES = ("country", "mission", "authority", "authorities", "centre")
#: Every name a placeholder may use.
NAMES: frozenset[str] = frozenset(
    [*_PLACES, *(r.value for r in ActorRole), *(f"{s}.{r.value}" for s in SIDES for r in ActorRole)]
)

_NAME = re.compile(r"[a-z_]+(\.[a-z_]+)?")


class TemplateError(ValueError):
    """A recommendation text whose placeholders cannot be read."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Template:
    """A text cut into literal pieces and (name, fallback) placeholders."""

    parts: tuple[str | tuple[str, str], ...]

    @property
    def names(self) -> list[str]:
        """The placeholder names, in order (a name used twice is listed twice)."""
        return [p[0] for p in self.parts if isinstance(p, tuple)]

    @property
    def static(self) -> str | None:
        """The text when it has no placeholder, else None."""
        return (
            None
            if any(isinstance(p, tuple) for p in self.parts)
            else "".join(p for p in self.parts if isinstance(p, str))
        )

    def render(self, lookup: Callable[[str], str | None]) -> str:
        """The text with each placeholder's value from ``lookup``, or its fallback."""
        out = []
        for p in self.parts:
            if isinstance(p, str):
                out.append(p)
            else:
                value = lookup(p[0])
                out.append(p[1] if value is None else value)
        return "".join(out)


def _known_names_hint(name: str) -> str:
    close = difflib.get_close_matches(name, sorted(NAMES), n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    return (
        f"unknown name '{name}'{hint}; a placeholder names country, mission, authority, authorities, centre, "
        "an actor role (e.g. armed_forces) or SIDE.ROLE (e.g. ssr.police)"
    )


def parse_template(text: str) -> Template:
    """Cut ``text`` into pieces; raise TemplateError on a malformed or unknown placeholder."""
    parts: list[str | tuple[str, str]] = []
    i = 0
    while i < len(text):
        start = text.find("{", i)
        close = text.find("}", i)
        if close != -1 and (start == -1 or close < start):
            raise TemplateError(f"a '}}' at character {close + 1} closes no placeholder; write {{NAME|FALLBACK}}")
        if start == -1:
            parts.append(text[i:])
            break
        if start > i:
            parts.append(text[i:start])
        end = text.find("}", start)
        inner = text[start + 1 : end] if end != -1 else ""
        if end == -1 or "{" in inner:
            raise TemplateError(f"the '{{' at character {start + 1} is not closed; write {{NAME|FALLBACK}}")
        name, bar, fallback = inner.partition("|")
        name = name.strip()
        if not bar or not fallback.strip() or "|" in fallback:
            raise TemplateError(
                f"placeholder {{{inner}}} needs a name and one fallback, e.g. "
                "{authority|the national mine action authority}"
            )
        if not _NAME.fullmatch(name) or name not in NAMES:
            raise TemplateError(_known_names_hint(name))
        parts.append((name, fallback))
        i = end + 1
    return Template(tuple(parts))


def english_join(names: Sequence[str]) -> str:
    """'A', 'A and B', 'A, B and C' (the loader passes its translation)."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _unique(names: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(names))


_AUTHORITY_KINDS = (AuthorityKind.authority, AuthorityKind.both, None)
_CENTRE_KINDS = (AuthorityKind.centre, AuthorityKind.both)


def _role_names(profile: Profile, role: ActorRole, side: str | None = None) -> list[str]:
    return [
        a.name
        for a in profile.actors
        if a.role is role and (side is None or a.side is Side.both or a.side.value == side)
    ]


def names_for(profile: Profile, name: str) -> list[str]:
    """The profile's names for placeholder ``name`` (see the module docstring); [] when none."""
    authorities = profile.authorities or []
    if name == "country":
        return [profile.programme.country]
    if name == "mission":
        mission = profile.context.un_mission
        return [mission.name] if mission is not None else []
    if name == "authority":
        found = [a.name for a in authorities if a.jurisdiction is Jurisdiction.national and a.kind in _AUTHORITY_KINDS]
        return _unique(found or _role_names(profile, ActorRole.national_authority))
    if name == "centre":
        found = [a.name for a in authorities if a.jurisdiction is Jurisdiction.national and a.kind in _CENTRE_KINDS]
        return _unique(found or _role_names(profile, ActorRole.national_centre))
    if name == "authorities":
        found = [a.name for a in authorities]
        if not found:
            found = _role_names(profile, ActorRole.national_authority) + _role_names(profile, ActorRole.national_centre)
        return _unique(found)
    side, dot, role = name.rpartition(".")
    return _unique(_role_names(profile, ActorRole(role), side if dot else None))


def actors_for(profile: Profile, roles: Sequence[ActorRole]) -> list[str]:
    """Names of the profile's actors whose role is one of ``roles``; the mine action
    authorities count for ``national_authority`` and the centres for ``national_centre``."""
    out: list[str] = []
    authorities = profile.authorities or []
    for role in roles:
        out += _role_names(profile, role)
        if role is ActorRole.national_authority:
            out += [a.name for a in authorities if a.kind in _AUTHORITY_KINDS]
        elif role is ActorRole.national_centre:
            out += [a.name for a in authorities if a.kind in _CENTRE_KINDS]
    return _unique(out)


def _nothing(_name: str) -> str | None:
    return None


def _looker(profile: Profile, join: Callable[[Sequence[str]], str]) -> Callable[[str], str | None]:
    def look(name: str) -> str | None:
        found = names_for(profile, name)
        return join(found) if found else None

    return look


@dataclass(frozen=True)
class CompiledRecommendation:
    side: str
    template: Template
    when: Condition | None
    horizon: Horizon | None
    by: tuple[ActorRole, ...]


def compile_entry(entry: RecommendationEntry, side: str, path: Path) -> CompiledRecommendation:
    """One recommendation compiled; raises ConditionError with a path into the checklist."""
    text = entry if isinstance(entry, str) else entry.text
    try:
        template = parse_template(text)
    except TemplateError as e:
        raise ConditionError(path if isinstance(entry, str) else (*path, "text"), e.message) from None
    if isinstance(entry, Recommendation):
        when = compile_condition(entry.when, (*path, "when")) if entry.when is not None else None
        return CompiledRecommendation(side, template, when, entry.horizon, tuple(entry.by))
    return CompiledRecommendation(side, template, None, None, ())


Resolver = Callable[[Profile], tuple[RecommendationTexts, list[Action]]]


def compile_recommendations(
    recommendations: Recommendations, path: Path, join: Callable[[Sequence[str]], str] = english_join
) -> tuple[RecommendationTexts, list[Action], Resolver | None]:
    """The item's recommendations compiled once.

    Returns the texts and actions for any profile when none depends on it
    (no condition, no placeholder, no actor roles), and the resolver to call
    per profile otherwise (None when the first two always hold)."""
    compiled = [
        compile_entry(entry, side, (*path, side, j))
        for side in SIDES
        for j, entry in enumerate(getattr(recommendations, side))
    ]
    dynamic = any(c.when is not None or c.template.static is None or c.by for c in compiled)

    def resolve(profile: Profile | None) -> tuple[RecommendationTexts, list[Action]]:
        texts: dict[str, list[str]] = {"ssr": [], "mine_action": []}
        actions: list[Action] = []
        for c in compiled:
            if c.when is not None and profile is not None and c.when.evaluate(profile) is not True:
                continue
            if profile is None:
                text = c.template.render(_nothing)
                actors: list[str] = []
            else:
                text = c.template.render(_looker(profile, join))
                actors = actors_for(profile, c.by)
            texts[c.side].append(text)
            actions.append(
                trusted(
                    Action,
                    {
                        "side": c.side,
                        "text": text,
                        "horizon": c.horizon,
                        "by": list(c.by),
                        "actors": actors,
                    },
                )
            )
        return trusted(RecommendationTexts, texts), actions

    if dynamic:
        return (*resolve(None), resolve)
    return (*resolve(None), None)


def template_names(text: str) -> list[str]:
    """The placeholder names of a text, sorted (for comparing a translation with the English)."""
    return sorted(parse_template(text).names)


__all__ = [
    "NAMES",
    "CompiledRecommendation",
    "Template",
    "TemplateError",
    "actors_for",
    "compile_recommendations",
    "english_join",
    "names_for",
    "parse_template",
    "template_names",
]
