"""Where the tests' files are: every test names the repository and its data through here.

All test data lives under ``tests/data/``::

    bad_inputs/              the bad-input corpus; cases.yaml holds each exact message
    facts/                   profiles of the wider facts (authorities, treaties, contamination) and treaty_party cases
    hardening/               hostile inputs that must succeed safely (issue 15): exports, forms, templates
    ci/                      profiles and checklists of the CI features (gates, baseline, waivers, formats)
    editors/                 profiles with the verdict the editor schemas (2020-12, draft-07) must give
    evidence/                how answers are known (issue 18): strength, stale answers, --min-evidence, sources import
    i18n/                    the French checklist and profile, the typography cases
    judgement/               profiles with the results they must give (issue 13: needs, ranking)
    model/                   checklist model cases: split and merged items (replaces), recommendations, cautions
    pdf/                     the PDF's structure and attachments: extract cases, small profiles (issue 14)
    plans/                   action plans (issue 17): a profile, its plans good and bad, cases.yaml with each outcome
    portfolio/               programme folders and the expected portfolio tables
    report/                  profiles and checklists the report renderer is tested on
    trend/                   one programme assessed three times, its result document, and bad series (issue 18)
    voices/                  many voices (issue 18): merge rules, --merge-by imports, bad respondents, disagreement
    tailoring/               tailoring files (chains, cycles, bad overrides), an organisation checklist, cases.yaml
    checklist_small.yaml     a two-item checklist for engine tests
    conditions.yaml          condition cases (when, profile, expected truth)
    example_verdicts.yaml    what the paper says about each example profile
    sarif-schema-2.1.0.json  the SARIF schema the sarif format is validated against

A test that moves data changes this module alone; messages that name a file as a
user types it from the repository root use :func:`rel`.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
DATA = ROOT / "tests" / "data"

BAD_INPUTS = DATA / "bad_inputs"
CI = DATA / "ci"
I18N = DATA / "i18n"
JUDGEMENT = DATA / "judgement"
PORTFOLIO = DATA / "portfolio"
REPORT = DATA / "report"
FACTS = DATA / "facts"
MODEL = DATA / "model"
HARDENING = DATA / "hardening"
PDF_DATA = DATA / "pdf"
EDITORS = DATA / "editors"
TREND = DATA / "trend"
PLANS = DATA / "plans"
EVIDENCE = DATA / "evidence"
VOICES = DATA / "voices"
TAILORING = DATA / "tailoring"

SMALL_CHECKLIST = DATA / "checklist_small.yaml"
CONDITIONS = DATA / "conditions.yaml"
EXAMPLE_VERDICTS = DATA / "example_verdicts.yaml"
SARIF_SCHEMA = DATA / "sarif-schema-2.1.0.json"


def rel(path: Path) -> str:
    """``path`` relative to the repository root, with forward slashes: as a user
    running from the root would type it, and as assess then prints it."""
    return path.relative_to(ROOT).as_posix()
