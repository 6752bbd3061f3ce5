"""What a nämnd decides on (issue 23), refused: each slip at its exact ``line:column``, with the fix,
in Swedish (the default) and English, in block and in flow style."""

from __future__ import annotations

import pytest

from budgetbalans.errors import PlanError, Problem
from budgetbalans.i18n import Lang, quoted
from budgetbalans.read.loader import load_plan
from tests.models import WritePlan

HEAD = 'title: Plan\nyears: [2024, 2025]\nmeasures:\n  - id: "1"\n    title: A\n'


def told(text: str, write_plan: WritePlan) -> list[tuple[int, int, str, str, str]]:
    """Every problem of the plan: line, column, code, Swedish, English."""
    with pytest.raises(PlanError) as raised:
        load_plan(write_plan(text))
    return [_said(problem) for problem in raised.value.problems]


def _said(problem: Problem) -> tuple[int, int, str, str, str]:
    swedish, english = problem.message.text(Lang.SV), problem.message.text(Lang.EN)
    assert swedish != english
    for text in (swedish, english):
        assert not any(word in text for word in ("None", "Decimal", "dict", "Input should", "pydantic")), text
    return problem.line, problem.column, problem.code, swedish, english


#: name → (the measure's lines after HEAD (line 6 on), [(line, column, code, Swedish, English)]).
CASES: dict[str, tuple[str, list[tuple[int, int, str, str, str]]]] = {
    # --- probability ----------------------------------------------------------------------------------
    "probability-share": ("    probability: 0,5\n", [(
        6, 18, "plan.probability.bare_number",
        "sannolikheten '0,5' saknar procenttecken: 0,5 kan betyda 0,5 % eller 50 % (0,5 som andel); "
        "skriv 50 % eller 0,5 %",
        "the probability '0,5' has no percent sign: 0,5 can mean 0,5 % or 50 % (0,5 as a share); "
        "write 50 % or 0,5 %")]),
    "probability-share-with-point": ("    probability: 0.25\n", [(
        6, 18, "plan.probability.bare_number",
        "sannolikheten '0.25' saknar procenttecken: 0,25 kan betyda 0,25 % eller 25 % (0,25 som andel); "
        "skriv 25 % eller 0,25 %",
        "the probability '0.25' has no percent sign: 0,25 can mean 0,25 % or 25 % (0,25 as a share); "
        "write 25 % or 0,25 %")]),
    "probability-share-in-braces": ('  - {id: "2", title: B, probability: 0,5}\n', [(
        6, 38, "plan.probability.bare_number",
        "sannolikheten '0,5' saknar procenttecken: 0,5 kan betyda 0,5 % eller 50 % (0,5 som andel); "
        "skriv 50 % eller 0,5 %",
        "the probability '0,5' has no percent sign: 0,5 can mean 0,5 % or 50 % (0,5 as a share); "
        "write 50 % or 0,5 %")]),
    "probability-without-sign": ("    probability: 50\n", [(
        6, 18, "plan.probability.no_percent_sign",
        "sannolikheten '50' saknar procenttecken; skriv 50 %",
        "the probability '50' has no percent sign; write 50 %")]),
    "probability-word": ("    probability: hög\n", [(
        6, 18, "plan.probability.word",
        "sannolikheten 'hög' är inget procenttal; skriv sannolikheten i procent, till exempel 75 % för trolig "
        "eller 25 % för osäker",
        "the probability 'hög' is not a percentage; write the probability in percent, such as 75 % for likely "
        "or 25 % for uncertain")]),
    "probability-english-word": ('  - {id: "2", title: B, probability: high}\n', [(
        6, 38, "plan.probability.word",
        "sannolikheten 'high' är inget procenttal; skriv sannolikheten i procent, till exempel 75 % för trolig "
        "eller 25 % för osäker",
        "the probability 'high' is not a percentage; write the probability in percent, such as 75 % for likely "
        "or 25 % for uncertain")]),
    "probability-over-100": ("    probability: 120 %\n", [(
        6, 18, "plan.probability.out_of_range",
        "sannolikheten '120 %' ligger utanför 0–100 %; skriv en sannolikhet från 0 % till 100 %",
        "the probability '120 %' is outside 0–100 %; write a probability from 0 % to 100 %")]),
    "probability-negative": ("    probability: -10 %\n", [(
        6, 18, "plan.probability.out_of_range",
        "sannolikheten '-10 %' ligger utanför 0–100 %; skriv en sannolikhet från 0 % till 100 %",
        "the probability '-10 %' is outside 0–100 %; write a probability from 0 % to 100 %")]),
    "probability-in-words": ("    probability: 50 procent\n", [(
        6, 18, "plan.probability.write_as",
        "sannolikheten skrivs med procenttecken: skriv 50 % i stället för '50 procent'",
        "a probability is written with a percent sign: write 50 % instead of '50 procent'")]),
    "probability-comma-split": ('  - {id: "2", title: B, probability: 12,5 %}\n', [(
        6, 40, "number.comma_in_braces",
        "decimalkommat delar talet: inom {…} skiljer ett komma nycklarna åt, så '12,5 %' blir två delar; "
        "skriv {probability: \"12,5 %\"} — talet med decimalkomma inom citattecken",
        "the decimal comma splits the number: inside {…} a comma separates the keys, so '12,5 %' becomes two "
        "parts; write {probability: \"12,5 %\"} — the number with its decimal comma in quotes")]),
    # --- decision -------------------------------------------------------------------------------------
    "decision-level-misspelt": ("    decision:\n      by: nämd\n", [(
        7, 11, "decision.by.did_you_mean",
        "okänd beslutsnivå 'nämd' — menade du 'nämnd'?",
        "unknown decision level 'nämd' — did you mean 'nämnd'?")]),
    "decision-level-unknown": ("    decision: {by: regeringen}\n", [(
        6, 20, "decision.by.unknown",
        "okänd beslutsnivå 'regeringen'; skriv något av förvaltning (verkställighet, delegation), nämnd, ks eller kf",
        "unknown decision level 'regeringen'; write one of förvaltning (verkställighet, delegation), nämnd, "
        "ks or kf")]),
    "decision-state-misspelt": ("    decision: {by: ks, state: beslutadd}\n", [(
        6, 31, "decision.state.did_you_mean",
        "okänt beslutsläge 'beslutadd' — menade du 'beslutad'?",
        "unknown decision state 'beslutadd' — did you mean 'beslutad'?")]),
    "decision-state-without-accents": ("    decision:\n      state: aterremitterad\n", [(
        7, 14, "decision.state.did_you_mean",
        "okänt beslutsläge 'aterremitterad' — menade du 'återremitterad'?",
        "unknown decision state 'aterremitterad' — did you mean 'återremitterad'?")]),
    "decision-state-unknown": ("    decision:\n      state: kanske\n", [(
        7, 14, "decision.state.unknown",
        "okänt beslutsläge 'kanske'; skriv något av föreslagen, beslutad, återremitterad, avslagen",
        "unknown decision state 'kanske'; write one of föreslagen, beslutad, återremitterad, avslagen "
        "(or proposed, decided, referred back, rejected)")]),
    "decision-unknown-key": ("    decision:\n      by: nämnd\n      stat: beslutad\n", [(
        8, 7, "plan.unknown_key.did_you_mean",
        "okänd nyckel 'stat' — menade du 'state'?",
        "unknown key 'stat' — did you mean 'state'?")]),
    "decision-swedish-key": ("    decision: {nivå: nämnd, paragraf: § 45}\n", [
        (6, 16, "plan.unknown_key.did_you_mean", "okänd nyckel 'nivå' — menade du 'by'?",
         "unknown key 'nivå' — did you mean 'by'?"),
        (6, 29, "plan.unknown_key.did_you_mean", "okänd nyckel 'paragraf' — menade du 'ref'?",
         "unknown key 'paragraf' — did you mean 'ref'?")]),
    "decision-key-far-off": ("    decision:\n      zzzqqq: 1\n", [(
        7, 7, "plan.unknown_key",
        "okänd nyckel 'zzzqqq'; nycklarna här är by, state, date, ref",
        "unknown key 'zzzqqq'; the keys here are by, state, date, ref")]),
    "decision-date": ("    decision: {state: beslutad, date: 12/3 2024}\n", [(
        6, 39, "plan.date.write_as",
        "'date': skriv datumet som 2024-03-12 (ÅÅÅÅ-MM-DD), inte '12/3 2024'",
        "'date': write the date as 2024-03-12 (YYYY-MM-DD), not '12/3 2024'")]),
    "decision-as-a-state": ("    decision: beslutad\n", [(
        6, 15, "decision.not_a_mapping.word",
        "decision har nycklar (by, state, date, ref); skriv decision: {state: beslutad}",
        "decision has keys (by, state, date, ref); write decision: {state: beslutad}")]),
    "decision-as-a-level": ("    decision: Kommunfullmäktige\n", [(
        6, 15, "decision.not_a_mapping.word",
        "decision har nycklar (by, state, date, ref); skriv decision: {by: kf}",
        "decision has keys (by, state, date, ref); write decision: {by: kf}")]),
    "decision-as-a-list": ("    decision: [nämnd, beslutad]\n", [(
        6, 15, "decision.not_a_mapping",
        "decision har nycklar: by (vem som beslutar), state (föreslagen, beslutad, återremitterad, avslagen), "
        "date och ref; skriv till exempel decision: {by: nämnd, state: beslutad, ref: SN 2024/112 § 45}",
        "decision has keys: by (who decides), state (föreslagen, beslutad, återremitterad, avslagen), date and "
        "ref; write for example decision: {by: nämnd, state: beslutad, ref: SN 2024/112 § 45}")]),
    "decision-key-under-the-measure": ("    by: nämnd\n", [(
        6, 5, "plan.unknown_key.decision_key",
        "okänd nyckel 'by' här — den hör till beslutet: skriv den under decision:, till exempel decision: {by: …}",
        "unknown key 'by' here — it belongs to the decision: write it under decision:, such as "
        "decision: {by: …}")]),
    "decision-state-as-status": ("    status: avslagen\n", [(
        6, 13, "status.is_a_decision_state",
        "okänd status 'avslagen'; 'avslagen' är ett beslutsläge: skriv decision: {state: avslagen}",
        "unknown status 'avslagen'; 'avslagen' is the state of a decision: write decision: {state: avslagen}")]),
    # --- one_off --------------------------------------------------------------------------------------
    "one-off-word": ("    one_off: ja\n", [(
        6, 14, "plan.value.true_false_word",
        "'one_off' ska vara true eller false; skriv true i stället för 'ja'",
        "'one_off' should be true or false; write true instead of 'ja'")]),
    "one-off-in-braces": ('  - {id: "2", title: B, one_off: kanske}\n', [(
        6, 34, "plan.value.not_true_or_false",
        "'one_off' ska vara true eller false; skriv true för ja och false för nej",
        "'one_off' should be true or false; write true for yes and false for no")]),
    # --- staff ----------------------------------------------------------------------------------------
    "staff-year-outside-period": ("    staff:\n      2024: -1\n      2027: -2\n", [(
        8, 7, "year.outside_period",
        "året 2027 ligger utanför planens år (2024–2025); rätta årtalet eller lägg till det i years:",
        "the year 2027 is outside the plan's years (2024–2025); correct the year or add it to years:")]),
    "staff-year-outside-period-in-braces": ("    staff: {2024: -1, 2026: -2}\n", [(
        6, 23, "year.outside_period",
        "året 2026 ligger utanför planens år (2024–2025); rätta årtalet eller lägg till det i years:",
        "the year 2026 is outside the plan's years (2024–2025); correct the year or add it to years:")]),
    "staff-not-a-year": ("    staff:\n      år 2024: -1\n", [(
        7, 7, "year.write_as",
        "'år 2024' är inget årtal; skriv bara årtalet: 2024",
        "'år 2024' is not a year; write the year alone: 2024")]),
    "staff-year-twice": ('    staff:\n      2024: -1\n      "2024 ": -2\n', [(
        8, 7, "plan.same_meaning",
        "'2024 ' betyder samma sak som '2024' på rad 7; behåll en av dem",
        "'2024 ' means the same as '2024' on line 7; keep one")]),
    "staff-an-amount": ("    staff: {2024: 3 tkr}\n", [(
        6, 19, "plan.staff.write_as",
        "staff räknar årsarbetare, inte belopp; skriv bara talet: 3 i stället för '3 tkr'",
        "staff counts full-time equivalents (årsarbetare), not amounts; write the number alone: 3 instead of "
        "'3 tkr'")]),
    "staff-a-word": ("    staff:\n      2024: några\n", [(
        7, 13, "plan.staff.not_a_number",
        "'några' är inget antal årsarbetare; skriv ett tal, till exempel -0,5 eller -3 (färre årsarbetare är "
        "negativt)",
        "'några' is not a number of full-time equivalents (årsarbetare); write a number such as -0,5 or -3 "
        "(fewer is negative)")]),
    "staff-comma-split": ("    staff: {2024: -0,5, 2025: -1}\n", [(
        6, 21, "number.comma_in_braces",
        "decimalkommat delar talet: inom {…} skiljer ett komma nycklarna åt, så '-0,5' blir två delar; "
        "skriv {2024: \"-0,5\"} — talet med decimalkomma inom citattecken",
        "the decimal comma splits the number: inside {…} a comma separates the keys, so '-0,5' becomes two "
        "parts; write {2024: \"-0,5\"} — the number with its decimal comma in quotes")]),
    "staff-not-per-year": ("    staff: -3\n", [(
        6, 12, "plan.value.not_a_mapping",
        "'staff' ska ha nycklar med värden under sig (nyckel: värde, på egna rader med indrag)",
        "'staff' should be a mapping (key: value on lines below it)")]),
    # --- consequences ---------------------------------------------------------------------------------
    "consequence-without-text": ("    consequences:\n      brukare:\n", [(
        7, 15, "plan.value.empty",
        "'brukare' saknar värde; skriv texten efter kolonet",
        "'brukare' has no value; write the text after the colon")]),
    "consequences-as-text": ("    consequences: Längre väntetider\n", [(
        6, 19, "plan.value.not_a_mapping",
        "'consequences' ska ha nycklar med värden under sig (nyckel: värde, på egna rader med indrag)",
        "'consequences' should be a mapping (key: value on lines below it)")]),
    "consequence-aspect-too-long": ("    consequences:\n      " + "x" * 61 + ": text\n", [(
        7, 7, "plan.consequences.aspect_too_long",
        f"aspekten {quoted('x' * 61)} är för lång (högst 60 tecken); en aspekt är ett kort ord som brukare eller "
        "medarbetare, och konsekvensen skrivs efter kolonet",
        f"the aspect {quoted('x' * 61)} is too long (at most 60 characters); an aspect is a short word such as "
        "brukare or medarbetare, and the consequence is written after the colon")]),
    # --- the keys in Swedish --------------------------------------------------------------------------
    "swedish-probability": ("    sannolikhet: 50 %\n", [(
        6, 5, "plan.unknown_key.did_you_mean", "okänd nyckel 'sannolikhet' — menade du 'probability'?",
        "unknown key 'sannolikhet' — did you mean 'probability'?")]),
    "swedish-decision": ("    beslut: {by: nämnd}\n", [(
        6, 5, "plan.unknown_key.did_you_mean", "okänd nyckel 'beslut' — menade du 'decision'?",
        "unknown key 'beslut' — did you mean 'decision'?")]),
    "swedish-one-off": ("    engångs: true\n", [(
        6, 5, "plan.unknown_key.did_you_mean", "okänd nyckel 'engångs' — menade du 'one_off'?",
        "unknown key 'engångs' — did you mean 'one_off'?")]),
    "one-off-with-a-hyphen": ("    one-off: true\n", [(
        6, 5, "plan.unknown_key.did_you_mean", "okänd nyckel 'one-off' — menade du 'one_off'?",
        "unknown key 'one-off' — did you mean 'one_off'?")]),
    "swedish-staff": ("    årsarbetare: {2024: -1}\n", [(
        6, 5, "plan.unknown_key.did_you_mean", "okänd nyckel 'årsarbetare' — menade du 'staff'?",
        "unknown key 'årsarbetare' — did you mean 'staff'?")]),
    "swedish-consequences": ("    konsekvenser: {brukare: text}\n", [(
        6, 5, "plan.unknown_key.did_you_mean", "okänd nyckel 'konsekvenser' — menade du 'consequences'?",
        "unknown key 'konsekvenser' — did you mean 'consequences'?")]),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_slip_is_told_at_its_place_with_the_fix(name: str, write_plan: WritePlan) -> None:
    lines, expected = CASES[name]
    assert told(HEAD + lines, write_plan) == expected


def test_the_fix_a_message_gives_reads(write_plan: WritePlan) -> None:
    """What the messages say to write is read."""
    fixed = HEAD + ('    probability: 50 %\n    decision: {state: beslutad, date: 2024-03-12}\n'
                    '    staff: {2024: "-0,5"}\n    one_off: true\n'
                    '  - {id: "2", title: B, probability: "12,5 %"}\n')
    plan = load_plan(write_plan(fixed))
    assert [measure.probability for measure in plan.measures] == [pytest.approx(0.5), pytest.approx(0.125)]
