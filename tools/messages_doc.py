"""Print docs/meddelanden.md: every message budgetbalans can give, and what to do about it.

The messages are templates (``template(code, sv, en)`` in each module), collected in
:data:`budgetbalans.i18n.TEMPLATES` once every module is imported. This script lists them
by area (the first part of the code: ``amount.…``, ``yaml.…``), each with its Swedish and
English wording and, where the wording alone is not enough, a longer explanation from
:data:`ADVICE`. ``tests/test_docs.py`` checks that the file is what this script prints now.

Regenerate the file after adding or changing a message:

    .venv/bin/python tools/messages_doc.py > docs/meddelanden.md
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import string
import sys
from pathlib import Path

# The messages of this working tree, also where budgetbalans is installed (not editable) in the venv.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import budgetbalans  # noqa: E402 - after the path above
from budgetbalans.i18n import TEMPLATES, UNTRANSLATED, Template, is_label  # noqa: E402

#: The command that writes the file; named in the file itself and in the test's message.
REGENERATE = ".venv/bin/python tools/messages_doc.py > docs/meddelanden.md"

#: The areas in the order a controller meets them, with a heading and a word on what to do.
#: An area not named here is listed after these, under its own code word.
AREAS: dict[str, tuple[str, str]] = {
    "file": (
        "Filerna och mapparna",
        "Gäller filerna och mapparna som kommandot läser: att de finns och går att läsa, att en fil är "
        "text i UTF-8 och inte för stor, och att samma plan inte läses två gånger. Utan sökväg läser "
        "budgetbalans mappen `plans/` där du står. Spara planen som UTF-8 (i Anteckningar eller Excel: "
        "*Spara som*, kodning UTF-8).",
    ),
    "yaml": (
        "Skrivsättet (YAML)",
        "Filen går inte att läsa som YAML, planfilernas skrivsätt. Titta på raden som nämns och på "
        "raderna ovanför: ofta fattas ett kolon, en rad är indragen fel (dra in med mellanslag, "
        "aldrig tabb), eller en text som innehåller `: ` saknar citattecken. Se "
        "[Så skrivs filen](planformat.md#så-skrivs-filen) och "
        "[Vanliga fallgropar](planformat.md#vanliga-fallgropar).",
    ),
    "plan": (
        "Planens nycklar och värden",
        "En nyckel eller ett värde i planen är fel: en okänd eller felstavad nyckel, något som fattas, "
        "ett datum eller ett id som inte går att läsa. Nycklarna är engelska och stavas likadant i alla "
        "planer; se [Planens nycklar](planformat.md#planens-nycklar) och "
        "[Åtgärdens nycklar](planformat.md#åtgärdens-nycklar).",
    ),
    "year": (
        "År",
        "Ett år skrivs med fyra vanliga siffror (2025) och ska ligga inom planens år (`years:`).",
    ),
    "amount": (
        "Belopp",
        "Ett belopp, ett intervall eller en intervallklass går inte att läsa säkert. Skriv beloppet "
        "på svenskt vis, som meddelandet visar: `1 750 000`, `0,5 mkr`, `700-1600`. Se "
        "[Belopp](planformat.md#belopp) och "
        "[Intervall och intervallklasser](planformat.md#intervall-och-intervallklasser).",
    ),
    "status": (
        "Status",
        "Statusen ska vara ett av orden planerad, pågår, klart, utredning, pausad, avbruten (eller de "
        "engelska planned, ongoing, done, investigating, paused, cancelled); se "
        "[Status](planformat.md#status).",
    ),
    "check": (
        "Kontrollerna i `check`",
        "Planen är giltig, men `check` underkänner den: en angiven summa stämmer inte med raderna, "
        "eller planen uppfyller inte ett krav som du har begärt (`--require-target`, "
        "`--fail-on-gap`). Se [Summorna i originaldokumentet](planformat.md#summorna-i-originaldokumentet).",
    ),
    "organisation": (
        "Organisationsträdet (`budgetbalans.yaml`)",
        "Trädet som fördelar sparbetinget på nämnder och verksamheter, och planerna mot det: ett namn "
        "två gånger, delar som fått mer än det fanns, en plan vars `organisation:` inte finns i trädet, "
        "ett `target:` som inte stämmer med trädet. Se "
        "[Organisationen: budgetbalans.yaml](planformat.md#organisationen-budgetbalansyaml).",
    ),
    "report": (
        "Rapporterna",
        "Meddelanden och varningar under en rapport (`summarize`, `gap`, `follow-up`).",
    ),
    "cli": (
        "Kommandoraden",
        "Kommandot är fel skrivet: en okänd flagga, ett värde som inte går att läsa, ett år utanför "
        "planerna. Kör `budgetbalans KOMMANDO --help` för att se vad kommandot tar. Slutstatus 2; "
        "se [Kommandona](planformat.md#kommandona).",
    ),
    "diff": (
        "Jämförelsen (`diff`)",
        "`diff` jämför två filer eller mappar, eller planerna vid en revision i git med arbetskopian "
        "(`--base`). Slutstatus 2; se [Kommandona](planformat.md#kommandona).",
    ),
    "git": (
        "Git (`diff --base`)",
        "`diff --base` läser de gamla planerna med git, utan att röra arbetskopian. Kommandot måste köras "
        "i förrådet där planerna ligger, och revisionen måste finnas där; i CI behövs hela historiken "
        "(`fetch-depth: 0`). Slutstatus 2.",
    ),
    "history": (
        "Uppföljningarnas historik (`follow-up --history`)",
        "`follow-up --history` läser planens tidigare versioner ur git; varje commit där `as_of` ändrats är "
        "en uppföljning. Se [Uppföljningarnas historik](historik.md).",
    ),
}

#: A longer explanation for a message whose wording does not say all a controller needs.
#: Keyed by code; every key must be a code in TEMPLATES (tests/test_docs.py checks it).
ADVICE: dict[str, str] = {
    "amount.thousands_dot": (
        "Svenska dokument skriver ofta tusental med punkt (3.250 = 3 250), engelska skriver decimaler "
        "så (3.250 = 3,25). Se efter i originaldokumentet vilket som menas, och skriv beloppet med "
        "mellanslag mellan tusentalen eller med decimalkomma."
    ),
    "plan.unknown_key": (
        "Nycklarna är engelska och stavas likadant i alla planer. Tabellen i "
        "[Nycklarna heter samma sak överallt](planformat.md#nycklarna-heter-samma-sak-överallt) visar "
        "vilken nyckel ett svenskt ord motsvarar."
    ),
    "plan.unknown_key.did_you_mean": (
        "Nycklarna är engelska och stavas likadant i alla planer; byt till nyckeln som föreslås. Se "
        "[Nycklarna heter samma sak överallt](planformat.md#nycklarna-heter-samma-sak-överallt)."
    ),
    "check.stated_total_mismatch": (
        "Jämför först raderna med originaldokumentet: ofta är en rad felskriven, har fel enhet eller "
        "saknas. Har planen reviderats sedan dokumentet (rader ändrade, tillagda eller borttagna), "
        "gäller dokumentets summor inte längre: ta bort `stated_totals` (och åtgärdernas `stated_total`). "
        "Stämmer raderna men dokumentets egen summa är fel, ändra inte summan utan skriv in "
        "felet med `known_difference`; se "
        "[Summorna i originaldokumentet](planformat.md#summorna-i-originaldokumentet)."
    ),
    "check.known_difference_stale": (
        "Raderna eller summan har ändrats så att felet i källdokumentet inte längre finns i planen. "
        "Ta bort `known_difference` (och `note`, om den förklarar felet)."
    ),
    "check.target_not_covered": (
        "Ges bara med `--fail-on-gap`. Planen underkänns när något är kvar att spara även om varje "
        "spann räknas med sitt högsta värde. Lägg till åtgärder, eller skriv ett spann snävare om du "
        "vet mer om effekten."
    ),
    "file.copy": (
        "Två filer med samma plan skulle räknas två gånger i summorna. Ta bort den fil som inte "
        "gäller (git har kvar dess historik), eller läs mapparna var för sig."
    ),
    "cli.internal_error": (
        "Inget du kan rätta i planen. Kör kommandot igen med `BUDGETBALANS_DEBUG=1` och skicka "
        "utskriften till den som förvaltar budgetbalans. Slutstatus 3."
    ),
}

#: Parts of other messages, by the start of their code: said once, instead of an explanation each.
#: Every prefix must start some code in TEMPLATES (tests/test_docs.py checks it).
PARTS: dict[str, str] = {
    "file.kind.": "En del av ett annat meddelande: sätts in som ‹slags fil› i `file.not_regular`.",
    "os.": "En del av ett annat meddelande: sätts in som ‹orsaken› i `file.unreadable`, "
           "`file.folder_unreadable` och `cli.cannot_write`.",
    "check.what.": "En del av ett annat meddelande: sätts in som ‹vilken summa› i "
                   "`check.stated_total_mismatch` och `check.known_difference_stale`.",
    "check.difference": "En del av ett annat meddelande: sätts in som ‹skillnaden› i "
                        "`check.stated_total_mismatch`.",
    "check.not_the_known_difference": "En del av ett annat meddelande: sätts in som ‹den kända "
                                      "skillnaden› i `check.stated_total_mismatch`.",
    "check.stated_key.": "En del av ett annat meddelande: sätts in som ‹nyckeln att ta bort› i "
                         "`check.stated_total_mismatch` när summan är en åtgärds.",
    "check.unbounded": "En del av andra meddelanden: står i stället för ett belopp som saknar övre "
                       "gräns (intervallklass 4), till exempel i `check.target_not_covered`.",
    "cli.or_list": "En del av andra meddelanden: den sista av flera möjligheter.",
    "import.file.kind.": "En del av ett annat meddelande: sätts in som ‹slags fil› i `import.file.not_tables`.",
    "import.xlsx.formula_more": "En del av ett annat meddelande: står sist i `import.xlsx.formula_no_value` "
                                "när fler än en formel saknar resultat.",
    "cli.help_hint": "Står under ett fel på kommandoraden.",
    "plan.this_value": "En del av andra meddelanden: står som ‹nyckeln› när värdet inte har någon "
                       "egen nyckel.",
}

#: How a value a message quotes is named in the reference, by the template's field name.
FIELDS: dict[str, str] = {
    "byte": "byten",
    "char": "tecknet",
    "character": "tecknet",
    "choices": "valen",
    "close": "slutklammern",
    "code": "teckenkoden",
    "column": "kolumn",
    "command": "kommandot",
    "computed": "radernas summa",
    "count": "antal",
    "date": "datumet",
    "decimal": "läsningen som decimaltal",
    "decimals": "antal decimaler",
    "depth": "antal nivåer",
    "detail": "detaljen",
    "difference": "skillnaden",
    "digits": "antal siffror",
    "error": "felet",
    "example": "exemplet",
    "file": "filen",
    "first": "den första",
    "fix": "det rätta skrivsättet",
    "format": "formatet",
    "formats": "formaten",
    "found": "tecknet som står där",
    "gap": "kvar att spara",
    "guess": "förslaget",
    "id": "id",
    "items": "alternativen",
    "key": "nyckeln",
    "kind": "slags fil",
    "known": "de kända nycklarna",
    "known_difference": "den kända skillnaden",
    "last": "den sista",
    "limit": "gränsen",
    "line": "radnummer",
    "name": "namnet",
    "next": "nästa",
    "open": "startklammern",
    "option": "flaggan",
    "path": "sökvägen",
    "period": "planens år",
    "plain": "det vanliga tecknet",
    "quote": "citattecknet",
    "range": "intervallet",
    "reason": "orsaken",
    "size": "storleken",
    "stated": "angiven summa",
    "statuses": "statusarna",
    "suffix": "tillägget",
    "suggestion": "förslaget",
    "system": "systemets besked",
    "tag": "taggen",
    "target": "sparbetinget",
    "text": "texten",
    "thousands": "läsningen som tusental",
    "title": "titeln",
    "unit": "enheten",
    "value": "värdet",
    "values": "värdena",
    "what": "nyckeln",
    "word": "ordet",
    "year": "året",
    "years": "åren",
}

#: Where one code names a value differently from the rest: (code, field) → name.
FIELDS_BY_CODE: dict[tuple[str, str], str] = {
    ("check.stated_total_mismatch", "what"): "vilken summa",
    ("check.stated_total_mismatch", "difference"): "skillnaden",
    ("check.stated_total_mismatch", "known"): "den kända skillnaden",
    ("check.stated_total_mismatch", "remove"): "nyckeln att ta bort",
    ("check.known_difference_stale", "what"): "vilken summa",
    ("check.target_not_covered", "gap"): "det som är kvar att spara",
    ("check.target_not_covered", "computed"): "åtgärdernas summa",
    ("file.not_regular", "kind"): "slags fil",
    ("plan.measure.twice", "first"): "den förstas id",
    ("import.xlsx.formula_no_value", "cell"): "cellen",
    ("import.xlsx.formula_no_value", "formula"): "formeln",
    ("import.xlsx.formula_no_value", "more"): "hur många formler som saknar resultat",
    ("import.xlsx.sheet_too_large", "sheet"): "bladet",
    ("import.xlsx.sheet_too_large", "first"): "första cellen",
    ("import.xlsx.sheet_too_large", "last"): "sista cellen",
}

def import_every_module() -> None:
    """Import every module of budgetbalans, so that every template is in TEMPLATES."""
    for module in pkgutil.walk_packages(budgetbalans.__path__, "budgetbalans."):
        if not module.name.endswith("__main__"):  # importing it would run the command line
            importlib.import_module(module.name)


def documented() -> list[Template]:
    """Every message a user can meet (not the stand-in for text without wordings yet, nor the labels:
    the words of the reports and the help are not messages)."""
    import_every_module()
    return [template for code, template in TEMPLATES.items() if template is not UNTRANSLATED and not is_label(code)]


def area_of(code: str) -> str:
    return code.split(".", 1)[0]


def readable(wording: str, code: str = "") -> str:
    """A template's wording with each ``{field}`` shown as ‹what it is›, the rest as written."""
    parts = []
    for literal, field, _spec, _conversion in string.Formatter().parse(wording):
        parts.append(literal)
        if field is not None:
            name = field.split(".", 1)[0].split("[", 1)[0]
            shown = FIELDS_BY_CODE.get((code, name)) or FIELDS.get(name) or name.replace("_", " ")
            parts.append(f"‹{shown}›")
    return "".join(parts)


