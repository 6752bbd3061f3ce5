"""The words of the reports, in Swedish (default) and English."""

from __future__ import annotations

from budgetbalans.i18n import Lang, counted
from budgetbalans.plan.models import STATUS_SWEDISH, Status

__all__ = ["Lang", "count_label", "label", "status_word", "worded"]


_LABELS: dict[str, tuple[str, str]] = {
    "id": ("Nr", "No."),
    "measure": ("Åtgärd", "Measure"),
    "area": ("Område", "Area"),
    "status": ("Status", "Status"),
    "class": ("Intervall", "Class"),
    "total": ("Summa", "Total"),
    "period": ("Hela perioden", "Whole period"),
    "year": ("År", "Year"),
    "target": ("Sparbeting", "Savings target"),
    "measures_total": ("Summa åtgärder", "Measures total"),
    "remaining": ("Kvar att spara", "Still to save"),
    "surplus": ("Överskott", "Surplus"),
    "uncertain": ("Osäkert", "Uncertain"),
    # an uncertain gap, from its surplus end to its still-to-save end; an unbounded end in words
    "uncertain_value": ("från {surplus} överskott till {remaining} kvar att spara",
                        "from a surplus of {surplus} to {remaining} still to save"),
    "uncertain_no_surplus_bound": ("från obegränsat överskott till {remaining} kvar att spara",
                                   "from an unbounded surplus to {remaining} still to save"),
    "uncertain_no_remaining_bound": ("från {surplus} överskott till obegränsat kvar att spara",
                                     "from a surplus of {surplus} to an unbounded amount still to save"),
    "uncertain_unbounded": ("obegränsat åt båda håll, överskott eller kvar att spara",
                            "unbounded either way, a surplus or still to save"),
    "net": ("Netto för perioden", "Net for the period"),
    "shortfall_years": ("Kvar att spara ({years})", "Still to save ({years})"),
    "coverage": ("Täckning", "Coverage"),
    "no_target": ("inget sparbeting angivet", "no savings target given"),
    "target_period_only": (
        "sparbetinget gäller hela perioden, inte enskilda år",
        "the savings target is for the whole period, not for single years",
    ),
    "all_plans": ("Alla planer", "All plans"),
    "unit": ("Belopp i {unit}", "Amounts in {unit}"),
    "potential": ("Möjlig effekt, ej medräknad", "Possible effect, not counted"),
    "not_counted": ("ej medräknad", "not counted"),
    "possible": ("möjlig", "possible"),
    "statuses_only": ("Endast status: {statuses}", "Only status: {statuses}"),
    "warning": ("Varning", "Warning"),
    "stated_mismatch": (
        "{plan}: dokumentets {what} är {stated} men raderna summerar till {computed} (skillnad {difference})",
        "{plan}: the document's {what} is {stated} but its rows add up to {computed} (difference {difference})",
    ),
    "known": (" (känt fel i källdokumentet, avstämt)", " (a known error of the source document, accepted)"),
    "stated_way_out": (
        "; är planen reviderad sedan dokumentet, ta bort {remove}; är dokumentets egen summa fel, skriv in felet med "
        "known_difference",
        "; if the plan has been revised since the document, remove {remove}; if the document's own sum is wrong, "
        "record it with known_difference",
    ),
    "stated_key_measure": ("åtgärdens stated_total", "the measure's stated_total"),
    "stated_what_total": ("summa", "total"),
    "stated_what_year": ("summa för {year}", "total for {year}"),
    "stated_what_measure": ("summa för åtgärd {id}", "total for measure {id}"),
    "no_measures": ("inga åtgärder", "no measures"),
    "unbounded": ("obegränsat", "unbounded"),
    "to": ("till", "to"),
    "planned": ("Planerat", "Planned"),
    "forecast": ("Prognos", "Forecast"),
    "deviation": ("Avvikelse", "Deviation"),
    "outcome": ("Utfall hittills", "Outcome to date"),
    "followed_up": ("Uppföljd", "Followed up"),
    "not_followed_up": ("ej uppföljd", "not followed up"),
    "yes": ("ja", "yes"),
    "follow_up_title": ("Uppföljning {year}", "Follow-up {year}"),
    "as_of": ("per {date}", "as of {date}"),
    "forecast_gap": ("Prognos mot sparbeting", "Forecast against the target"),
    # the report formats (csv, markdown, html, xlsx) and --group-by
    "no_area": ("(inget område)", "(no area)"),
    "gap_signed": ("Kvar att spara (negativt = överskott)", "Still to save (negative = surplus)"),
    "group_area": ("Område", "Area"),
    "group_status": ("Status", "Status"),
    "group_plan": ("Plan", "Plan"),
    "subtotals": ("Delsummor per {by}", "Subtotals by {by}"),
    "subtotal": ("Delsumma", "Subtotal"),
    "plan": ("Plan", "Plan"),
    "counted": ("Medräknad", "Counted"),
    "no": ("nej", "no"),
    "low": ("låg", "low"),
    "high": ("hög", "high"),
    "summary_sheet": ("Sammanställning", "Summary"),
    "key_figures": ("Nyckeltal", "Key figures"),
    "waterfall": ("Från sparbeting till {what}", "From savings target to {what}"),
    "waterfall_no_target": ("Åtgärdernas effekt, summerad", "The measures' effects, added up"),
    "per_year_chart": ("Effekt per år", "Effect per year"),
    "report_date": ("Rapportdatum {date}", "Report date {date}"),
    "legend": ("Så läser du rapporten", "How to read the report"),
    "legend_classes": (
        "Intervall (effekt per år): 1 = 0,1–1 mkr, 2 = över 1–2 mkr, 3 = över 2–3 mkr, 4 = över 3 mkr.",
        "Class (effect per year): 1 = 0,1–1 mkr, 2 = over 1–2 mkr, 3 = over 2–3 mkr, 4 = over 3 mkr.",
    ),
    "legend_remaining": ("åtgärderna räcker inte: så mycket återstår att spara",
                         "the measures are not enough: this much is still to save"),
    "legend_surplus": ("åtgärderna räcker, med så mycket över", "the measures are enough, with this much to spare"),
    "legend_uncertain": ("intervallen kan ge både kvar att spara och överskott",
                         "the ranges can give either a shortfall or a surplus"),
    "legend_statuses": (
        "Status: {counted} räknas in i summan; {cancelled} visas men räknas aldrig in. En möjlig effekt "
        "({possible}) summeras för sig och räknas inte in.",
        "Status: {counted} count in the total; {cancelled} is shown but never counted. A possible effect "
        "({possible}) is added up on its own and not counted.",
    ),
    "legend_statuses_only": (
        "Status: bara {statuses} räknas in i summan i den här rapporten; andra åtgärder visas nedtonade.",
        "Status: only {statuses} count in the total of this report; other measures are shown greyed.",
    ),
    "organisation": ("Organisation", "Organisation"),
    "plan_period": ("Period", "Period"),
    "rounded_note": (
        "Beloppen är avrundade; summorna är räknade på exakta belopp.",
        "Amounts are rounded; the totals are computed from the exact amounts.",
    ),
    "range_note": ("Ljusare del: osäkert intervall (låg–hög).", "Lighter part: uncertain range (low–high)."),
    "measures_heading": ("Åtgärder", "Measures"),
    "warnings": ("Varningar", "Warnings"),
    "generated": ("Skapad med budgetbalans {version}", "Made with budgetbalans {version}"),
    "target_line": ("sparbeting", "target"),
    "what_remaining": ("kvar att spara", "still to save"),
    "what_surplus": ("överskott", "surplus"),
    "what_total": ("summa", "total"),
    "what_uncertain": ("kvar att spara eller överskott", "still to save or surplus"),
    # follow-up (uppföljning)
    "forecast_named": ("Prognos: {what}", "Forecast: {what}"),
    "planned_in": ("Planerat {year}", "Planned {year}"),
    "forecast_in": ("Prognos {year}", "Forecast {year}"),
    "deviation_in": ("Avvikelse {year}", "Deviation {year}"),
    "outcome_in": ("Utfall hittills {year}", "Outcome to date {year}"),
    "not_followed_up_figure": ("Ej uppföljda", "Not followed up"),
    "nothing_planned": ("inget planerat", "nothing planned"),
    "within_range": ("inom intervallet", "within the range"),
    "no_deviation": ("–", "–"),
    "short_note": (
        "åtgärden väntas nu ge mindre än planerat (avvikelse = prognos − planerat, gräns för gräns).",
        "the measure is now expected to deliver less than planned (deviation = forecast − planned, "
        "bound by bound).",
    ),
    # how a writer marks the cells a note explains (model.Note.head): in colour, or in bold without colours
    "marks_bad": ("Rött", "Red"),
    "marks_bold": ("I fetstil", "In bold"),
    "planned_vs_forecast": ("Planerat och prognos per åtgärd", "Planned and forecast per measure"),
    "forecast_short": ("Prognos under planerat", "Forecast below planned"),
    "follow_up_sheet": ("Uppföljning {year}", "Follow-up {year}"),
    # several plans read together: each answers for its own balance
    "plans_balance": ("Planerna var för sig", "Each plan on its own"),
    "plans_balance_caption": (
        "Varje plan svarar för sin egen balans: ett överskott i en plan täcker inte en annan plans "
        "underskott. Kvar att spara är planernas egna belopp adderade; nettot visas för sig.",
        "Each plan answers for its own balance: one plan's surplus does not cover another's "
        "shortfall. Still to save is the plans' own amounts added up; the net is shown apart.",
    ),
    "net_plans": ("Netto, alla planer", "Net, all plans"),
    "gap_signed_net": ("Netto, sparbeting − summa (negativt = överskott)",
                       "Net, target − total (negative = surplus)"),
    "shortfall_plans": ("Kvar att spara, planerna var för sig", "Still to save, each plan on its own"),
    "other_years_planned": ("Andra årens planerade effekt", "The other years' planned effect"),
    "period_target_note": (
        "{plan}: sparbetinget {target} gäller hela perioden {period}, så prognosen mot sparbetinget räknar "
        "med de andra årens planerade effekt ({others}) utöver prognosen för {year}.",
        "{plan}: the savings target of {target} is for the whole period {period}, so the forecast against "
        "it counts the other years' planned effect ({others}) beside the forecast for {year}.",
    ),
    "target_mixed": (
        "planernas sparbeting gäller olika perioder (per år eller hela perioden): se planerna var för sig",
        "the plans' savings targets cover different periods (per year or the whole period): see each plan",
    ),
}

