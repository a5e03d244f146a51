"""The words of many voices (issue 18): who answered, how far they agree, where they disagree.

The core counts (:mod:`assess.core.voices`); this module says the counts, for
the terminal view and the report. Respondents are never named: a side, a sex
and a count.
"""

from __future__ import annotations

from collections.abc import Mapping

from assess.core.result import FactVoices, ItemResult, VoicesSummary
from assess.i18n import N_, _, language, ngettext, percent

#: A respondent's side, as a group of respondents is called.
SIDE_WORDS: dict[str, str] = {
    "authority": N_("authorities"),
    "operator": N_("operators"),
    "security_forces": N_("security forces"),
    "donor": N_("donors"),
    "community": N_("communities"),
    "ssr": N_("SSR actors"),
    "other": N_("others"),
    "not_given": N_("side not given"),
}
#: A respondent's sex, as a group of respondents is called.
SEX_WORDS: dict[str, str] = {
    "female": N_("women"),
    "male": N_("men"),
    "other": N_("other"),
    "not_given": N_("not given"),
}
#: A respondent's answer ("unknown" is a respondent who did not know).
ANSWER_WORDS: dict[str, str] = {
    "yes": N_("yes"),
    "partial": N_("partial"),
    "no": N_("no"),
    "unknown": N_("don't know"),
}
#: How the merged answer was chosen, by rule.
RULE_SENTENCES: dict[str, str] = {
    "majority": N_(
        "Each fact holds the answer most respondents gave; where two answers tie, the fact is left unknown."
    ),
    "cautious": N_(
        "Each fact holds the most cautious answer given: a single no or partial outweighs any yes (for a risk,"
        " such as an arms embargo, a single yes outweighs any no), and the reassuring answer stands only if no"
        " respondent said they did not know."
    ),
    "lead": N_(
        "Each fact holds the lead respondent's answer ({lead}); where the lead gave none, the others' majority."
    ),
}


def side_word(side: str) -> str:
    """A side as a group of respondents is called ('communities')."""
    return _(SIDE_WORDS[side]) if side in SIDE_WORDS else side


def sex_word(sex: str) -> str:
    """A sex as a group of respondents is called ('women')."""
    return _(SEX_WORDS[sex]) if sex in SEX_WORDS else sex


def answer_word(answer: str, merged: bool = False) -> str:
    """A respondent's answer as said ("don't know" for unknown); a ``merged``
    answer left unknown is said "unknown" (no one's answer stands)."""
    if merged and answer == "unknown":
        return _("unknown")
    return _(ANSWER_WORDS[answer]) if answer in ANSWER_WORDS else answer


def counts(answers: Mapping[str, int]) -> str:
    """'no 2, yes 1': each answer with how many gave it."""
    return ", ".join(f"{answer_word(a)} {n}" for a, n in answers.items())


def groups(by: Mapping[str, Mapping[str, int]], word: str) -> list[str]:
    """One 'communities: no 2' per group (``word``: 'side' or 'sex')."""
    name = side_word if word == "side" else sex_word
    return [_("{group}: {answers}").format(group=name(g), answers=counts(a)) for g, a in by.items()]


def rule_sentence(v: VoicesSummary) -> str | None:
    """How the merged answers were chosen, or None when the profile does not say."""
    if v.rule is None or v.rule not in RULE_SENTENCES:
        return None
    return _(RULE_SENTENCES[v.rule]).format(lead=v.lead or "?")


def who_groups(v: VoicesSummary) -> str:
    """'authorities 1, communities 1, operators 1 (women 2, men 1)': respondents by side, and by sex where given."""
    text = ", ".join(f"{side_word(s)} {n}" for s, n in v.by_side.items())
    if v.by_sex:
        sexes = ", ".join(f"{sex_word(s)} {n}" for s, n in v.by_sex.items())
        text += _(" ({sexes})").format(sexes=sexes)
    return text


def who(v: VoicesSummary) -> str:
    """'3 respondents: authorities 1, communities 1, operators 1 (women 2, men 1)'."""
    head = ngettext("{n} respondent", "{n} respondents", v.respondents).format(n=v.respondents)
    return _("{respondents}: {groups}").format(respondents=head, groups=who_groups(v)) if v.by_side else head


def agreement(v: VoicesSummary) -> str:
    """How far the known answers agree with the merged ones, in a sentence."""
    if v.agreement is None:
        return _("No respondent gave a known answer.")
    return _("{percent} of the known answers agree with the merged answer.").format(percent=percent(v.agreement))


def contested(v: VoicesSummary) -> list[FactVoices]:
    """The facts respondents disagree on, the least agreed first, then by path."""
    return sorted(
        (f for f in v.facts if f.contested),
        key=lambda f: (f.agreement if f.agreement is not None else 0.0, f.field),
    )


def _semicolon() -> str:
    # French sets a space before a semicolon; the report's typography does it there, the terminal here.
    return "; " if language() == "en" else " ; "


def text_lines(v: VoicesSummary, by_key: Mapping[str, ItemResult]) -> list[str]:
    """The terminal view's lines: who answered, agreement, each disagreement briefly."""
    out = [_("{who}. {agreement}").format(who=who(v), agreement=agreement(v))]
    facts = contested(v)
    if not facts:
        out.append("  " + _("They agree on every fact they answered."))
        return out
    out.append(ngettext("They disagree on {n} fact:", "They disagree on {n} facts:", len(facts)).format(n=len(facts)))
    for f in facts:
        items = ", ".join(by_key[k].id for k in f.items if k in by_key)
        line = _("{field} (merged: {answer}): {sides}").format(
            field=f.field, answer=answer_word(f.merged, merged=True), sides=_semicolon().join(groups(f.by_side, "side"))
        )
        out.append(f"  - {line}" + (f" [{items}]" if items else ""))
    return out


__all__ = [
    "agreement",
    "answer_word",
    "contested",
    "counts",
    "groups",
    "rule_sentence",
    "sex_word",
    "side_word",
    "text_lines",
    "who",
    "who_groups",
]
