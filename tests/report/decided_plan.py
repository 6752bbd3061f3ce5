"""A plan a nämnd decides on, modelled on seed 002 (Vård- och socialavdelningen 2024–2026): its
measures split by decision level (verkställighet or delegation against a political decision), its
one-off state grant, every measure with a responsible, a schedule and a decision, and consequences
per aspect; ``extra`` more measures make its tables run over more than one page."""

from __future__ import annotations

from pathlib import Path

SEED_002 = """\
title: Åtgärdsplan 2024–2026 och inför 2027
organisation: Vård- och socialavdelningen
unit: kr
years: [2024, 2025, 2026]
target: "12 357 tkr"
measures:
  - id: "1"
    title: Minska övertid/mertid genom överanställning
    responsible: Bitr. avdelningschef
    schedule: Q1 2024
    status: pågår
    effects: {2024: 535000, 2025: 535000, 2026: 535000}
    decision: {by: förvaltning, state: beslutad, date: 2024-01-15, ref: "Delegationsbeslut VoS 2024:3"}
    consequences:
      medarbetare: Ordinarie personal täcker frånvaro; bättre arbetsmiljö.
      brukare: Högre kontinuitet och patientsäkerhet.
  - id: "2"
    title: Bemanning utifrån nyckeltal SÄBO
    responsible: Avdelningschef/Bitr. avdelningschef
    schedule: Q1 2024
    effects: {2024: 1750000, 2025: 750000}
    probability: 80 %
    staff: {2024: -3, 2025: -1}
    decision: {by: förvaltning, state: beslutad, date: 2024-01-15, ref: "Delegationsbeslut VoS 2024:4"}
    consequences:
      medarbetare: Tre årsarbetare färre 2024 genom naturlig avgång; ingen uppsägning.
      brukare: Bemanningen följer vårdtyngden per avdelning.
  - id: "3"
    title: Minska/ta bort bemanningspersonal HSL
    responsible: Avdelningschef
    schedule: "2024"
    effects: {2024: 1200000, 2025: 600000, 2026: 600000}
    decision: {by: förvaltning, state: beslutad, ref: "Delegationsbeslut VoS 2024:5"}
    consequences:
      medarbetare: Rekrytering och arbetsmiljöarbete för att behålla sjuksköterskor.
  - id: "7"
    title: Obudgeterade statsbidrag
    responsible: Avdelningschef
    schedule: "2024"
    one_off: true
    probability: 50 %
    effects: {2024: 1859000}
    decision: {by: nämnd, state: beslutad, date: 2024-03-12, ref: "SN 2024/112 § 45"}
    consequences:
      ekonomi: Engångseffekt 2024; täcker inte underskottet 2025 och framåt.
  - id: "9"
    title: Välfärdsteknik
    responsible: Avdelningschef/bitr. avdelningschef
    schedule: "2025–2026"
    effects: {2025: 110000, 2026: 440000}
    probability: 60 %
    decision: {by: ks, state: föreslagen, ref: "KS 2024/77"}
    consequences:
      brukare: Nattillsyn med kamera för den som vill; färre störande besök.
      medarbetare: Utbildning i ny teknik; arbetet planeras om.
  - id: "10"
    title: Översyn och justering hyror SÄBO
    responsible: Avdelningschef/bitr. avdelningschef
    schedule: "2024"
    effects: {2024: 150000}
    decision: {by: kf, state: avslagen, date: 2024-04-22, ref: "KF 2024 § 61"}
    consequences:
      brukare: Högre hyra för de boende på särskilt boende.
"""


def extra_measure(number: int) -> str:
    """A measure more, like seed 002's kortsiktiga: its own responsible, reference and consequences."""
    return f"""\
  - id: "{number}"
    title: Översyn av enhet {number} inom hemtjänsten
    responsible: Enhetschef hemtjänst område {number}
    schedule: Q{number % 4 + 1} 2025
    effects: {{2025: {number * 10000}, 2026: {number * 10000}}}
    decision: {{by: nämnd, state: beslutad, date: 2024-05-{number % 28 + 1:02d}, ref: "SN 2024/{200 + number} § {number}"}}
    consequences:
      brukare: Samma insatser med färre byten av personal i område {number}.
"""


def write_plan(folder: Path, extra: int = 0, name: str = "vard-och-social-beslut.yaml") -> Path:
    """The plan in ``folder``, with ``extra`` measures more (numbered from 11)."""
    path = folder / name
    path.write_text(SEED_002 + "".join(extra_measure(11 + i) for i in range(extra)), encoding="utf-8")
    return path