#: Words that count something: per language (one, several), each agreeing with its count (count_label).
_COUNTED: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "measures_count": (("{count} åtgärd", "{count} åtgärder"), ("{count} measure", "{count} measures")),
    "not_followed_note": (
        ("{count} åtgärd utan prognos för {year} räknas med sin planerade effekt",
         "{count} åtgärder utan prognos för {year} räknas med sin planerade effekt"),
        ("{count} measure without a forecast for {year} counts with its planned effect",
         "{count} measures without a forecast for {year} count with their planned effect"),
    ),
    "nothing_planned_note": (
        ("{count} åtgärd utan planerad effekt och utan prognos för {year}: inget att följa upp",
         "{count} åtgärder utan planerad effekt och utan prognos för {year}: inget att följa upp"),
        ("{count} measure with no planned effect and no forecast for {year}: nothing to follow up",
         "{count} measures with no planned effect and no forecast for {year}: nothing to follow up"),
    ),
    "measures_without_effect": (
        ("{count} åtgärd utan belopp (eller ej medräknad) visas bara i tabellen.",
         "{count} åtgärder utan belopp (eller ej medräknade) visas bara i tabellen."),
        ("{count} measure without an amount (or not counted) is shown only in the table.",
         "{count} measures without an amount (or not counted) are shown only in the table."),
    ),
    "follow_up_without_amount": (
        ("{count} åtgärd med planerat och prognos 0 (eller ej medräknad) visas bara i tabellen.",
         "{count} åtgärder med planerat och prognos 0 (eller ej medräknade) visas bara i tabellen."),
        ("{count} measure with planned and forecast 0 (or not counted) is shown only in the table.",
         "{count} measures with planned and forecast 0 (or not counted) are shown only in the table."),
    ),
    # measures of a diff, by what happened to them
    "changed": (("{count} ändrad", "{count} ändrade"), ("{count} changed", "{count} changed")),
    "added": (("{count} tillagd", "{count} tillagda"), ("{count} added", "{count} added")),
    "removed": (("{count} borttagen", "{count} borttagna"), ("{count} removed", "{count} removed")),
    "unchanged": (("{count} oförändrad", "{count} oförändrade"), ("{count} unchanged", "{count} unchanged")),
    "unchanged_note": (("{count} åtgärd oförändrad.", "{count} åtgärder oförändrade."),
                       ("{count} measure unchanged.", "{count} measures unchanged.")),
}


def count_label(key: str, count: int, lang: Lang, **values: object) -> str:
    """A phrase that counts, in ``lang``, agreeing with ``count``: ``1 åtgärd``, ``2 åtgärder``,
    ``1 measure counts``, ``2 measures count`` (:func:`budgetbalans.i18n.counted`)."""
    swedish, english = _COUNTED[key]
    return counted(count, swedish if lang is Lang.SV else english, **values)


def label(key: str, lang: Lang, **values: object) -> str:
    return worded(_LABELS[key], lang, **values)


def worded(words: tuple[str, str], lang: Lang, **values: object) -> str:
    """The (Swedish, English) pair in ``lang``, with ``values`` filled in: the one place a report's
    words are chosen by language (the diff's own words are such pairs too)."""
    text = words[0] if lang is Lang.SV else words[1]
    return text.format(**values) if values else text


def status_word(status: Status, lang: Lang) -> str:
    return STATUS_SWEDISH[status] if lang is Lang.SV else status.value
