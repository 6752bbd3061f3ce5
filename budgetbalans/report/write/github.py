"""``diff --format github``: GitHub Actions workflow commands on the pull request's lines.

- ``::notice file=…,line=…,title=budgetbalans diff::…`` on each measure added or changed, at its
  ``- id:`` line in the new file; a removed measure gets a notice on its plan's file (it has no line
  left), a plan removed whole one without a file;
- ``::error file=…,line=…,title=budgetbalans diff::…`` where a year (or, with a target for the period
  only, the period) newly falls short: on the plan's ``target:`` line; all plans together, where more
  than one plan is read, without a file;
- ``::warning`` where what is still to save grows without a new year falling short.

Text from a plan or a file name can never forge a command: ``%``, CR and LF are escaped in the
message, and ``:`` and ``,`` too in a property (:func:`budgetbalans.text.workflow_data`,
:func:`~budgetbalans.text.workflow_property`, which `check` uses too); every other invisible
character is shown as an escape.
"""

from __future__ import annotations

from typing import Callable, Mapping

from budgetbalans.core.diff import Change, Comparison, MeasureChange, PlanChange, PlanDiff, TotalsChange
from budgetbalans.plan import notation as numbers
from budgetbalans.report.build.diff import counts, diff_amounts, headline_notes, signed, what_changed
from budgetbalans.report.build.labels import label, worded
from budgetbalans.report.model import Tone
from budgetbalans.report.build.wording import View, with_decimals
from budgetbalans.text import workflow_data, workflow_property

TITLE = "budgetbalans diff"

_MEASURE = {
    Change.ADDED: ("Åtgärd {id} tillagd: {title} ({total} {unit})", "Measure {id} added: {title} ({total} {unit})"),
    Change.REMOVED: ("Åtgärd {id} borttagen: {title} ({total} {unit})",
                     "Measure {id} removed: {title} ({total} {unit})"),
    Change.CHANGED: ("Åtgärd {id} ändrad: {title}: {what} (summa {total} {unit})",
                     "Measure {id} changed: {title}: {what} (total {total} {unit})"),
}
_PLAN_REMOVED = ("Planen {path} är borttagen ({total} {unit})", "The plan {path} was removed ({total} {unit})")


def command(kind: str, message: str, file: str | None = None, line: int | None = None) -> str:
    where = [] if file is None else [f"file={workflow_property(file)}"] + ([f"line={line}"] if line else [])
    where.append(f"title={workflow_property(TITLE)}")
    return f"::{kind} {','.join(where)}::{workflow_data(message)}\n"


def _measure(change: MeasureChange, view: View, lines: Mapping[tuple[str, str], int]) -> str:
    lang = view.lang
    message = worded(_MEASURE[change.change], lang, id=numbers.clean(change.id), title=numbers.clean(change.title),
                     what=what_changed(change, lang), total=signed(change.total_change, view), unit=view.unit.value)
    line = None if change.change is Change.REMOVED else lines.get((change.plan_path, change.id))
    return command("notice", message, change.plan_path, line)


def _verdicts(totals: TotalsChange, view: View, file: str | None, line: int | None, prefix: str) -> list[str]:
    """An error for each year (or period) that newly falls short, a warning where the shortfall grows."""
    out = []
    for comparison, note in headline_notes(totals, view):
        if note.tone is Tone.BAD:
            out.append(command("error" if comparison.newly_short else "warning", f"{prefix}{note.text}", file, line))
    return out


def write_github(diff: PlanDiff, view: View, lines: Mapping[tuple[str, str], int],
                 target_line: Callable[[PlanChange], int | None]) -> str:
    """Every command, then one line of summary. ``lines``: (plan path, measure id) → its line in the new
    file; ``target_line``: a plan's ``target:`` line in the new file."""
    out = []
    view = with_decimals(view, diff_amounts(diff))
    removed_plans = {plan.path for plan in diff.plans if plan.change is Change.REMOVED}
    for plan in diff.plans:
        if plan.change is Change.REMOVED:
            p = plan.totals.period
            out.append(command("notice", worded(_PLAN_REMOVED, view.lang, path=view.path(plan.path),
                                                total=signed(p.total_change, view), unit=view.unit.value)))
            continue
        for change in plan.measures:
            if change.plan_path not in removed_plans:
                out.append(_measure(change, view, lines))
        out += _verdicts(plan.totals, view, plan.path, target_line(plan), "")
    if len(diff.plans) > 1:
        out += _verdicts(diff.totals, view, None, None, f"{label('all_plans', view.lang)}: ")
    return "".join(out) + workflow_data(summary_line(diff, view)) + "\n"


def summary_line(diff: PlanDiff, view: View) -> str:
    return counts(diff, view.lang)


__all__ = ["Comparison", "command", "write_github"]
