"""The organisation tree's file (``budgetbalans.yaml``) read and checked as a plan file is, and the plans
checked against it: every problem a :class:`~budgetbalans.errors.Problem` at ``path:line:column``.

The tree is read with the plan's machinery (:mod:`budgetbalans.read.loader`: the limits, YAML with
positions, pydantic's errors in the controller's words, "menade du" for an unknown key); what is the
tree's own is here: names used twice, parts given more than their node has, and each plan's
``organisation`` and ``target`` against the node it names.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterator, Sequence

from pydantic import BaseModel, ValidationError

from budgetbalans.errors import PlanError, Problem
from budgetbalans.i18n import Message, Template, quoted, template
from budgetbalans.plan.models import Plan, close_word
from budgetbalans.plan.money import Unit
from budgetbalans.plan.notation import amount_with_unit, as_written
from budgetbalans.plan.organisation import (FILE_NAME, TREE_KEY_SYNONYMS, Node, Organisation, Share, allocation,
                                            divide)
from budgetbalans.read.loader import FileKeys, comparable, content_text, file_text, file_unit, read_source, \
    validation_problems
from budgetbalans.read.rules import amount_slips
from budgetbalans.read.yamlsource import Path as DataPath
from budgetbalans.read.yamlsource import Source

# --- the file --------------------------------------------------------------------------------------

TREE_EMPTY = template(
    "organisation.empty",
    sv="filen är tom; organisationsträdet börjar med organisation: och kommunens (eller nämndens) namn, "
       "och parts: med dess delar",
    en="the file is empty; the organisation tree starts with organisation: and the kommun's (or nämnd's) "
       "name, and parts: with its parts")
TREE_NOT_A_MAPPING = template(
    "organisation.not_a_mapping",
    sv="organisationsträdet består av nycklar (organisation:, unit:, target:, parts:) längst till vänster i "
       "filen, inte av en lista eller ett enda värde; börja filen med organisation: och namnet",
    en="the organisation tree is a mapping of keys (organisation:, unit:, target:, parts:) at the top of the "
       "file, not a list or a single value; start the file with organisation: and the name")
PART_NOT_A_MAPPING = template(
    "organisation.part.not_a_mapping",
    sv="en del av trädet ska ha nycklar (organisation:, target:, parts:) och börja med '- organisation:' på "
       "egen rad",
    en="a part of the tree should be a mapping of keys (organisation:, target:, parts:), starting with "
       "'- organisation:' on its own line")
PARTS_NOT_A_LIST = template(
    "organisation.parts.not_a_list",
    sv="'parts' ska vara en lista med delar, var och en börjar med '- organisation:' på egen rad",
    en="'parts' should be a list of parts, each starting with '- organisation:' on its own line")
MISSING_IN_TREE = template(
    "organisation.missing_key",
    sv="nyckeln {key} saknas; varje del av trädet behöver sitt namn, som planerna skriver det, till exempel "
       "organisation: Socialnämnden",
    en="missing key {key}; each part of the tree needs its name, as its plans write it, such as "
       "organisation: Socialnämnden")
KEY_OF_TREE = template(
    "organisation.unknown_key.tree_key",
    sv="okänd nyckel {key} här — {guess} gäller hela trädet: skriv den längst till vänster, utan indrag, "
       "ovanför parts:",
    en="unknown key {key} here — {guess} is for the whole tree: write it at the left margin, without "
       "indentation, above parts:")


def _tree_model_at(loc: tuple[Any, ...]) -> type[BaseModel]:
    return Organisation if len(loc) == 1 else Node


def _tree_level(model: type[BaseModel]) -> tuple[type[BaseModel], Template] | None:
    """The whole tree's key (``unit``) written in a part."""
    return (Organisation, KEY_OF_TREE) if model is Node else None


#: The tree file's keys, for telling validation's problems in its words.
TREE_KEYS = FileKeys(_tree_model_at, TREE_KEY_SYNONYMS, _tree_level,
                     lambda loc: MISSING_IN_TREE(key=quoted(loc[-1])), {
                         ("tuple_type", "parts"): PARTS_NOT_A_LIST,
                         ("model_type", None): PART_NOT_A_MAPPING,
                         ("model_attributes_type", None): PART_NOT_A_MAPPING,
                     })


def tree_path(folder: Path) -> Path:
    """Where the tree of the commands run in ``folder`` is (there or not)."""
    return folder / FILE_NAME


