"""Languages: interface strings from gettext catalogues, dates and numbers from Babel.

English is the source language: its strings are the ``msgid`` of the catalogue
(``src/assess/locale/<lang>/LC_MESSAGES/assess.po``, compiled to ``.mo``), so
with ``en`` nothing is looked up and every output stays as it was. Reading the
compiled catalogue needs only the standard library's :mod:`gettext`; Babel is
imported only to format a date or a number in a language other than English,
so the scoring commands stay as quick to start in English as before.

The language is one per process, set by the CLI from ``--lang`` (or
``ASSESS_LANG``) before anything is loaded, so that located error messages
are phrased in it too. Core never imports this module: translated labels of
approaches and results are looked up here, at the rendering layer. The
profile's questions (its field descriptions) are marked in the core with
:func:`assess.core.texts.N_`; the loader hands the catalogue's lookup to
:func:`assess.core.evaluate.compile_checklist`, so each evidence record of a
result carries its question in the document's language, and the XLSForm reads
the same entries. French text everywhere follows :func:`french_typography`.
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext
import re
from collections.abc import Callable
from pathlib import Path

from markupsafe import Markup

LANGUAGES: tuple[str, ...] = ("en", "fr")
DEFAULT = "en"
DOMAIN = "assess"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

_state: dict[str, gettext.NullTranslations | str] = {"lang": DEFAULT, "tr": gettext.NullTranslations()}


@functools.cache
def translations(lang: str) -> gettext.NullTranslations:
    """The catalogue of ``lang`` (English: none, every string stays itself)."""
    if lang == DEFAULT:
        return gettext.NullTranslations()
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}; expected one of {', '.join(LANGUAGES)}")
    return gettext.translation(DOMAIN, str(LOCALE_DIR), [lang])


def set_language(lang: str) -> None:
    """Make ``lang`` the language of everything said from now on."""
    _state["tr"] = translations(lang)
    _state["lang"] = lang


def language() -> str:
    lang = _state["lang"]
    assert isinstance(lang, str)
    return lang


def _tr() -> gettext.NullTranslations:
    tr = _state["tr"]
    assert isinstance(tr, gettext.NullTranslations)
    return tr


def _(message: str) -> str:
    """``message`` (English) in the current language."""
    return _tr().gettext(message) if message else message


def ngettext(singular: str, plural: str, n: int) -> str:
    return _tr().ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark ``message`` for the catalogue without translating it here."""
    return message


#: The core's own English texts, marked for the catalogue here: the core never
#: translates (tests keep this list equal to what the core says).
CORE_TEXTS: tuple[str, ...] = (
    # APPROACH_TITLES
    N_("National ownership and capacity development"),
    N_("Good governance"),
    N_("People-centred approach and human rights"),
    N_("Gender and diversity"),
    N_("Operational linkage"),
    # Priority
    N_("high"),
    N_("medium"),
    N_("low"),
    # core.portfolio: mandate rows, cross-tab title and values
    N_("Peacekeeping missions"),
    N_("Special political/peacebuilding missions"),
    N_("Missions of unstated type"),
    N_("Total"),
    N_("UN Charter chapter × SSR mandate × mine action mandate"),
    N_("no UN mission"),
    N_("not stated"),
    N_("explicit"),
    N_("implicit"),
    N_("none"),
    # scoring.FORMULA
    N_(
        "score = 100 × Σ(weight × value) / Σ(weight) over applicable, answered items "
        "(value: met 1, partial 0.5, missed 0); not-applicable and waived items are "
        "excluded; coverage = answered items / applicable items, where unknown items "
        "are applicable but not answered; the range beside a score runs from every unknown item missed "
        "to every unknown item met; a score on under half the applicable items is provisional. "
        "Priority of a synergy: high for weight ≥ 3, medium for weight ≥ 2, low otherwise."
    ),
)


# ------------------------------------------------------------------ numbers and dates
def decimal(x: float, digits: int = 1, lang: str | None = None) -> str:
    """``x`` with ``digits`` decimals: '72.5' in English, '72,5' in French."""
    lang = lang or language()
    if lang == DEFAULT:
        return f"{x:.{digits}f}"
    from babel.numbers import format_decimal

    pattern = "0." + "0" * digits if digits else "0"
    return str(format_decimal(x, format=pattern, locale=lang))


def number(x: float, lang: str | None = None) -> str:
    """A weight as written: '2', '1.5' ('1,5' in French)."""
    lang = lang or language()
    if lang == DEFAULT:
        return f"{x:g}"
    from babel.numbers import format_decimal

    return str(format_decimal(x, locale=lang))


