"""The words of the reports, in Swedish (default) and English: each an :mod:`~budgetbalans.i18n`
template under ``label.<key>``, shown by its key (:func:`label`, :func:`count_label`)."""

from __future__ import annotations

from budgetbalans.i18n import LABEL, TEMPLATES, Lang, counted, template
from budgetbalans.plan import notation
from budgetbalans.plan.models import STATUS_SWEDISH, Decision, DecisionLevel, DecisionState, Status

__all__ = ["Lang", "count_label", "decision_level_word", "decision_state_word", "label", "status_word"]


#: Every label of the reports, each registered in :data:`~budgetbalans.i18n.TEMPLATES` as ``label.<key>``.
LABELS = (
    template("label.id", "Nr", "No."),
    template("label.measure", "Åtgärd", "Measure"),
    template("label.area", "Område", "Area"),
    template("label.status", "Status", "Status"),
    template("label.class", "Intervall", "Class"),
    template("label.total", "Summa", "Total"),
    template("label.period", "Hela perioden", "Whole period"),
    template("label.year", "År", "Year"),
    template("label.target", "Sparbeting", "Savings target"),
    template("label.measures_total", "Summa åtgärder", "Measures total"),
    template("label.remaining", "Kvar att spara", "Still to save"),
    template("label.surplus", "Överskott", "Surplus"),
    template("label.uncertain", "Osäkert", "Uncertain"),
    # an uncertain gap, from its surplus end to its still-to-save end; an unbounded end in words
    template("label.uncertain_value", "från {surplus} överskott till {remaining} kvar att spara",
             "from a surplus of {surplus} to {remaining} still to save"),
    template("label.uncertain_no_surplus_bound", "från obegränsat överskott till {remaining} kvar att spara",
             "from an unbounded surplus to {remaining} still to save"),
    template("label.uncertain_no_remaining_bound", "från {surplus} överskott till obegränsat kvar att spara",
             "from a surplus of {surplus} to an unbounded amount still to save"),
    template("label.uncertain_unbounded", "obegränsat åt båda håll, överskott eller kvar att spara",
             "unbounded either way, a surplus or still to save"),
    template("label.net", "Netto för perioden", "Net for the period"),
    template("label.shortfall_years", "Kvar att spara ({years})", "Still to save ({years})"),
    template("label.coverage", "Täckning", "Coverage"),
    template("label.no_target", "inget sparbeting angivet", "no savings target given"),
    template("label.target_period_only",
        "sparbetinget gäller hela perioden, inte enskilda år",
        "the savings target is for the whole period, not for single years",
    ),
    template("label.all_plans", "Alla planer", "All plans"),
    template("label.unit", "Belopp i {unit}", "Amounts in {unit}"),
    template("label.potential", "Möjlig effekt, ej medräknad", "Possible effect, not counted"),
    template("label.not_counted", "ej medräknad", "not counted"),
    template("label.possible", "möjlig", "possible"),
    template("label.statuses_only", "Endast status: {statuses}", "Only status: {statuses}"),
    template("label.warning", "Varning", "Warning"),
    template("label.stated_mismatch",
        "{plan}: dokumentets {what} är {stated} men raderna summerar till {computed} (skillnad {difference})",
        "{plan}: the document's {what} is {stated} but its rows add up to {computed} (difference {difference})",
    ),
    template("label.known", " (känt fel i källdokumentet, avstämt)",
             " (a known error of the source document, accepted)"),
    template("label.stated_way_out",
        "; är planen reviderad sedan dokumentet, ta bort {remove}; är dokumentets egen summa fel, skriv in felet med "
        "known_difference",
        "; if the plan has been revised since the document, remove {remove}; if the document's own sum is wrong, "
        "record it with known_difference",
    ),
    template("label.stated_what_total", "summa", "total"),
    template("label.stated_what_year", "summa för {year}", "total for {year}"),
    template("label.stated_what_measure", "summa för åtgärd {id}", "total for measure {id}"),
    template("label.unbounded", "obegränsat", "unbounded"),
    template("label.planned", "Planerat", "Planned"),
    template("label.forecast", "Prognos", "Forecast"),
    template("label.deviation", "Avvikelse", "Deviation"),
    template("label.outcome", "Utfall hittills", "Outcome to date"),
    template("label.followed_up", "Uppföljd", "Followed up"),
    template("label.not_followed_up", "ej uppföljd", "not followed up"),
    template("label.yes", "ja", "yes"),
    template("label.follow_up_title", "Uppföljning {year}", "Follow-up {year}"),
    template("label.as_of", "per {date}", "as of {date}"),
    template("label.forecast_gap", "Prognos mot sparbeting", "Forecast against the target"),
    template("label.to", "till", "to"),
    # the report formats (csv, markdown, html, xlsx) and --group-by
    template("label.no_area", "(inget område)", "(no area)"),
    template("label.decision", "Beslutsnivå", "Decision level"),
    template("label.no_decision", "ej angivet", "not given"),
    template("label.level_administration", "förvaltning", "administration"),
    template("label.level_board", "nämnd", "board"),
    template("label.level_ks", "KS", "municipal executive board (KS)"),
    template("label.level_kf", "KF", "municipal council (KF)"),
    template("label.gap_signed", "Kvar att spara (negativt = överskott)", "Still to save (negative = surplus)"),
    template("label.subtotals", "Delsummor per {by}", "Subtotals by {by}"),
    template("label.subtotal", "Delsumma", "Subtotal"),
    template("label.plan", "Plan", "Plan"),
    template("label.counted", "Medräknad", "Counted"),
    template("label.no", "nej", "no"),
    template("label.low", "låg", "low"),
    template("label.high", "hög", "high"),
    template("label.summary_sheet", "Sammanställning", "Summary"),
    template("label.waterfall", "Från sparbeting till {what}", "From savings target to {what}"),
    template("label.waterfall_no_target", "Åtgärdernas effekt, summerad", "The measures' effects, added up"),
    template("label.per_year_chart", "Effekt per år", "Effect per year"),
    template("label.report_date", "Rapportdatum {date}", "Report date {date}"),
    template("label.legend", "Så läser du rapporten", "How to read the report"),
    template("label.legend_classes",
        "Intervall (effekt per år): 1 = 0,1–1 mkr, 2 = över 1–2 mkr, 3 = över 2–3 mkr, 4 = över 3 mkr.",
        "Class (effect per year): 1 = 0,1–1 mkr, 2 = over 1–2 mkr, 3 = over 2–3 mkr, 4 = over 3 mkr.",
    ),
    template("label.legend_remaining", "åtgärderna räcker inte: så mycket återstår att spara",
             "the measures are not enough: this much is still to save"),
    template("label.legend_surplus", "åtgärderna räcker, med så mycket över",
             "the measures are enough, with this much to spare"),
    template("label.legend_uncertain", "intervallen kan ge både kvar att spara och överskott",
             "the ranges can give either a shortfall or a surplus"),
    template("label.legend_statuses",
        "Status: {counted} räknas in i summan; {cancelled} visas men räknas aldrig in. En möjlig effekt "
        "({possible}) summeras för sig och räknas inte in.",
        "Status: {counted} count in the total; {cancelled} is shown but never counted. A possible effect "
        "({possible}) is added up on its own and not counted.",
    ),
    template("label.legend_statuses_only",
        "Status: bara {statuses} räknas in i summan i den här rapporten; andra åtgärder visas nedtonade.",
        "Status: only {statuses} count in the total of this report; other measures are shown greyed.",
    ),
    template("label.organisation", "Organisation", "Organisation"),
    template("label.plan_period", "Period", "Period"),
    template("label.rounded_note",
        "Beloppen är avrundade; summorna är räknade på exakta belopp.",
        "Amounts are rounded; the totals are computed from the exact amounts.",
    ),
    template("label.range_note", "Ljusare del: osäkert intervall (låg–hög).",
             "Lighter part: uncertain range (low–high)."),
    template("label.warnings", "Varningar", "Warnings"),
    template("label.generated", "Skapad med budgetbalans {version}", "Made with budgetbalans {version}"),
    template("label.what_uncertain", "kvar att spara eller överskott", "still to save or surplus"),
    # follow-up (uppföljning)
    template("label.forecast_named", "Prognos: {what}", "Forecast: {what}"),
    template("label.planned_in", "Planerat {year}", "Planned {year}"),
    template("label.forecast_in", "Prognos {year}", "Forecast {year}"),
    template("label.deviation_in", "Avvikelse {year}", "Deviation {year}"),
    template("label.outcome_in", "Utfall hittills {year}", "Outcome to date {year}"),
    template("label.not_followed_up_figure", "Ej uppföljda", "Not followed up"),
    template("label.nothing_planned", "inget planerat", "nothing planned"),
    template("label.within_range", "inom intervallet", "within the range"),
    template("label.no_deviation", "–", "–"),
    template("label.short_note",
        "åtgärden väntas nu ge mindre än planerat (avvikelse = prognos − planerat, gräns för gräns).",
        "the measure is now expected to deliver less than planned (deviation = forecast − planned, "
        "bound by bound).",
    ),
    # how a writer marks the cells a note explains (model.Note.head): in colour, or in bold without colours
    template("label.marks_bad", "Rött", "Red"),
    template("label.marks_bold", "I fetstil", "In bold"),
    template("label.planned_vs_forecast", "Planerat och prognos per åtgärd", "Planned and forecast per measure"),
    template("label.forecast_short", "Prognos under planerat", "Forecast below planned"),
    # several plans read together: each answers for its own balance
    template("label.plans_balance", "Planerna var för sig", "Each plan on its own"),
    template("label.plans_balance_caption",
        "Varje plan svarar för sin egen balans: ett överskott i en plan täcker inte en annan plans "
        "underskott. Kvar att spara är planernas egna belopp adderade; nettot visas för sig.",
        "Each plan answers for its own balance: one plan's surplus does not cover another's "
        "shortfall. Still to save is the plans' own amounts added up; the net is shown apart.",
    ),
    # the parts of an organisation tree, the same: the rule the diff's and the follow-up's notes state
    template("label.parts_own_balance",
        "Varje del svarar för sin egen balans: kvar att spara är delarnas och de egna planernas belopp adderade, "
        "aldrig minskat med en annan dels överskott; nettot (sparbeting − summa) visas för sig.",
        "Each part answers for its own balance: still to save is its parts' and its own plans' amounts added up, "
        "never reduced by another part's surplus; the net (target − total) is shown apart."),
    template("label.net_plans", "Netto, alla planer", "Net, all plans"),
    template("label.gap_signed_net", "Netto, sparbeting − summa (negativt = överskott)",
             "Net, target − total (negative = surplus)"),
    template("label.shortfall_plans", "Kvar att spara, planerna var för sig", "Still to save, each plan on its own"),
    template("label.other_years_planned", "Andra årens planerade effekt", "The other years' planned effect"),
    template("label.period_target_note",
        "{plan}: sparbetinget {target} gäller hela perioden {period}, så prognosen mot sparbetinget räknar "
        "med de andra årens planerade effekt ({others}) utöver prognosen för {year}.",
        "{plan}: the savings target of {target} is for the whole period {period}, so the forecast against "
        "it counts the other years' planned effect ({others}) beside the forecast for {year}.",
    ),
    # what a nämnd decides on: the coverage of the target as three scenarios, one-off, lasting, staff
    template("label.decided_on", "Täckning av sparbetinget: beslutat, förväntat och planerat",
             "Coverage of the savings target: decided, expected and planned"),
    template("label.lasting_and_staff", "Engångseffekter, varaktig effekt och årsarbetare",
             "One-off effects, lasting effect and staff"),
    template("label.scenario", "Scenario", "Scenario"),
    template("label.scenario_decided", "Beslutat", "Decided"),
    template("label.scenario_expected", "Förväntat", "Expected"),
    template("label.scenario_row", "{scenario}: {what}", "{scenario}: {what}"),
    template("label.one_off", "Varav engångseffekter", "Of which one-off"),
    template("label.lasting", "Varaktig effekt efter perioden", "Lasting effect after the period"),
    template("label.staff", "Årsarbetare", "Staff (full-time equivalents)"),
    template("label.staff_in", "{year}: {staff}", "{year}: {staff}"),
    template("label.decision_state", "Beslut", "Decision"),
    template("label.probability", "Sannolikhet", "Probability"),
    template("label.probability_share", "Sannolikhet (andel)", "Probability (share)"),
    template("label.expected_effect", "Förväntad effekt", "Expected effect"),
    template("label.state_proposed", "föreslagen", "proposed"),
    template("label.state_decided", "beslutad", "decided"),
    template("label.state_referred_back", "återremitterad", "referred back"),
    template("label.state_rejected", "avslagen", "rejected"),
    template("label.legend_scenarios",
        "Beslutat: åtgärder som är beslutade. Förväntat: varje medräknad åtgärd gånger sin sannolikhet (utan "
        "angiven sannolikhet 100 %). Planerat: varje medräknad åtgärd. En avslagen åtgärd räknas aldrig in.",
        "Decided: measures that are decided. Expected: each counted measure times its probability (100 % where "
        "none is given). Planned: each counted measure. A rejected measure never counts.",
    ),
    template("label.target_mixed",
        "planernas sparbeting gäller olika perioder (per år eller hela perioden): se planerna var för sig",
        "the plans' savings targets cover different periods (per year or the whole period): see each plan",
    ),
)

