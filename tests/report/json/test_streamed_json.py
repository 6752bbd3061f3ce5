"""Issue 26: summarize's JSON is written as it is made, each measure's record made only when it is written,
and the bytes are exactly those of the whole text dumped at once."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from budgetbalans import output
from budgetbalans.report.json.text import Each, Streamed, dumps


def test_each_item_is_made_only_when_it_is_written() -> None:
    made: list[int] = []

    def record(number: int) -> dict[str, int]:
        made.append(number)
        return {"n": number}

    chunks: list[bytes] = []
    Streamed({"measures": Each([1, 2, 3], record)}).write_to(chunks.append)
    assert made == [1, 2, 3]
    # one chunk after each of the three records, and the closing bracket, brace and line break: the text is
    # never held whole
    assert len(chunks) == 4
    assert chunks[0] == b'{\n  "measures": [\n    {\n      "n": 1\n    }'


def test_the_bytes_are_those_of_the_whole_text_dumped_at_once() -> None:
    document = {"title": "Åtgärdsplan 2025–2027", "amount": Decimal("1234.5"), "none": None, "flag": True,
                "measures": Each(["a", "b\u202e"], lambda word: {"word": word, "years": [2025, 2026]}),
                "empty": Each([], str), "plans": []}
    whole = dumps({**document, "measures": [{"word": w, "years": [2025, 2026]} for w in ("a", "b\u202e")],
                   "empty": []})
    assert bytes(Streamed(document)) == (whole + "\n").encode("utf-8")
    assert "\\u202e" in whole  # the bidi control escaped, in the streamed text as in the whole one
    assert '"empty": []' in whole


def test_a_streamed_report_is_written_whole_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "rapport.json"
    target.write_text("old")
    output.to_path(target, Streamed({"measures": Each(range(3), lambda n: {"id": str(n)})}))
    assert target.read_text(encoding="utf-8") == dumps({"measures": [{"id": "0"}, {"id": "1"}, {"id": "2"}]}) + "\n"


def test_a_report_that_fails_while_written_leaves_the_file_it_was_to_replace(tmp_path: Path) -> None:
    target = tmp_path / "rapport.json"
    target.write_text("the report of yesterday")

    def broken(number: int) -> dict[str, int]:
        if number == 2:
            raise RuntimeError("a bug while writing")
        return {"n": number}

    try:
        output.to_path(target, Streamed({"measures": Each([1, 2], broken)}))
    except RuntimeError:
        pass
    assert target.read_text() == "the report of yesterday"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["rapport.json"]  # no temporary file left
