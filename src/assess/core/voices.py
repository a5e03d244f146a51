"""Many voices: merging several respondents' answers, and where they disagree.

A profile may list its ``respondents`` and keep every answer each gave per fact
(``responses``); the fact itself holds the merged answer, so evaluation reads
one answer as ever. This module holds the merge rules and reads the responses
back: agreement with the merged answer, the facts respondents disagree on
(broken down by side and by sex where collected), and the facts answered by
several respondents. Pure: no I/O, no wording.

The merge rules, per fact (answers are yes, partial, no, or unknown for a
respondent who did not know):

- ``majority``: the known answer most respondents gave. A tie between the
  most given answers is not settled: the fact stays unknown (and shows as
  contested). Don't-know answers do not vote.
- ``cautious``: the least favourable answer. For most facts yes is the good
  answer, and the order is no < partial < unknown < yes: a single no or
  partial stands against any yes; a don't-know stops a yes from standing (a
  yes needs every respondent who answered to vouch for it) but never hides a
  no or a partial. For the facts in :data:`RISK_FACTS` (a risk, such as an
  arms embargo or perceived partisanship, or a condition that brings more
  checks into play) yes is the answer that calls for care, and the order is
  reversed: yes < partial < unknown < no.
- ``lead``: the lead respondent's answer; where the lead gave none or did not
  know, the others' majority (as above).

With no known answer at all, the fact is unknown whatever the rule.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from assess.core.facts import Answer, Fact
from assess.core.profile import MergeRule, Profile, Respondent, Response
from assess.core.result import FactVoices, VoicesSummary

#: The cautious rule's order, least favourable first.
CAUTIOUS_ORDER: dict[Answer, int] = {Answer.no: 0, Answer.partial: 1, Answer.unknown: 2, Answer.yes: 3}
#: The same for a fact whose yes calls for care (:data:`RISK_FACTS`).
RISK_ORDER: dict[Answer, int] = {Answer.yes: 0, Answer.partial: 1, Answer.unknown: 2, Answer.no: 3}
#: Facts whose yes is the answer that calls for care: a risk the checklists
#: raise a caution on, or a condition that makes more checks apply (former
#: combatants among deminers bring the vetting items into play).
RISK_FACTS: frozenset[str] = frozenset(
    {
        "context.arms_embargo",
        "context.abuses_by_security_forces",
        "context.mine_action_before_ssr",
        "national_ownership.donor_dependent",
        "people_centred.perceived_partisanship",
        "people_centred.ex_combatants_in_demining",
    }
)
#: The order answers are listed in (counts, breakdowns).
ANSWER_ORDER = (Answer.yes, Answer.partial, Answer.no, Answer.unknown)
#: The group of a respondent whose side or sex is not given.
NOT_GIVEN = "not_given"


def majority(answers: Iterable[Answer]) -> Answer:
    """The known answer given most often; unknown on a tie or with no known answer."""
    counts = Counter(a for a in answers if a is not Answer.unknown)
    if not counts:
        return Answer.unknown
    ranked = counts.most_common()
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return Answer.unknown
    return ranked[0][0]


def cautious(answers: Iterable[Answer], risk: bool = False) -> Answer:
    """The least favourable answer (no < partial < unknown < yes; for a ``risk``
    fact yes < partial < unknown < no); unknown with no known answer."""
    given = list(answers)
    if not any(a is not Answer.unknown for a in given):
        return Answer.unknown
    return min(given, key=(RISK_ORDER if risk else CAUTIOUS_ORDER).__getitem__)


def merge_answers(
    answers: Sequence[tuple[str, Answer]], rule: MergeRule, lead: str | None = None, path: str = ""
) -> Answer:
    """The merged answer to the fact at ``path`` from ``(respondent id, answer)`` pairs, by ``rule``."""
    values = [a for _, a in answers]
    if rule is MergeRule.cautious:
        return cautious(values, risk=path in RISK_FACTS)
    if rule is MergeRule.lead:
        leads = [a for rid, a in answers if rid == lead and a is not Answer.unknown]
        if leads:
            return leads[0]
        return majority(a for rid, a in answers if rid != lead)
    return majority(values)


def _fact_at(profile: Profile, path: str) -> Fact | None:
    node: object = profile
    for part in path.split("."):
        node = getattr(node, part, None)
        if node is None:
            return None
    return node if isinstance(node, Fact) else None


def _ordered(counts: Counter[Answer]) -> dict[str, int]:
    return {a.value: counts[a] for a in ANSWER_ORDER if counts[a]}


def _breakdown(pairs: Iterable[tuple[str, Answer]]) -> dict[str, dict[str, int]]:
    groups: dict[str, Counter[Answer]] = {}
    for group, answer in pairs:
        groups.setdefault(group, Counter())[answer] += 1
    return {g: _ordered(groups[g]) for g in sorted(groups)}


def corroborated(profile: Profile) -> frozenset[str]:
    """The fact paths whose answer in the profile two or more distinct
    respondents gave: several voices backing the same known answer. Respondents
    who answered but disagree back nothing (a contested fact is not firmer for
    being asked more often); a fact the merge left unknown is backed by no one."""
    out = set()
    for path, responses in (profile.responses or {}).items():
        fact = _fact_at(profile, path)
        if fact is None or fact.answer is Answer.unknown:
            continue
        if len({r.respondent for r in responses if r.answer is fact.answer}) >= 2:
            out.add(path)
    return frozenset(out)


def summarise(profile: Profile, readers: Mapping[str, Sequence[str]] | None = None) -> VoicesSummary | None:
    """What the profile's responses say: per fact, every answer counted overall,
    by side and by sex (where any respondent's sex is given), the respondents
    agreeing with the profile's answer, whether they disagree among themselves;
    and the share of all known answers that agree with the merged ones.

    ``readers`` maps a fact path to the items (``checklist/item``) that read it.
    None when the profile keeps no responses."""
    if not profile.responses:
        return None
    people = {r.id: r for r in profile.respondents or ()}
    sex_collected = any(r.sex not in (None, "not_given") for r in people.values())
    facts = [
        _fact_voices(profile, path, responses, people, sex_collected, (readers or {}).get(path, ()))
        for path, responses in sorted(profile.responses.items())
    ]
    known_all = sum(len(_known(responses)) for responses in profile.responses.values())
    agreeing_all = sum(f.agreeing for f in facts)
    merge = profile.merge
    return VoicesSummary(
        rule=merge.rule.value if merge is not None else None,
        lead=merge.lead if merge is not None else None,
        respondents=len(people),
        by_side=_tally(_side(r) for r in people.values()),
        by_sex=_tally(_sex(r) for r in people.values()) if sex_collected else {},
        agreement=agreeing_all / known_all if known_all else None,
        facts=facts,
        contested=[f.field for f in facts if f.contested],
        corroborated=sorted(corroborated(profile)),
    )


def _known(responses: Sequence[Response]) -> list[Response]:
    """The responses that give an answer (not a don't-know)."""
    return [r for r in responses if r.answer is not Answer.unknown]


def _tally(groups: Iterable[str]) -> dict[str, int]:
    """How many respondents are in each group, by group name."""
    return dict(sorted(Counter(groups).items()))


def _side(who: Respondent | None) -> str:
    """The side a respondent speaks from, or :data:`NOT_GIVEN`."""
    return who.side.value if who is not None and who.side is not None else NOT_GIVEN


def _sex(who: Respondent | None) -> str:
    """A respondent's sex, or :data:`NOT_GIVEN`."""
    return who.sex.value if who is not None and who.sex is not None else NOT_GIVEN


def _fact_voices(
    profile: Profile,
    path: str,
    responses: Sequence[Response],
    people: Mapping[str, Respondent],
    sex_collected: bool,
    items: Sequence[str],
) -> FactVoices:
    """The voices on the fact at ``path``: every answer counted overall, by side and (when
    ``sex_collected``) by sex, and how many known answers agree with the profile's one."""
    fact = _fact_at(profile, path)
    merged = fact.answer if fact is not None else Answer.unknown
    known = _known(responses)
    agreeing = sum(1 for r in known if r.answer is merged)

    return FactVoices(
        field=path,
        merged=merged.value,
        respondents=len(responses),
        answers=_ordered(Counter(r.answer for r in responses)),
        agreeing=agreeing,
        agreement=agreeing / len(known) if known else None,
        contested=len({r.answer for r in known}) > 1,
        by_side=_breakdown((_side(people.get(r.respondent)), r.answer) for r in responses),
        by_sex=_breakdown((_sex(people.get(r.respondent)), r.answer) for r in responses) if sex_collected else {},
        items=list(items),
    )


__all__ = [
    "CAUTIOUS_ORDER",
    "RISK_FACTS",
    "RISK_ORDER",
    "cautious",
    "corroborated",
    "majority",
    "merge_answers",
    "summarise",
]