def percent(x: float, lang: str | None = None) -> str:
    """A share 0-1 as a whole percentage: '80%' in English, '80 %' in French."""
    lang = lang or language()
    if lang == DEFAULT:
        return f"{x:.0%}"
    from babel.numbers import format_percent

    return str(format_percent(x, locale=lang))


MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def long_date(day: dt.date, lang: str | None = None) -> str:
    """'15 January 2016' in English, '15 janvier 2016' in French (Babel, CLDR)."""
    lang = lang or language()
    if lang == DEFAULT:
        return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    from babel.dates import format_date

    text = str(format_date(day, format="long", locale=lang))
    if lang == "fr" and day.day == 1:
        text = "1er" + text[1:]  # « 1er août 2015 », as French writes the first of the month
    return text


# ------------------------------------------------------------------ French typography
NNBSP = "\u202f"  # narrow no-break space: before ; ? !
NBSP = "\u00a0"  # no-break space: before : and inside « »


@functools.cache
def _rx(pattern: str) -> re.Pattern[str]:
    """``pattern`` compiled on first use: the typography's expressions cost a
    few milliseconds to compile, which a run that sets no text (a portfolio's
    JSON, an English check) should not pay at start-up."""
    return re.compile(pattern)


#: What typography never touches: URLs, addresses, HTML tags and entities.
_PROTECTED = r"(?:https?|ftp|file|mailto):\S+|www\.\S+|<[^>]*>|&(?:#\d+|#x[0-9a-fA-F]+|\w+);"
_SPACES = f"[ {NBSP}{NNBSP}\t]*"
_AFTER = "(?=\\s|$|[)\\]»”’\"'.,;:!?\ue000])"
_HIGH = rf"(?<=[^\s{NBSP}{NNBSP}]){_SPACES}([;?!]){_AFTER}"
_COLON = rf"(?<=[^\s{NBSP}{NNBSP}:/]){_SPACES}:{_AFTER}"
_OPEN = rf"«{_SPACES}"
_CLOSE = rf"{_SPACES}»"
_STRAIGHT = r'"([^"\n]+)"'
_CURLY = r"“([^”\n]+)”"


def _typeset(text: str) -> str:
    text = _rx(_CURLY).sub(r"«\1»", text)
    if text.count('"') % 2 == 0:
        text = _rx(_STRAIGHT).sub(r"«\1»", text)
    text = _rx(_HIGH).sub(NNBSP + r"\1", text)
    text = _rx(_COLON).sub(NBSP + ":", text)
    text = _rx(_OPEN).sub("«" + NBSP, text)
    return _rx(_CLOSE).sub(NBSP + "»", text)


EN_DASH = "\u2013"
#: A hyphen standing alone between two words, as a dash ("oversight - whoever runs it").
_SPACED_HYPHEN = r"(?<=\S)[ \u00a0]-[ \u00a0](?=\S)"


def _outside_protected(text: str, typeset: Callable[[str], str]) -> str:
    """``typeset`` applied to ``text`` but its URLs and, in markup, its tags and
    entities, which are set aside and put back as they were. Markup stays
    Markup (only its text is touched)."""
    kept: list[str] = []

    def keep(m: re.Match[str]) -> str:
        kept.append(m.group(0))
        return f"\ue000{len(kept) - 1}\ue001"

    joined = typeset(_rx(_PROTECTED).sub(keep, str(text)))
    joined = re.sub("\ue000(\\d+)\ue001", lambda m: kept[int(m.group(1))], joined)
    return Markup(joined) if isinstance(text, Markup) else joined


def _dashed(text: str) -> str:
    return _rx(_SPACED_HYPHEN).sub(f"{NBSP}{EN_DASH} ", text)


def dashes(text: str) -> str:
    """A hyphen set between spaces as a dash becomes an en dash, held to the
    word before it by a no-break space so that no line starts with it
    ("oversight - whoever" -> "oversight\u00a0– whoever"), in any language.

    Hyphens inside words, "--" in commands and "-" before a number are left
    as they are, and so are URLs and, in markup, tags and entities.
    Idempotent. Markup stays Markup (only its text is touched)."""
    plain = str(text)
    if "-" not in plain or not _rx(_SPACED_HYPHEN).search(plain):
        return text
    return _outside_protected(text, _dashed)


def french_typography(text: str) -> str:
    """French spacing: U+202F before ; ? !, U+00A0 before : and inside « ».

    Straight or curly double quotes become « ». URLs, times (10:30), ratios
    (3:1), file:line:column locations and, in markup, tags and entities are
    left alone. Idempotent. Markup stays Markup (only its text is touched).
    """
    return _outside_protected(text, _typeset)
