"""Write N synthetic but valid programme profiles for benchmarks.

Each profile is about 150 lines, like a filled-in real one: programme identity,
context with a UN mission, activities, actors, and facts in every section in a
mix of short (``x: yes``) and long (answer + evidence + source) forms. Answers
vary with a seeded random generator, so the same N and seed give the same files.

    python benchmarks/genprofiles.py OUT_DIR N [--seed S]
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

from assess.core.facts import Fact
from assess.core.profile import (
    FACT_SECTIONS,
    ActorRole,
    Chapter,
    MandateLevel,
    MineActionActivity,
    MissionType,
    Phase,
    Profile,
    Side,
    SSRComponent,
)

COUNTRIES = [
    "Liberia",
    "Nepal",
    "Ukraine",
    "Colombia",
    "Cambodia",
    "Mali",
    "Somalia",
    "Lao PDR",
    "Bosnia and Herzegovina",
]
ANSWERS = ["yes", "partial", "no", "unknown"]
WORDS = [
    "national",
    "authority",
    "police",
    "army",
    "survey",
    "clearance",
    "victims",
    "community",
    "women",
    "youth",
    "ministry",
    "donor",
    "transparency",
    "parliament",
    "stockpile",
    "handover",
    "training",
    "standards",
    "report",
    "oversight",
]


def _fact_names(section: str) -> list[str]:
    model = Profile.model_fields[section].annotation
    assert isinstance(model, type)
    return [name for name, info in model.model_fields.items() if info.annotation is Fact]


def _sentence(rng: random.Random, n: int = 9) -> str:
    words = rng.choices(WORDS, k=n)
    return (" ".join(words)).capitalize() + "."


def profile_text(i: int, rng: random.Random) -> str:
    """The YAML text of synthetic profile number ``i``."""
    country = rng.choice(COUNTRIES)
    lines = [
        f"# Synthetic profile {i} for benchmarks.",
        "programme:",
        f"  title: Synthetic programme {i:05d}",
        f"  country: {country}",
        f"  organisations: [Org {rng.randint(1, 40)}, Org {rng.randint(41, 80)}]",
        "  period:",
        f"    start: {rng.randint(2000, 2014)}",
        f"    end: {rng.randint(2015, 2025)}",
        f"  assessment_date: 2016-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "  assessor: Benchmark generator",
        f"  summary: {_sentence(rng, 14)}",
        "context:",
        f"  phase: {rng.choice(list(Phase)).value}",
        "  un_mission:",
        f"    name: MISSION{i % 30}",
        f"    type: {rng.choice(list(MissionType)).value}",
        f"    charter_chapter: {rng.choice(list(Chapter)).value}",
        f"    ssr_mandate: {rng.choice(list(MandateLevel)).value}",
        f"    mine_action_mandate: {rng.choice(list(MandateLevel)).value}",
        f"  peace_agreement: {rng.choice(ANSWERS)}",
        "activities:",
        f"  ssr: [{', '.join(c.value for c in rng.sample(list(SSRComponent), 4))}]",
        f"  mine_action: [{', '.join(a.value for a in rng.sample(list(MineActionActivity), 4))}]",
        "actors:",
    ]
    for n in range(4):
        lines += [
            f"  - name: Actor {n} of programme {i}",
            f"    side: {rng.choice(list(Side)).value}",
            f"    role: {rng.choice(list(ActorRole)).value}",
            f"    national: {rng.choice(['true', 'false'])}",
        ]
    for section in FACT_SECTIONS:
        lines.append(f"{section}:")
        names = _fact_names(section)
        for name in rng.sample(names, min(len(names), 15)):
            answer = rng.choice(ANSWERS)
            if rng.random() < 0.2:
                lines += [
                    f"  {name}:",
                    f"    answer: {answer}",
                    f"    evidence: {_sentence(rng)}",
                    f"    source: Synthetic report {rng.randint(1, 99)}, p. {rng.randint(1, 200)}",
                ]
            else:
                lines.append(f"  {name}: {answer}")
    lines.append(f"notes: {_sentence(rng, 12)}")
    return "\n".join(lines) + "\n"


def generate(out: Path, n: int, seed: int = 15) -> list[Path]:
    """Write ``n`` profiles into ``out`` (created if needed); return their paths."""
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    paths = []
    for i in range(n):
        path = out / f"p{i:05d}.yaml"
        path.write_text(profile_text(i, rng), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("n", type=int)
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args()
    generate(args.out, args.n, args.seed)


if __name__ == "__main__":
    main()
