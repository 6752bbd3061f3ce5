"""The nämnd's report as a nämndsekreterare files it: the Word report of a plan modelled on seed 002
(every measure with a responsible, a decision and consequences, long enough for several pages)
printed to PDF by LibreOffice, and the HTML report printed by Chromium: every measure's responsible,
decision reference and consequences on paper, landscape, the header row on every page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from budgetbalans.plan.models import Plan
from budgetbalans.read.loader import load_paths
from tests.clients import CHROMIUM, SOFFICE, print_html, soffice
from tests.command import invoke_bytes
from tests.paths import EXAMPLES
from tests.pdf import media_boxes, pdf_pages_text
from tests.report.decided_plan import write_plan

BOARD_HEADER = "Nr Åtgärd Ansvarig Tidplan Status Beslut 2024 2025 2026 Intervall"
CONSEQUENCES_HEADER = "Nr Åtgärd Aspekt Konsekvens"


def words(text: str) -> str:
    """A page's text with every run of white space (a wrapped cell's line break, a no-break space) one
    space, and none after a slash (a line may end after "Avdelningschef/", as a secretary would break it)
    or around a hyphen before a digit (Word's no-break hyphen, which keeps "-1,5" and "2024-06-17" whole,
    is printed as a piece of text of its own, read back with a space)."""
    text = re.sub(r"/ ", "/", re.sub(r"\s+", " ", text.replace("\u00a0", " ")))
    return re.sub(r"(?<=\d) -(?=\d)", "-", re.sub(r"- (?=\d)", "-", text))  # Word's no-break hyphen: a run of its own


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Plan, list[str], bytes]:
    """The plan, the text of each page of its Word report printed by LibreOffice, and the PDF."""
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    folder = tmp_path_factory.mktemp("board-print")
    path = write_plan(folder, extra=30)
    code, _, stderr = invoke_bytes("summarize", str(path), "--format", "docx", "-o", str(folder / "board.docx"))
    assert code == 0, stderr
    soffice(["--convert-to", "pdf", "--outdir", str(folder / "pdf"), str(folder / "board.docx")], folder)
    pdf = folder / "pdf" / "board.pdf"
    if not pdf.exists():
        pytest.skip("this LibreOffice cannot convert Word files (install libreoffice-writer-nogui)")
    data = pdf.read_bytes()
    return load_paths([path]).plans[0], [words(page) for page in pdf_pages_text(data)], data


@pytest.mark.clients
def test_every_measures_responsible_decision_and_consequences_are_printed(
        printed: tuple[Plan, list[str], bytes]) -> None:
    plan, pages, _ = printed
    every = " ".join(pages)
    assert len(plan.measures) == 36
    for measure in plan.measures:
        assert measure.responsible and measure.decision and measure.decision.ref and measure.consequences
        assert words(measure.responsible) in every, measure.id
        assert words(measure.decision.ref) in every, measure.id
        for aspect, text in measure.consequences.items():
            assert f"{aspect} {words(text)}" in every, (measure.id, aspect)


@pytest.mark.clients
def test_the_header_row_repeats_on_every_page_of_the_nämnds_tables(printed: tuple[Plan, list[str], bytes]) -> None:
    _, pages, data = printed
    board = [i for i, page in enumerate(pages) if BOARD_HEADER in page]
    consequences = [i for i, page in enumerate(pages) if CONSEQUENCES_HEADER in page]
    assert len(board) >= 2 and len(consequences) >= 2  # the tables run over pages, the header on each
    assert board == list(range(board[0], board[-1] + 1))  # every page the table runs over
    assert "Ansvar, tidplan och beslut" in pages[board[0]] and "Konsekvenser" in pages[consequences[0]]
    assert all(round(w) == 842 and round(h) == 595 for w, h in media_boxes(data))  # A4 landscape


@pytest.mark.clients
def test_no_word_of_a_name_or_reference_is_broken(printed: tuple[Plan, list[str], bytes]) -> None:
    _, pages, _ = printed
    every = " ".join(pages)
    for whole in ("Avdelningschef/bitr. avdelningschef", "Delegationsbeslut VoS 2024:3",
                  "nämnd, beslutad: SN 2024/112 § 45", "KF, avslagen: KF 2024 § 61"):
        assert whole in every, whole


@pytest.mark.clients
@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
def test_the_html_report_prints_the_nämnds_tables_with_their_header_on_every_page(tmp_path: Path) -> None:
    path = write_plan(tmp_path, extra=30)
    code, page, stderr = invoke_bytes("summarize", str(path), "--format", "html")
    assert code == 0, stderr
    pdf = print_html(page, tmp_path, "board")
    try:
        pages = [words(text) for text in pdf_pages_text(pdf)]
    except (AssertionError, KeyError, ValueError):
        pytest.skip("this Chromium writes a PDF tests/pdf.py cannot read")
    every = " ".join(pages)
    assert "Ansvar, tidplan och beslut" in every and "SN 2024/112 § 45" in every
    assert sum(BOARD_HEADER in text for text in pages) >= 2
    # the plan's section has tables of more than seven columns: printed on landscape pages, as in Word
    boxes = [(round(w), round(h)) for w, h in media_boxes(pdf)]
    assert len(boxes) >= 2 and set(boxes[:-1]) == {(842, 595)}, boxes  # the last holds the legend only


@pytest.mark.clients
def test_the_example_plans_word_report_holds_every_measures_responsible_decision_and_consequences(
        tmp_path: Path) -> None:
    """The example of what a nämnd decides on (seed 002 as beslutsunderlag), as it is filed."""
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    path = EXAMPLES / "vard-och-social-beslut-2024-2026.yaml"
    code, _, stderr = invoke_bytes("summarize", str(path), "--format", "docx", "-o", str(tmp_path / "plan.docx"))
    assert code == 0, stderr
    soffice(["--convert-to", "pdf", "--outdir", str(tmp_path / "pdf"), str(tmp_path / "plan.docx")], tmp_path)
    pdf = tmp_path / "pdf" / "plan.pdf"
    if not pdf.exists():
        pytest.skip("this LibreOffice cannot convert Word files (install libreoffice-writer-nogui)")
    every = " ".join(words(page) for page in pdf_pages_text(pdf.read_bytes()))
    plan = load_paths([path]).plans[0]
    assert len(plan.measures) == 10 and sum(1 for m in plan.measures if m.consequences) >= 5
    # the measures table (its decision and class are the nämnd's table's): its header, figures and titles whole
    assert "Nr Åtgärd Område Status 2024 2025 2026 Summa Sannolikhet Förväntad effekt Årsarbetare" in every
    for figure in ("1 605 000", "2 500 000", "1 859 000", "13 399 000", "742 500", "75 %",
                   "Kortsiktig (verkställighet/delegation)", "Utredning/politiskt beslut (KS/KF)"):
        assert figure in every, figure
    assert "2024: -3; 2025: -1,5" in every
    for measure in plan.measures:
        assert words(measure.title) in every, measure.id
    for measure in plan.measures:
        assert measure.responsible and measure.decision and measure.decision.ref, measure.id
        assert words(measure.responsible) in every, measure.id
        assert words(measure.decision.ref) in every, measure.id
        for aspect, text in measure.consequences.items():
            assert f"{aspect} {words(text)}" in every, (measure.id, aspect)