def read_organisation(folder: Path) -> Organisation | None:
    """The tree in ``folder``'s ``budgetbalans.yaml``; ``None`` where there is no such file. Raise
    :class:`PlanError` with every problem in it, as a plan file's are raised."""
    path = tree_path(folder)
    if not os.path.lexists(path):
        return None
    name = str(path)
    return validate_organisation(read_source(file_text(path, TREE_EMPTY), name), name)


def organisation_in(data: bytes, name: str) -> Organisation:
    """The tree in a file's content read from elsewhere than the disk (a git revision); ``name`` names it.
    Raise :class:`PlanError` with every problem in it, as :func:`read_organisation` does for the file."""
    return validate_organisation(read_source(content_text(data, name, TREE_EMPTY), name), name)


def validate_organisation(source: Source, name: str) -> Organisation:
    """YAML data validated as the tree, and checked as a tree; raise :class:`PlanError` with every problem."""
    data = source.data
    read = [Problem(name, problem.line, problem.column, problem.message) for problem in source.problems]
    if data is None:
        raise PlanError([Problem(name, 1, 1, TREE_EMPTY())])  # nothing but comments
    if not isinstance(data, dict):
        raise PlanError([*read, Problem(name, *source.position(()), TREE_NOT_A_MAPPING())])
    findings = list(amount_slips(source, _targets(source)))
    problems = read + [Problem(name, *finding.position, finding.message) for finding in findings]
    covered = [path for finding in findings for path in (finding.covers, finding.covers_too) if path is not None]
    try:
        tree = Organisation.model_validate(data, context={"unit": file_unit(data)})
    except ValidationError as error:
        raise PlanError(sorted(set(problems + validation_problems(source, name, error, TREE_KEYS, covered))))
    problems += tree_problems(tree, source, name)
    if problems:
        raise PlanError(sorted(set(problems)))
    return tree


def _targets(source: Source) -> Iterator[tuple[DataPath, Any]]:
    """Every ``target`` written in the tree, with its path, as far as the data is a tree."""
    stack: list[tuple[DataPath, Any]] = [((), source.data)]
    while stack:
        path, node = stack.pop()
        if not isinstance(node, dict):
            continue
        if "target" in node:
            yield (*path, "target"), node["target"]
        parts = node.get("parts")
        if isinstance(parts, list):
            stack += (((*path, "parts", index), part) for index, part in enumerate(parts))


# --- the tree's own rules ----------------------------------------------------------------------------

NAME_TWICE = template(
    "organisation.name_twice",
    sv="namnet {name} finns redan i trädet, som {first} på rad {line}; varje del har ett eget namn (det som "
       "planerna skriver i organisation:, där stora och små bokstäver inte skiljer två delar åt): byt namn på "
       "den ena",
    en="the name {name} is already in the tree, as {first} on line {line}; each part has a name of its own "
       "(what its plans write in organisation:, where capitals do not tell two parts apart): rename one of them")
PARTS_OVER = template(
    "organisation.parts_over",
    sv="delarna under {name} får tillsammans {parts} {when}, mer än sparbetinget här, {target}; sänk "
       "delarnas target: eller höj target: här",
    en="the parts under {name} are given {parts} {when} together, more than the target here, {target}; "
       "lower the parts' target: or raise the target: here")
FOR_YEAR = template("organisation.when.year", sv="för {year}", en="for {year}")
FOR_PERIOD = template("organisation.when.period", sv="för perioden", en="for the period")


def tree_problems(tree: Organisation, source: Source, name: str) -> list[Problem]:
    """A name used twice (at the second, naming the first's line), and parts given more than their node has
    (at the node's target, or its year)."""
    problems: list[Problem] = []
    first: dict[str, tuple[int, str]] = {}
    for path, node in _nodes(tree):
        line, column = source.position((*path, "organisation"))
        seen, written = first.setdefault(comparable(node.organisation), (line, node.organisation))
        if seen != line:
            problems.append(Problem(name, line, column, NAME_TWICE(
                name=quoted(node.organisation, limit=60), first=quoted(written, limit=60), line=seen)))
        problems += (Problem(name, *_target_position(source, path, year), PARTS_OVER(
            name=quoted(node.organisation), parts=amount_with_unit(parts, tree.unit), when=_when(year),
            target=amount_with_unit(target, tree.unit))) for year, parts, target in allocation(node).over)
    return problems


