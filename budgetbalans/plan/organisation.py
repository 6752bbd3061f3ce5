"""The organisation tree of ``budgetbalans.yaml``: a kommun's sparbeting divided among its nämnder, and a
nämnd's among its verksamheter.

Each node has a name (``organisation``), optionally the target allocated to it (``target``, in the
notation of a plan's ``target``: for the period, or ``{year: amount}``), and its ``parts``. Plain numbers
are in the file's ``unit`` (default tkr), which validation receives as context, as for a plan.

This module is the model and the arithmetic of the tree alone: what each node's own part is (its target
less what it allocates to its parts). It knows no plan results, files or terminals; the reader
(:mod:`budgetbalans.read.organisation`) reads and checks the file, the core
(:mod:`budgetbalans.core.organisation`) rolls the plans up the tree.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Iterator, Mapping, Sequence, Union

from pydantic import BaseModel, ConfigDict, Field

from budgetbalans.plan.models import KEY_SYNONYMS, Plan, Target, Text, UnitField
from budgetbalans.plan.money import Unit

#: The name of the tree's file, in the folder the commands run from.
FILE_NAME = "budgetbalans.yaml"

_FROZEN = ConfigDict(frozen=True, extra="forbid", strict=False, str_strip_whitespace=True)


class Node(BaseModel):
    """A part of the organisation: a nämnd, a förvaltning, a verksamhet."""

    model_config = _FROZEN

    organisation: Text = Field(description="The name of this part, as its plans write their organisation.")
    target: Target | None = Field(None, description="The sparbeting allocated to this part: for the period, "
                                                    "or {year: amount}.")
    parts: tuple[Node, ...] = Field(default=(), description="The parts its sparbeting is divided among.")

    def walk(self, depth: int = 0) -> Iterator[tuple[int, Node]]:
        """This node and every node below it, depth first, with its depth (this node 0)."""
        yield depth, self
        for part in self.parts:
            yield from part.walk(depth + 1)


class Organisation(Node):
    """The whole tree: its root, and the unit of its plain numbers."""

    unit: UnitField = Field(Unit.TKR, description="Unit of plain numbers: kr, tkr or mkr.")


def _plan_words(key: str) -> dict[str, str]:
    return {word: meant for word, meant in KEY_SYNONYMS[Plan].items() if meant == key}


_NAME_WORDS = {**_plan_words("organisation"), **dict.fromkeys(["namn", "name", "titel", "title"], "organisation")}
_PARTS_WORDS = dict.fromkeys(["delar", "del", "delarna", "underdelar", "under", "nämnder", "förvaltningar",
                              "verksamheter", "avdelningar", "barn", "children", "part", "units"], "parts")

#: What controllers write for the tree's keys (as :data:`~budgetbalans.plan.models.KEY_SYNONYMS` for a plan's):
#: an unknown key among them is answered with the right one.
TREE_KEY_SYNONYMS: dict[type[BaseModel], dict[str, str]] = {
    Organisation: {**_NAME_WORDS, **_plan_words("unit"), **_plan_words("target"), **_PARTS_WORDS},
    Node: {**_NAME_WORDS, **_plan_words("target"), **_PARTS_WORDS},
}


#: A target as the tree and a plan write it, validated: for the period, or per year.
Share = Union[Decimal, Mapping[int, Decimal]]


def period_total(share: Share) -> Decimal:
    """A target for the whole period: per-year targets added up."""
    return sum(share.values(), Decimal(0)) if isinstance(share, Mapping) else share


@dataclass(frozen=True)
class Allocation:
    """A node's target against what it allocates to its parts (the parts that have a target).

    ``allocated``: the parts' targets added up, per year where the node's target and every allocating
    part's are per year, else for the period. ``own``: the node's own part (target − allocated, in the
    same form), which the node's own plans answer for; None where the node has no target. ``over``: where
    the parts are given more than the node has: ``(year, parts, target)``, the year None for the period.
    """

    allocated: Share
    own: Share | None
    over: tuple[tuple[int | None, Decimal, Decimal], ...] = ()


def allocation(node: Node) -> Allocation:
    """The node's own part: its target less what its parts get targets, year by year where all are per year."""
    return divide(node.target, [part.target for part in node.parts if part.target is not None])


def divide(target: Share | None, given: Sequence[Share]) -> Allocation:
    """``target`` less the shares ``given`` out of it (a node's parts' targets, or its plans' targets against
    its own part), year by year where all are per year, else for the period."""
    yearly = [share for share in given if isinstance(share, Mapping)]
    if isinstance(target, Mapping) and len(yearly) == len(given):
        years = sorted({*target, *(year for share in yearly for year in share)})
        allocated = {year: sum((share.get(year, Decimal(0)) for share in yearly), Decimal(0)) for year in years}
        own = {year: target.get(year, Decimal(0)) - allocated[year] for year in years}
        over = tuple((year, allocated[year], target.get(year, Decimal(0))) for year in years if own[year] < 0)
        return Allocation(allocated, own, over)
    total = sum((period_total(share) for share in given), Decimal(0))
    if target is None:
        return Allocation(total, None)
    rest = period_total(target) - total
    return Allocation(total, rest, ((None, total, period_total(target)),) if rest < 0 else ())
