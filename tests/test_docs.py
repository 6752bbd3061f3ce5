"""The documentation stays true and stays in the repository.

- ``docs/meddelanden.md`` is exactly what ``tools/messages_doc.py`` prints now, so it lists
  every message the code can give, in its current wording;
- every link in README.md, ``docs/*.md`` and ``benchmarks/README.md`` stays inside the repository:
  no web address, no absolute path, no ``../`` out of it; every relative link names a file that
  exists, and every ``#anchor`` a heading in it;
- the README is the front door (issue 22): under 200 lines, its first lines the two commands
  ``.ci/run`` runs, one line per command with a link to the command's section in
  ``docs/kommandon.md``, and links to the rest of the documentation.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType
from urllib.parse import unquote

import pytest

from budgetbalans.i18n import TEMPLATES, UNTRANSLATED, is_label

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "docs" / "meddelanden.md"
DOCUMENTS = sorted([ROOT / "README.md", ROOT / "benchmarks" / "README.md", *(ROOT / "docs").glob("*.md")])


def _messages_doc() -> ModuleType:
    spec = importlib.util.spec_from_file_location("messages_doc", ROOT / "tools" / "messages_doc.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


messages_doc = _messages_doc()


# --- docs/meddelanden.md --------------------------------------------------------------------------


def test_the_message_reference_is_what_the_script_prints_now() -> None:
    expected = messages_doc.document()
    actual = REFERENCE.read_text(encoding="utf-8") if REFERENCE.exists() else ""
    assert actual == expected, (
        "docs/meddelanden.md is not what tools/messages_doc.py prints for the messages in the code "
        f"now; regenerate it: {messages_doc.REGENERATE}")


def test_every_message_code_is_in_the_reference() -> None:
    messages_doc.import_every_module()
    text = REFERENCE.read_text(encoding="utf-8")
    missing = [code for code, template in TEMPLATES.items()
               if template is not UNTRANSLATED and not is_label(code) and f"### `{code}`" not in text]
    assert not missing, f"not in docs/meddelanden.md: {missing}; regenerate it: {messages_doc.REGENERATE}"


def test_the_reference_leaves_out_only_the_untranslated_stand_in() -> None:
    assert f"### `{UNTRANSLATED.code}`" not in messages_doc.document()


def test_every_explanation_belongs_to_a_message_that_exists() -> None:
    messages_doc.import_every_module()
    stale = sorted(set(messages_doc.ADVICE) - set(TEMPLATES))
    assert not stale, f"tools/messages_doc.py ADVICE explains codes no message has: {stale}"


def test_every_part_names_messages_that_exist() -> None:
    messages_doc.import_every_module()
    stale = sorted(prefix for prefix in messages_doc.PARTS
                   if not any(code.startswith(prefix) for code in TEMPLATES))
    assert not stale, f"tools/messages_doc.py PARTS names codes no message has: {stale}"


def test_placeholders_are_shown_in_words() -> None:
    shown = messages_doc.readable("{value} gäller {year}; skriv {{low: -500}} eller {odd_name!r}")
    assert shown == "‹värdet› gäller ‹året›; skriv {low: -500} eller ‹odd name›"


def test_a_wording_with_backticks_cannot_end_its_block_early() -> None:
    block = messages_doc.fenced("a ``` b")
    assert block[0] == "````text" and block[-1] == "````"
    assert messages_doc.code_span("write `x`") == "`` write `x` ``"


# --- links ------------------------------------------------------------------------------------------

#: [text](target) and ![alt](target), with an optional "title"; <target> in angle brackets.
INLINE_LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\[\]]*\])*\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
#: [label]: target
REFERENCE_LINK = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.MULTILINE)
#: href="…" and src="…" in inline HTML.
HTML_LINK = re.compile(r"""\b(?:href|src)\s*=\s*["']([^"']*)["']""")
FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1", re.DOTALL)
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
#: <https://…> and a bare web address, which GitHub shows as links too.
AUTOLINK = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.-]*:[^>\s]*)>|(?<![\w(<\[])((?:https?|ftp)://[^\s)>\]]+|www\.[^\s)>\]]+)")


def prose(text: str, *, spans: bool = False) -> str:
    """Markdown without its code blocks and (unless ``spans``) code spans: link syntax there is only an example."""
    kept: list[str] = []
    fence: str | None = None
    for line in text.splitlines():
        match = FENCE.match(line)
        if fence is None and match:
            fence = match.group(1)
        elif fence is not None and match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
            fence = None
        elif fence is None:
            kept.append(line)
        else:
            kept.append("")
    joined = "\n".join(kept)
    return joined if spans else CODE_SPAN.sub("", joined)


def links(path: Path) -> list[str]:
    return targets(path.read_text(encoding="utf-8"))


def targets(markdown: str) -> list[str]:
    """Every link target of Markdown text, outside its code: links, images, HTML, web addresses."""
    text = prose(markdown)
    found = [target for pattern in (INLINE_LINK, REFERENCE_LINK, HTML_LINK) for target in pattern.findall(text)]
    return found + [angled or bare for angled, bare in AUTOLINK.findall(text)]


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, no punctuation or markup, spaces as hyphens."""
    text = re.sub(r"<[^>]+>", "", heading)
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return re.sub(r"[^\w\- ]", "", text.strip().lower()).replace(" ", "-")