def _nodes(node: Node, path: DataPath = ()) -> Iterator[tuple[DataPath, Node]]:
    """Every node with its path in the file's data (the parts in the order written)."""
    yield path, node
    for index, part in enumerate(node.parts):
        yield from _nodes(part, (*path, "parts", index))


def _target_position(source: Source, path: DataPath, year: int | None) -> tuple[int, int]:
    """Where a node's target for ``year`` is written (the year's key), or its target for the period."""
    if year is None:
        return source.position((*path, "target"))
    return source.position((*path, "target", str(year)), key=True)


def _when(year: int | None) -> Message:
    return FOR_PERIOD() if year is None else FOR_YEAR(year=year)


# --- the plans against the tree ----------------------------------------------------------------------

NO_ORGANISATION = template(
    "organisation.plan.no_organisation",
    sv="planen anger ingen organisation, men här finns ett organisationsträd ({tree}); skriv vilken del av "
       "trädet planen hör till, till exempel organisation: {example}",
    en="the plan names no organisation, but there is an organisation tree here ({tree}); write the part of "
       "the tree the plan belongs to, such as organisation: {example}")
NO_NODE = template(
    "organisation.plan.no_node",
    sv="{name} finns inte i organisationsträdet ({tree}); skriv namnet på en del av trädet precis som det står "
       "där, till exempel {example}, eller lägg till delen i trädet",
    en="{name} is not in the organisation tree ({tree}); write the name of a part of the tree exactly as it "
       "is written there, such as {example}, or add the part to the tree")
NO_NODE_GUESS = template(
    "organisation.plan.no_node_guess",
    sv="{name} finns inte i organisationsträdet ({tree}) — menade du {guess}?",
    en="{name} is not in the organisation tree ({tree}) — did you mean {guess}?")
TARGET_NEEDED = template(
    "organisation.plan.target_needed",
    sv="{count} planer hör till {name}; då anger var och en sitt target:, och tillsammans ska de bli den del "
       "som {tree} ger {name} själv ({own}): lägg till target: i den här planen",
    en="{count} plans belong to {name}; each of them then states its target:, and together they must make "
       "the part {tree} gives {name} itself ({own}): add target: to this plan")
TARGET_DISAGREES = template(
    "organisation.plan.target_disagrees",
    sv="planens sparbeting {when} är {stated}, men {tree} ger {name} {own} {when} som egen del (dess "
       "sparbeting utan delarnas); skriv {fix}, eller rätta trädet",
    en="the plan's target {when} is {stated}, but {tree} gives {name} {own} {when} as its own part (its target "
       "less what its parts get); write {fix}, or correct the tree")
TARGETS_DISAGREE = template(
    "organisation.plan.targets_disagree",
    sv="de {count} planerna som hör till {name} har tillsammans sparbeting {stated} {when}, men {tree} ger "
       "{name} {own} {when} som egen del (dess sparbeting utan delarnas); ändra planernas target: så att de "
       "tillsammans blir {own}, eller rätta trädet",
    en="the {count} plans that belong to {name} have targets of {stated} together {when}, but {tree} gives "
       "{name} {own} {when} as its own part (its target less what its parts get); change the plans' target: so that "
       "together they make {own}, or correct the tree")

#: How many of the tree's names a message offers as examples.
_EXAMPLES = 3


def organisation_problems(tree: Organisation, plans: Sequence[Plan], tree_name: str) -> list[Problem]:
    """Each plan against the tree ``tree_name`` holds: its ``organisation`` names a node, exactly, and the
    targets of the plans at a node make its own part. At the plan's ``organisation:`` or ``target:``."""
    nodes = {node.organisation: node for _, node in tree.walk()}
    at: dict[str, list[Plan]] = {}
    problems: list[Problem] = []
    for plan in plans:
        if plan.organisation in nodes:
            at.setdefault(plan.organisation, []).append(plan)
        else:
            problems.append(_unknown_node(plan, tree, tree_name))
    for name, here in at.items():
        problems += _targets_at(nodes[name], sorted(here, key=lambda plan: plan.path), tree_name)
    return sorted(problems)


def _unknown_node(plan: Plan, tree: Organisation, tree_name: str) -> Problem:
    names = [node.organisation for _, node in tree.walk()]
    example = quoted(names[1] if len(names) > 1 else names[0], limit=60)
    if plan.organisation is None:
        return Problem(plan.path, *plan.position(), NO_ORGANISATION(tree=tree_name, example=example))
    return Problem(plan.path, *plan.position("organisation"), _near_miss(plan.organisation, names, tree_name))


