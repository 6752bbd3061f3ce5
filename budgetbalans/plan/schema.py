"""The JSON Schema of the plan format and of the organisation tree's file, generated from the pydantic models.

Editors show its descriptions beside the keys, so they are in the reader's language: the
models describe themselves in English, and :data:`SWEDISH` gives each description in Swedish.
pydantic's generated titles ("Follow Up") only repeat the key's name, and are left out.
"""

from __future__ import annotations

from typing import Any

from budgetbalans import __version__
from budgetbalans.i18n import Lang
from budgetbalans.plan.models import Plan
from budgetbalans.plan.organisation import Organisation

SCHEMA_ID = "https://budgetbalans.invalid/schema/plan.json"
ORGANISATION_SCHEMA_ID = "https://budgetbalans.invalid/schema/organisation.json"

#: Every description of the models, in Swedish (tests/test_schema_and_hook.py checks that none is missing).
SWEDISH: dict[str, str] = {
    "An åtgärdsplan: its measures, the period, the sparbeting and the sums the document states.":
        "En åtgärdsplan: dess åtgärder, perioden, sparbetinget och de summor dokumentet anger.",
    "One åtgärd: what is done, by whom, and its economic effect per year.":
        "En åtgärd: vad som görs, av vem, och dess ekonomiska effekt per år.",
    "The plan's title.": "Planens rubrik.",
    "Nämnd, förvaltning, avdelning or enhet.": "Nämnd, förvaltning, avdelning eller enhet.",
    "Unit of plain numbers: kr, tkr or mkr.": "Enheten för tal utan enhet: kr, tkr eller mkr.",
    "The plan period; default: first to last year named.":
        "Planens år; utan years: från det första till det sista år som planen nämner.",
    "Sparbeting: for the period, or {year: amount}.": "Sparbetinget: för hela perioden, eller {år: belopp}.",
    "The sums the source document prints: total and per year.":
        "Summorna som originaldokumentet anger: total och per år.",
    "Where the plan comes from (document, date, decision).": "Var planen kommer ifrån (dokument, datum, beslut).",
    "Background (bakgrund).": "Bakgrund.",
    "The date of this follow-up (uppföljning), YYYY-MM-DD.": "Datum för uppföljningen, ÅÅÅÅ-MM-DD.",
    "The åtgärder.": "Åtgärderna.",
    "Unique within the plan (löpnr).": "Unikt inom planen (löpnummer).",
    "What the measure is (åtgärd).": "Vad åtgärden är.",
    "Grouping: fokusområde, enhet, verksamhet.": "Gruppering: fokusområde, enhet, verksamhet.",
    "planerad, pågår, klart, utredning, pausad, avbruten.": "planerad, pågår, klart, utredning, pausad, avbruten.",
    "Ansvarig chef.": "Ansvarig chef.",
    "Tidplan, free text.": "Tidplan, fri text.",
    "Uppföljning, free text.": "Uppföljning (hur ofta, när), fri text.",
    "Effect per year (effekt).": "Effekt per år.",
    "Årseffekt: the effect of a whole year.": "Helårseffekt: effekten av ett helt år.",
    "From when full_year counts (first whole month on or after).":
        "Från när full_year räknas (första hela månaden på eller efter datumet).",
    "The measure's total as the source document prints it.": "Åtgärdens summa som originaldokumentet anger den.",
    "Prognos: the effect now expected, per year.": "Prognos: den effekt som nu väntas, per år.",
    "Utfall: the effect realised so far, per year.": "Utfall: den effekt som hittills uppnåtts, per år.",
    "Only a possible effect, not decided: listed, not counted in totals.":
        "Bara en möjlig effekt, inte beslutad: visas, men räknas inte in i summorna.",
    "stated − computed, accepted as the source's own error.":
        "angiven − beräknad summa, godtagen som källdokumentets eget fel.",
    "An amount: a number in the plan's unit, or text with its own unit: '0,5 mkr', '400 tkr', '1 750 000 kr'.":
        "Ett belopp: ett tal i planens enhet, eller text med egen enhet: '0,5 mkr', '400 tkr', '1 750 000 kr'.",
    "A sparbeting: what must be saved, zero or a positive amount ('12 357', '0,5 mkr').":
        "Ett sparbeting: det som ska sparas, noll eller ett positivt belopp ('12 357', '0,5 mkr').",
    "A range low-high, such as '700-1600' or '0,5–1 mkr'.": "Ett intervall låg-hög, som '700-1600' eller '0,5–1 mkr'.",
    "An effect: an amount, a range, {low, high} or {interval: 1-4}.":
        "En effekt: ett belopp, ett intervall, {low, high} eller {interval: 1-4}.",
    "Sannolikhet that the effect is realised, 0–100 % ('50 %'); without it, 100 %.":
        "Sannolikheten att effekten blir av, 0–100 % ('50 %'); utan den räknas 100 %.",
    "A percentage from 0 to 100 %, such as '50 %' or '12,5 %'; a bare number is ambiguous.":
        "Ett procenttal från 0 till 100 %, som '50 %' eller '12,5 %'; ett tal utan procenttecken är tvetydigt.",
    "Beslut: who decides, and where the decision stands.": "Beslut: vem som beslutar, och hur långt beslutet har kommit.",
    "Who decides a measure, and where the decision stands (beslut).":
        "Vem som beslutar om åtgärden, och hur långt beslutet har kommit.",
    "Who decides: förvaltning (verkställighet, delegation), nämnd, ks or kf.":
        "Vem som beslutar: förvaltning (verkställighet, delegation), nämnd, ks eller kf.",
    "föreslagen (default), beslutad, återremitterad or avslagen.":
        "föreslagen (standard), beslutad, återremitterad eller avslagen.",
    "The date of the decision, YYYY-MM-DD.": "Beslutsdatum, ÅÅÅÅ-MM-DD.",
    "Paragraf or diarienummer, free text (SN 2024/112 § 45).": "Paragraf eller diarienummer, fri text (SN 2024/112 § 45).",
    "Engångseffekt: the effect does not recur after the years named.":
        "Engångseffekt: effekten återkommer inte efter de år som anges.",
    "Change in årsarbetare per year (negative: fewer), such as {2024: -3}.":
        "Förändring i årsarbetare per år (negativt: färre), som {2024: -3}.",
    "A change in årsarbetare: a number, negative for fewer ('-0,5', -3).":
        "En förändring i årsarbetare: ett tal, negativt för färre ('-0,5', -3).",
    "Konsekvensbeskrivning: a text per aspect, such as {brukare: …}.":
        "Konsekvensbeskrivning: en text per aspekt, som {brukare: …, medarbetare: …}.",
    "Genomförd senast: the date the measure must be in place, YYYY-MM-DD (follow-up: late after it unless done "
    "or cancelled).":
        "Genomförd senast: datumet då åtgärden ska vara på plats, ÅÅÅÅ-MM-DD (i uppföljningen försenad efter det, "
        "om den inte är klar eller avbruten).",
    "Prognoskommentar: why the forecast deviates, shown beside the deviation in follow-up.":
        "Prognoskommentar: varför prognosen avviker; visas bredvid avvikelsen i uppföljningen.",
    # the organisation tree (budgetbalans.yaml)
    "The whole tree: its root, and the unit of its plain numbers.":
        "Hela organisationsträdet: dess topp (kommunen eller nämnden), och enheten för tal utan enhet.",
    "A part of the organisation: a nämnd, a förvaltning, a verksamhet.":
        "En del av organisationen: en nämnd, en förvaltning, en verksamhet.",
    "The name of this part, as its plans write their organisation.":
        "Delens namn, precis som dess planer skriver det i organisation:.",
    "The sparbeting allocated to this part: for the period, or {year: amount}.":
        "Det sparbeting som delen har fått: för hela perioden, eller {år: belopp}.",
    "The parts its sparbeting is divided among.": "Delarna som sparbetinget fördelas på.",
}