def fenced(text: str, info: str = "text") -> list[str]:
    """A fenced code block that no backticks inside ``text`` can close early."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return [f"{fence}{info}", text, fence]


def code_span(text: str) -> str:
    """``text`` as inline code, shown exactly as written whatever backticks it holds."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    ticks = "`" * (longest + 1)
    padded = f" {text} " if text.startswith("`") or text.endswith("`") else text
    return f"{ticks}{padded}{ticks}"


def entry(template: Template) -> list[str]:
    lines = [f"### `{template.code}`", ""]
    lines += fenced(readable(template.sv, template.code))
    lines += ["", f"På engelska (`--lang en`): {code_span(readable(template.en, template.code))}"]
    part = next((about for prefix, about in PARTS.items() if template.code.startswith(prefix)), None)
    if part:
        lines += ["", part]
    advice = ADVICE.get(template.code)
    if advice:
        lines += ["", f"**Gör så här:** {advice}"]
    return [*lines, ""]


def ordered_areas(templates: list[Template]) -> list[str]:
    present = {area_of(template.code) for template in templates}
    return [area for area in AREAS if area in present] + sorted(present - set(AREAS))


def document() -> str:
    """The whole reference, as Markdown."""
    templates = sorted(documented(), key=lambda template: template.code)
    areas = ordered_areas(templates)
    lines = [
        "# Meddelanden från budgetbalans",
        "",
        f"<!-- Skapad av tools/messages_doc.py; ändra inte för hand. Skapa om: {REGENERATE} -->",
        "",
        "Här står varje meddelande som budgetbalans kan ge, ordnat efter område, med vad du gör åt "
        "det. Hur planfilen skrivs står i [Planfilen](planformat.md).",
        "",
        "Ett problem i en planfil visas som `fil:rad:kolumn: meddelande`, till exempel",
        "",
        *fenced("plans/omsorg-2025.yaml:14:5: okänd nyckel 'prognos' — menade du 'forecast'?"),
        "",
        "Rad och kolumn pekar ut var i filen felet sitter (de flesta redigerare hoppar dit); gäller "
        "felet hela filen eller mappen står bara `fil: meddelande`. Där det "
        "står ‹…› i meddelandena nedan sätter budgetbalans in något ur din fil: ett värde, en nyckel, "
        "ett år. Meddelandet säger för det mesta självt vad du ska skriva i stället. Varje meddelande "
        "har en fast kod (rubrikerna nedan) som är densamma på svenska och engelska; koden står i "
        "`check --format json` och är den som en CI-regel ska bygga på, inte texten.",
        "",
        "Med `--lang en` eller miljövariabeln `BUDGETBALANS_LANG=en` kommer meddelandena på engelska; "
        "den engelska lydelsen står under varje svensk.",
        "",
    ]
    if areas:
        lines += ["Områden: " + ", ".join(f"[{heading_of(area)}](#{slug(heading_of(area))})"
                                          for area in areas) + ".", ""]
    else:
        lines += ["*(Inga meddelanden har fått sina lydelser ännu.)*", ""]
    for area in areas:
        heading, about = AREAS.get(area, (area, ""))
        lines += [f"## {heading}", ""]
        lines += [about, ""] if about else []
        for template in templates:
            if area_of(template.code) == area:
                lines += entry(template)
    return "\n".join(lines).rstrip("\n") + "\n"


def heading_of(area: str) -> str:
    return AREAS.get(area, (area, ""))[0]


def slug(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def main() -> int:
    sys.stdout.buffer.write(document().encode("utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
