"""The documentation stays true and stays in the repository.

- ``docs/meddelanden.md`` is exactly what ``tools/messages_doc.py`` prints now, so it lists
  every message the code can give, in its current wording;
- every link in README.md and ``docs/*.md`` stays inside the repository: no ``../`` path, every
  relative link names a file that exists, and every ``#anchor`` a heading in it.
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
DOCUMENTS = sorted([ROOT / "README.md", *(ROOT / "docs").glob("*.md")])


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
    text = prose(path.read_text(encoding="utf-8"))
    return [target for pattern in (INLINE_LINK, REFERENCE_LINK, HTML_LINK) for target in pattern.findall(text)]


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
    if SCHEME.match(target) or target.startswith("//"):
        return None  # a web address: not a file of this repository, nor outside it
    address, _, fragment = target.partition("#")
    address = unquote(address)
    if address.startswith("/"):
        return "an absolute path: a clone elsewhere does not have it"
    if ".." in Path(address).parts:
        return "a ../ path: it leaves the folder it is in"
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
    assert broken(readme, "https://pre-commit.com") is None
    assert links_in("see [the format](../shared/PLAN-FORMAT.md) and ![x](docs/report.png)") == [
        "../shared/PLAN-FORMAT.md", "docs/report.png"]
    assert links_in("```\n[not a link](../x)\n```\n`[nor](../y)`") == []


def links_in(text: str) -> list[str]:
    return INLINE_LINK.findall(prose(text))