def anchors(path: Path) -> set[str]:
    """Every anchor of a Markdown file: its headings' (numbered when repeated) and explicit ids."""
    text = prose(path.read_text(encoding="utf-8"), spans=True)
    found: set[str] = set(re.findall(r"""\b(?:id|name)\s*=\s*["']([^"']+)["']""", text))
    seen: dict[str, int] = {}
    for heading in re.findall(r"^#{1,6}\s+(.+?)\s*#*\s*$", text, re.MULTILINE):
        base = slug(heading)
        count = seen.get(base, 0)
        seen[base] = count + 1
        found.add(base if count == 0 else f"{base}-{count}")
    return found


def broken(document: Path, target: str) -> str | None:
    """Why ``target`` (a link in ``document``) leaves the repository or leads nowhere, else ``None``."""
    if SCHEME.match(target) or target.startswith(("//", "www.")):
        return "a web address: it leaves the repository"
    address, _, fragment = target.partition("#")
    address = unquote(address)
    if address.startswith("/"):
        return "an absolute path: a clone elsewhere does not have it"
    file = (document.parent / address).resolve() if address else document
    if not file.is_relative_to(ROOT):
        return "outside the repository"
    if not file.exists():
        return "no such file in the repository"
    if fragment and file.suffix == ".md" and unquote(fragment).lower() not in anchors(file):
        return f"no heading #{fragment} in {file.relative_to(ROOT)}"
    return None


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda path: str(path.relative_to(ROOT)))
def test_no_link_leaves_the_repository(document: Path) -> None:
    problems = [f"{target}: {why}" for target in links(document) if (why := broken(document, target))]
    assert not problems, f"{document.relative_to(ROOT)}: " + "; ".join(problems)


def test_the_format_guide_is_linked_from_the_readme() -> None:
    targets = links(ROOT / "README.md")
    assert "docs/planformat.md" in targets and "docs/meddelanden.md" in targets


def test_the_link_checker_finds_what_leaves() -> None:
    readme = ROOT / "README.md"
    assert broken(readme, "../shared/PLAN-FORMAT.md")
    assert broken(readme, "docs/finns-inte.md")
    assert broken(readme, "/etc/passwd")
    assert broken(readme, "docs/planformat.md#finns-inte")
    assert broken(readme, "docs/planformat.md") is None
    assert broken(readme, "https://pre-commit.com")
    assert broken(readme, "mailto:someone@example.org")
    architecture = ROOT / "docs" / "architecture.md"
    assert broken(architecture, "../README.md") is None
    assert broken(architecture, "../benchmarks/README.md") is None
    assert broken(architecture, "../../shared/LAYOUT.md")
    assert broken(architecture, "../docs/../../x.md")
    assert links_in("see [the format](../shared/PLAN-FORMAT.md) and ![x](docs/report.png)") == [
        "../shared/PLAN-FORMAT.md", "docs/report.png"]
    assert links_in("```\n[not a link](../x)\n```\n`[nor](../y)`") == []
    assert targets("see https://example.org and <https://example.com/x>, not `https://code`") == [
        "https://example.org", "https://example.com/x"]


def links_in(text: str) -> list[str]:
    return INLINE_LINK.findall(prose(text))


# --- the README is the front door; the reference is in docs/ (issue 22) ----------------------------

README = ROOT / "README.md"
COMMANDS_DOC = ROOT / "docs" / "kommandon.md"


def commands() -> list[str]:
    """Every command the installed command line has, by the name a user types."""
    import typer.main

    from budgetbalans.cli.app import app

    names = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]  # a Group
    assert len(names) >= 7, names
    return names


def test_the_readme_is_under_200_lines() -> None:
    lines = README.read_text(encoding="utf-8").splitlines()
    assert len(lines) < 200, f"README.md has {len(lines)} lines: the reference belongs in docs/"


def test_the_readme_begins_with_the_commands_ci_runs() -> None:
    """.ci/run takes lines 3–4 (``sed -n '3,4p' README.md``): one runs summarize, the other pytest."""
    first = README.read_text(encoding="utf-8").splitlines()[2:4]
    assert any("budgetbalans summarize" in line and "pip install" in line for line in first), first
    assert any("-m pytest" in line and "'.[test]'" in line for line in first), first
    assert "sed -n '3,4p' README.md" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", commands())
def test_every_command_has_its_line_in_the_readme_and_its_section_in_docs(command: str) -> None:
    line = [text for text in prose(README.read_text(encoding="utf-8"), spans=True).splitlines()
            if text.startswith(f"- `{command}`")]
    assert line, f"README.md: no line '- `{command}`: …' in its list of commands"
    assert f"docs/kommandon.md#{command}" in links(README), f"README.md: no link to docs/kommandon.md#{command}"
    assert command in anchors(COMMANDS_DOC), f"docs/kommandon.md: no section '## {command}'"


def test_the_readme_links_every_document() -> None:
    targets_ = {target.partition("#")[0] for target in links(README)}
    expected = {"docs/planformat.md", "docs/kommandon.md", "docs/rapporter.md", "docs/meddelanden.md",
                "docs/architecture.md", "benchmarks/README.md"}
    assert expected <= targets_, f"README.md does not link {sorted(expected - targets_)}"


def test_every_page_of_docs_is_linked_from_the_readme_or_another_page() -> None:
    linked = {(document.parent / target.partition("#")[0]).resolve()
              for document in DOCUMENTS for target in links(document) if not broken(document, target)}
    orphans = [page.name for page in (ROOT / "docs").glob("*.md") if page.resolve() not in linked]
    assert not orphans, f"docs/ pages no document links to: {orphans}"


def test_the_report_images_are_shown() -> None:
    shown = {target for document in DOCUMENTS for target in links(document)}
    assert {"report.png", "follow-up.png"} <= shown, "docs/report.png and docs/follow-up.png are linked from docs/"