def plan_schema(lang: Lang = Lang.SV) -> dict[str, Any]:
    """Draft 2020-12 schema of a plan file; YAML keys are strings, so years are key patterns."""
    schema = Plan.model_json_schema(mode="validation")
    stated = schema["properties"]["stated_totals"]
    stated.pop("propertyNames", None)
    stated.update({
        "type": "object",
        "patternProperties": {"^[0-9]{4}$": stated.get("additionalProperties", {})},
        "properties": {"total": stated.get("additionalProperties", {})},
        "additionalProperties": False,
    })
    return _document(schema, SCHEMA_ID, "budgetbalans schema", lang)


def organisation_schema(lang: Lang = Lang.SV) -> dict[str, Any]:
    """Draft 2020-12 schema of the organisation tree's file, ``budgetbalans.yaml``."""
    return _document(Organisation.model_json_schema(mode="validation"), ORGANISATION_SCHEMA_ID,
                     "budgetbalans schema --organisation", lang)


def _document(schema: dict[str, Any], schema_id: str, command: str, lang: Lang) -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": schema_id,
        "$comment": f"Generated by budgetbalans {__version__} ({command}).",
        **_worded(schema, lang),
    }


def _worded(node: Any, lang: Lang) -> Any:
    """``node`` with its descriptions in ``lang`` and without pydantic's titles (text values only)."""
    if isinstance(node, list):
        return [_worded(item, lang) for item in node]
    if not isinstance(node, dict):
        return node
    worded: dict[str, Any] = {}
    for key, value in node.items():
        if key == "title" and isinstance(value, str):
            continue
        if key == "description" and isinstance(value, str) and lang is Lang.SV:
            value = SWEDISH.get(value, value)
        worded[key] = _worded(value, lang)
    return worded


def descriptions(node: Any) -> list[str]:
    """Every description in a schema (for the test that each has its Swedish wording)."""
    if isinstance(node, list):
        return [text for item in node for text in descriptions(item)]
    if not isinstance(node, dict):
        return []
    own = [node["description"]] if isinstance(node.get("description"), str) else []
    return own + [text for key, value in node.items() if key != "description" for text in descriptions(value)]