#: The labels that count something: per language (one, several), agreeing with the count (count_label).
COUNTED = (
    counted("label.measures_count", ("{count} åtgärd", "{count} åtgärder"), ("{count} measure", "{count} measures")),
    counted("label.not_followed_note",
        ("{count} åtgärd utan prognos för {year} räknas med sin planerade effekt",
         "{count} åtgärder utan prognos för {year} räknas med sin planerade effekt"),
        ("{count} measure without a forecast for {year} counts with its planned effect",
         "{count} measures without a forecast for {year} count with their planned effect"),
    ),
    counted("label.nothing_planned_note",
        ("{count} åtgärd utan planerad effekt och utan prognos för {year}: inget att följa upp",
         "{count} åtgärder utan planerad effekt och utan prognos för {year}: inget att följa upp"),
        ("{count} measure with no planned effect and no forecast for {year}: nothing to follow up",
         "{count} measures with no planned effect and no forecast for {year}: nothing to follow up"),
    ),
    counted("label.measures_without_effect",
        ("{count} åtgärd utan belopp (eller ej medräknad) visas bara i tabellen.",
         "{count} åtgärder utan belopp (eller ej medräknade) visas bara i tabellen."),
        ("{count} measure without an amount (or not counted) is shown only in the table.",
         "{count} measures without an amount (or not counted) are shown only in the table."),
    ),
    counted("label.follow_up_without_amount",
        ("{count} åtgärd med planerat och prognos 0 (eller ej medräknad) visas bara i tabellen.",
         "{count} åtgärder med planerat och prognos 0 (eller ej medräknade) visas bara i tabellen."),
        ("{count} measure with planned and forecast 0 (or not counted) is shown only in the table.",
         "{count} measures with planned and forecast 0 (or not counted) are shown only in the table."),
    ),
    # measures of a diff, by what happened to them
    counted("label.changed", ("{count} ändrad", "{count} ändrade"), ("{count} changed", "{count} changed")),
    counted("label.added", ("{count} tillagd", "{count} tillagda"), ("{count} added", "{count} added")),
    counted("label.removed", ("{count} borttagen", "{count} borttagna"), ("{count} removed", "{count} removed")),
    counted("label.unchanged", ("{count} oförändrad", "{count} oförändrade"),
            ("{count} unchanged", "{count} unchanged")),
    counted("label.unchanged_note", ("{count} åtgärd oförändrad.", "{count} åtgärder oförändrade."),
            ("{count} measure unchanged.", "{count} measures unchanged.")),
)


