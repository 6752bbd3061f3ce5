"""Write the example documents of ``examples/dokument/``: a Word plan and an Excel plan as municipalities
send them, to try ``budgetbalans import`` on.

    .venv/bin/python tools/make_example_documents.py            # writes examples/dokument/
    budgetbalans import examples/dokument/vard-och-social-2024-2026.docx --unit kr
    budgetbalans import examples/dokument/kommunal-hemtjanst-2018.xlsx

- ``vard-och-social-2024-2026.docx``: the plan of ``examples/vard-och-social-2024-2026.yaml`` as its
  Word document has it: one table of who does what and when (two groups, each under a heading row
  merged across the table, the header repeated), a second table of amounts in kronor per year
  joined to the first only by the measure's name, a ``Summa`` of 13 149 tkr where the rows add up to
  13 549 tkr, and no unit in the table (hence ``--unit kr``).
- ``kommunal-hemtjanst-2018.xlsx``: the effect table of ``examples/kommunal-hemtjanst-2018-2019.yaml``
  ("Effekt av åtgärder i tkr" above it), its first column "Fokusområde" merged down over each
  group's rows, a year's effect and a full-year effect column, and the ``SUMMA`` row.

The same builders make the documents of tests/read/office/test_import.py. python-docx and openpyxl only.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.table import Table
from openpyxl import Workbook

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "examples" / "dokument"

WHO_HEADER = ("Löpnr", "Åtgärd", "Genomförande (vad och vilka?)", "Tidplan (när?)", "Ansvarig chef",
              "Uppföljning (hur ofta, när)")
SHORT_TERM = "Kortsiktiga åtgärder som går att verkställa ”direkt” (verkställighet eller genom delegation)"
NEEDS_DECISION = "Åtgärder som kräver utredningar och/eller politiska beslut (ks eller kf)"
WHO = [
    (SHORT_TERM, [
        ("1", "Minska övertid/mertid genom överanställning", "Styrgrupp SAMarbetet, ledningsgrupp VoO",
         "Q1 2024", "Bitr. avdelningschef", "Månadsvis genom enhetsmötesprotokoll"),
        ("2", "Bemanning utifrån nyckeltal SÄBO", "Enhetschefer SÄBO", "Q1 2024",
         "Avdelningschef/Bitr. avdelningschef", "Månadsvis genom enhetsmötesprotokoll"),
        ("3", "Minska/ta bort bemanningspersonal HSL", "Rekrytering och arbetsmiljöarbete\nHSL-chef", "2024",
         "Avdelningschef", "Löpande dialog avdelningschef/HSL-chef"),
        ("4", "Medicinrobotar i hemtjänst", "Inköp (leasing?), utbildning, installation, välja lämpliga "
         "användare.\nIT-samordnare, HSL-chef, MAS, enhetschefer hemtjänst", "2024",
         "Avdelningschef/bitr. avdelningschef", "Löpande dialog inblandade parter"),
        ("5", "Placeringskostnader IFO", "Uppföljning av familjehemsplaceringar och missbruksvård\nIFO-chef, "
         "preventivt arbete genom öppenvård", "2024", "Avdelningschef", "Prognoser Avdelningschef/IFO-chef"),
        ("6", "Ekonomiskt bistånd", "Kontroller av stora beslut och preventivt arbete genom AME", "2024",
         "Avdelningschef", "Prognoser Avdelningschef/ Ifo-chef"),
        ("7", "Obudgeterade statsbidrag", "Statsbidrag som vi nu vet kommer men som vi ej har budgeterat för",
         "2024", "Avdelningschef", "Prognoser Avdelningschef"),
        ("8", "Översyn planering hemtjänst", "Hemtjänstmöten\nEnhetscheferna hemtjänst", "2024",
         "Bitr. enhetschef", "Månadsvis"),
    ]),
    (NEEDS_DECISION, [
        ("9", "Välfärdsteknik", "Omvärldsbevakning, nyttokalkyler\nIT-samordnare, ledningsgrupp VoO", "2024",
         "Avdelningschef/bitr. avdelningschef", "Månadsvis, Ledningsgrupp VoO och admingrupp"),
        ("10", "Översyn och justering hyror SÄBO", "Omvärldsbevakning, ta fram beslutsunderlag\nController x2",
         "2024", "Avdelningschef/bitr. avdelningschef", "Löpande dialog"),
    ]),
]
AMOUNT_HEADER = ("Åtgärd", "2024 *", "2025", "2026", "Totalt")
AMOUNTS = [
    ("Minska övertid/mertid genom överanställning", "535 000", "535 000", "535 000", "1 605 000"),
    ("Bemanning utifrån nyckeltal SÄBO", "1 750 000", "750 000", "-", "-"),
    ("Minska/ta bort bemanningspersonal HSL", "1 200 000", "600 000", "600 000", "2 400 000"),
    ("Medicinrobotar i hemtjänst", "110 000", "440 000", "440 000", "990 000"),
    ("Placeringskostnader IFO", "1 000 000", "1 000 000", "-", "2 000 000"),
    ("Ekonomiskt bistånd", "100 000", "-", "-", "-"),
    ("Obudgeterade statsbidrag", "1 859 000", "-", "-", "-"),
    ("Översyn planering hemtjänst", "465 000", "465 000", "465 000", "1 395 000"),
    ("Välfärdsteknik", "-", "110 000", "440 000", "550 000"),
    ("Översyn och justering hyror SÄBO", "150 000", "", "", "150 000"),
    ("Summa", "", "", "", "13 149 tkr"),
]


def _row(table: Table, texts: tuple[str, ...]) -> None:
    cells = table.add_row().cells
    for cell, text in zip(cells, texts):
        cell.text = text


def _heading_row(table: Table, text: str) -> None:
    cells = table.add_row().cells
    merged = cells[0].merge(cells[-1])
    merged.text = text


def word_plan_vard(path: Path) -> Path:
    """The Word plan modelled on the Vård- och socialavdelningen plan 2024–2026: two tables joined by name."""
    document = Document()
    document.add_heading("Åtgärdsplan 2024 – 2026 och inför 2027 - Vård- och socialavdelningen", level=1)
    document.add_paragraph("Sparbeting:")
    document.add_paragraph("Vård- och socialavdelningen – 12 357 tkr")
    document.add_paragraph("Bakgrund: personal är vår största kostnad och vår största tillgång. Gamla Vård- och "
                           "omsorgsavdelningens utfall 2022 jämfört med budget var -5,4 mkr.")
    who = document.add_table(rows=0, cols=len(WHO_HEADER))
    who.style = "Table Grid"
    for heading, rows in WHO:
        _heading_row(who, heading)
        _row(who, WHO_HEADER)
        for row in rows:
            _row(who, row)
    document.add_paragraph("")
    amounts = document.add_table(rows=0, cols=len(AMOUNT_HEADER))
    amounts.style = "Table Grid"
    _row(amounts, AMOUNT_HEADER)
    for row in AMOUNTS:
        _row(amounts, row)
    document.add_paragraph("* Siffrorna i kolumnen baseras dels på hur utfallet 2023 ser ut att bli, dels på "
                           "åtgärder som innebär att budgetramen för 2025 kan minskas.")
    document.save(str(path))
    return path


EFFECT_HEADER = ("Fokusområde", "Åtgärd", "Uppskattad Effekt 2018", "Uppskattad effekt helår 2019")
EFFECTS: list[tuple[str, list[tuple[str, object, object]]]] = [
    ("Effektiv resursstyrning", [
        ("Gemensamma skift mellan enheterna", None, None),
        ("Förkortning av kvällsskiftet", 680, 1200),
        ("Begränsa beslut om övertid till EC", 100, 200),
        ("Daglig uppföljning av schemaplanering av EC", None, None),
        ("Demenscafé pausat", 25, 50),
        ("Teammöten 2 ggr/månad", 55, 155),
        ("Gemensam mötesstruktur mellan enheterna", None, None),
        ("Begränsa beslut om fasta anställningar till VC", None, None),
        ("Serviceteam – utredning", None, "700-1600"),
    ]),
    ("Gemensam administration", [
        ("”Sambandscentral” för kommunala hemtjänsten", 110, 250),
        ("Översyn av administrativa resurser inför 2019", None, 1200),
        ("Avvaktan av rekrytering av vakanta administrativa resurser", None, None),
    ]),
    ("Minskad sjukfrånvaro", [
        ("Omtankessamtal efter 3 frånvarotillfällen", 100, 250),
        ("Uppföljning vid sjukfrånvaro av EC", None, None),
        ("Träningsinsatser för EC i omtankessamtal", None, None),
    ]),
    ("Minskade leverantörskostnader", [
        ("Leverantör av tvätt av personalkläder uppsagd", 160, 240),
        ("Upphandling av bilar samt servicetjänsteavtal", None, None),
    ]),
    ("Verksamhetsnära digitalisering", [
        ("Införande av TES Webb", None, None),
        ("Kameraövervakning nattetid", None, None),
        ("Nyckelfri hemtjänst", None, None),
        ("TES Mobil (schemaläggning, planering, mätning av nyckeltal)", None, None),
        ("Digital dokumentation (Treserva i mobilen)", None, None),
    ]),
]


def excel_plan_hemtjanst(path: Path) -> Path:
    """The Excel sheet modelled on the home care plan 2018: groups merged down the first column, a unit line."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Effekt"
    sheet.append(["Effekt av åtgärder i tkr"])
    sheet.append(list(EFFECT_HEADER))
    for area, rows in EFFECTS:
        first = sheet.max_row + 1
        for number, (title, year, full_year) in enumerate(rows):
            sheet.append([area if number == 0 else None, title, year, full_year])
        if len(rows) > 1:
            sheet.merge_cells(start_row=first, start_column=1, end_row=first + len(rows) - 1, end_column=1)
    sheet.append([None, "SUMMA", 1230, 3545])
    workbook.save(path)
    return path


def main() -> int:
    FOLDER.mkdir(parents=True, exist_ok=True)
    for written in (word_plan_vard(FOLDER / "vard-och-social-2024-2026.docx"),
                    excel_plan_hemtjanst(FOLDER / "kommunal-hemtjanst-2018.xlsx")):
        print(written.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