def unknown_node(tree: Organisation, name: str, tree_name: str) -> Message | None:
    """Why ``name`` names no node of the tree (a near miss: "menade du"; else some of its names), as a plan's
    ``organisation`` would be told; None where it names one exactly."""
    names = [node.organisation for _, node in tree.walk()]
    return None if name in names else _near_miss(name, names, tree_name)


def _near_miss(name: str, names: list[str], tree_name: str) -> Message:
    """A name of the tree that ``name`` is a slip of (case, spaces, an accent, a letter), or the tree's names."""
    same = [known for known in names if comparable(known) == comparable(name)]
    guess = same[0] if same else close_word(name, names)
    if guess is not None:
        return NO_NODE_GUESS(name=quoted(name, limit=60), tree=tree_name, guess=quoted(guess, limit=60))
    examples = ", ".join(quoted(known, limit=60) for known in names[1:_EXAMPLES + 1] or names[:1])
    return NO_NODE(name=quoted(name, limit=60), tree=tree_name, example=examples)


def _targets_at(node: Node, plans: list[Plan], tree_name: str) -> list[Problem]:
    """The plans at one node against its own part: one without a target takes it; each of several states
    its target, and the targets make it."""
    share = allocation(node)
    if share.own is None or share.over or (len(plans) == 1 and plans[0].target is None):
        return []  # no own part to answer for, or the tree's own problem (parts given more than it has)
    unit = plans[0].unit
    name = quoted(node.organisation, limit=60)
    missing = [plan for plan in plans if plan.target is None]
    if missing:
        own = _shown(share.own, unit)
        return [Problem(plan.path, *plan.position("organisation"),
                        TARGET_NEEDED(count=len(plans), name=name, tree=tree_name, own=own)) for plan in missing]
    targets: list[Share] = [plan.target for plan in plans if plan.target is not None]
    return [_disagreement(plans, name, tree_name, difference, share.own)
            for difference in _differences(share.own, targets)]


@dataclass(frozen=True)
class _Difference:
    """Where the plans' targets do not make a node's own part: the year (None: the period), both figures."""

    year: int | None
    stated: Decimal
    own: Decimal


def _differences(own: Share, targets: Sequence[Share]) -> list[_Difference]:
    """Each year (or the period) where ``targets`` added up are not ``own``: compared as the tree compares a
    node's parts with it (:func:`~budgetbalans.plan.organisation.divide`)."""
    rest = divide(own, targets)
    if isinstance(rest.own, Mapping):
        assert isinstance(rest.allocated, Mapping)
        return [_Difference(year, rest.allocated[year], rest.allocated[year] + left)
                for year, left in rest.own.items() if left]
    assert rest.own is not None and not isinstance(rest.allocated, Mapping)
    return [_Difference(None, rest.allocated, rest.allocated + rest.own)] if rest.own else []


def _disagreement(plans: list[Plan], name: str, tree_name: str, difference: _Difference, own: Share) -> Problem:
    """A plan's target that is not what the tree gives it; of several plans, at the first one's target."""
    plan = plans[0]
    unit, when = plan.unit, _when(difference.year)
    stated, given = amount_with_unit(difference.stated, unit), amount_with_unit(difference.own, unit)
    if len(plans) == 1:
        message = TARGET_DISAGREES(when=when, stated=stated, tree=tree_name, name=name, own=given,
                                   fix=f"target: {_written(own, unit)}")
    else:
        message = TARGETS_DISAGREE(count=len(plans), name=name, stated=stated, when=when, tree=tree_name,
                                   own=given)
    return Problem(plan.path, *plan.position("target"), message)


def _shown(share: Share, unit: Unit) -> str:
    """A target in Swedish notation: ``4 100 tkr``, or ``2025: 4 100 tkr, 2026: 3 000 tkr``."""
    if isinstance(share, Mapping):
        return ", ".join(f"{year}: {amount_with_unit(value, unit)}" for year, value in sorted(share.items()))
    return amount_with_unit(share, unit)


def _written(share: Share, unit: Unit) -> str:
    """A target as a plan in ``unit`` writes it: ``4100``, ``"4,1"``, ``{2025: 4100, 2026: "0,5"}``."""
    if isinstance(share, Mapping):
        return "{" + ", ".join(f"{year}: {_written(value, unit)}" for year, value in sorted(share.items())) + "}"
    number = as_written(share / unit.kronor)
    return f'"{number}"' if "," in number else number
