"""The words of the report formats (csv, markdown, html, xlsx) and of ``--group-by``, sv and en.

Kept apart from :mod:`budgetbalans.render.labels` (the words every command shares), which
:func:`label` falls back to.
"""

from __future__ import annotations

from budgetbalans.render import labels
from budgetbalans.render.labels import Lang

_LABELS: dict[str, tuple[str, str]] = {
    "no_area": ("(inget område)", "(no area)"),
    "gap_signed": ("Kvar att spara (negativt = överskott)", "Still to save (negative = surplus)"),
    "group_area": ("Område", "Area"),
    "group_status": ("Status", "Status"),
    "group_plan": ("Plan", "Plan"),
    "subtotals": ("Delsummor per {by}", "Subtotals by {by}"),
    "subtotal": ("Delsumma", "Subtotal"),
    "plan": ("Plan", "Plan"),
    "counted": ("Medräknad", "Counted"),
    "yes": ("ja", "yes"),
    "no": ("nej", "no"),
    "low": ("låg", "low"),
    "high": ("hög", "high"),
    "summary_sheet": ("Sammanställning", "Summary"),
    "key_figures": ("Nyckeltal", "Key figures"),
    "waterfall": ("Från sparbeting till {what}", "From savings target to {what}"),
    "waterfall_no_target": ("Åtgärdernas effekt, summerad", "The measures' effects, added up"),
    "per_year_chart": ("Effekt per år", "Effect per year"),
    "range_note": ("Ljusare del: osäkert intervall (låg–hög).", "Lighter part: uncertain range (low–high)."),
    "measures_heading": ("Åtgärder", "Measures"),
    "warnings": ("Varningar", "Warnings"),
    "generated": ("Skapad med budgetbalans {version}", "Made with budgetbalans {version}"),
    "measures_without_effect": (
        "{count} åtgärder utan belopp (eller ej medräknade) visas bara i tabellen.",
        "{count} measures without an amount (or not counted) are shown only in the table.",
    ),
    "target_line": ("sparbeting", "target"),
    "what_remaining": ("kvar att spara", "still to save"),
    "what_surplus": ("överskott", "surplus"),
    "what_total": ("summa", "total"),
    # follow-up (uppföljning)
    "forecast_named": ("Prognos: {what}", "Forecast: {what}"),
    "planned_in": ("Planerat {year}", "Planned {year}"),
    "forecast_in": ("Prognos {year}", "Forecast {year}"),
    "deviation_in": ("Avvikelse {year}", "Deviation {year}"),
    "outcome_in": ("Utfall hittills {year}", "Outcome to date {year}"),
    "not_followed_up_figure": ("Ej uppföljda", "Not followed up"),
    "measures_count": ("{count} åtgärder", "{count} measures"),
    "short_note": (
        "Rött: åtgärden väntas nu ge mindre än planerat (avvikelse = prognos − planerat, gräns för gräns).",
        "Red: the measure is now expected to deliver less than planned (deviation = forecast − planned, "
        "bound by bound).",
    ),
    "planned_vs_forecast": ("Planerat och prognos per åtgärd", "Planned and forecast per measure"),
    "forecast_short": ("Prognos under planerat", "Forecast below planned"),
    "follow_up_without_amount": (
        "{count} åtgärder med planerat och prognos 0 (eller ej medräknade) visas bara i tabellen.",
        "{count} measures with planned and forecast 0 (or not counted) are shown only in the table.",
    ),
    "follow_up_sheet": ("Uppföljning {year}", "Follow-up {year}"),
}


def label(key: str, lang: Lang, **values: object) -> str:
    """A report word; the shared words of :mod:`budgetbalans.render.labels` too."""
    if key not in _LABELS:
        return labels.label(key, lang, **values)
    swedish, english = _LABELS[key]
    text = swedish if lang is Lang.SV else english
    return text.format(**values) if values else text