def count_label(key: str, count: int, lang: Lang, **values: object) -> str:
    """The label ``label.<key>`` that counts, in ``lang``, agreeing with ``count``: ``1 åtgärd``,
    ``2 åtgärder``, ``1 measure counts``, ``2 measures count`` (:class:`budgetbalans.i18n.Counted`)."""
    return TEMPLATES[LABEL + key].text(lang, count=count, **values)


def label(key: str, lang: Lang, **values: object) -> str:
    """The label ``label.<key>`` (this module's, or one a builder defines beside its use) in ``lang``,
    with ``values`` filled in: the one place a report's words are chosen by language."""
    return TEMPLATES[LABEL + key].text(lang, **values)


def status_word(status: Status, lang: Lang) -> str:
    return STATUS_SWEDISH[status] if lang is Lang.SV else status.value


def decision_level_word(level: DecisionLevel, lang: Lang) -> str:
    """What a decision level (``decision.by``) is called in a report."""
    return label("level_" + level.name.lower(), lang)


def decision_state_word(state: DecisionState, lang: Lang) -> str:
    """What a decision's state (``decision.state``) is called in a report: "beslutad", "avslagen"."""
    return label("state_" + state.name.lower(), lang)


def decision_text(decision: Decision, lang: Lang) -> str:
    """``nämnd, beslutad: SN 2024/112 § 45``: the level and the state, then the reference, where given."""
    where = ", ".join(part for part in (decision_level_word(decision.by, lang) if decision.by else "",
                                        decision_state_word(decision.state, lang)) if part)
    return f"{where}: {notation.clean(decision.ref)}" if decision.ref else where
