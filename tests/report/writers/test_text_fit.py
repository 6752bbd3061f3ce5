"""Text fitted where the writers place it: a chart label wrapped to its room (svg.wrap), a cell's lines in a
workbook column (xlsx.wrapped_lines), at the edges where a line is just full."""

from __future__ import annotations

from budgetbalans.report.writers import svg
from budgetbalans.report.writers.xlsx import wrapped_lines

# the charts' font is 11 pt: a lower-case letter 0,68 em = 7,48, a blank 0,45 em = 4,95; bold 1,15 times as wide


def test_a_label_wraps_where_the_next_word_would_pass_its_room() -> None:
    # "ab cd": 4 × 7,48 + 4,95 = 34,87
    assert svg.wrap("ab cd", room=35.0) == ("ab cd",)
    assert svg.wrap("ab cd", room=34.8) == ("ab", "cd")
    # bold: 34,87 × 1,15 = 40,10
    assert svg.wrap("ab cd", room=40.2, bold=True) == ("ab cd",)
    assert svg.wrap("ab cd", room=40.0, bold=True) == ("ab", "cd")


def test_a_word_longer_than_the_room_is_cut_where_it_fits() -> None:
    # 4 letters: 29,92 fits in 30; 5: 37,40 does not
    assert svg.wrap("abcdefgh", room=30.0, lines=3) == ("abcd", "efgh")
    # the last line shortened with "…" (1,05 em = 11,55): "ab" (14,96) fits in 30 − 11,55 = 18,45, "abc" (22,44) does not
    assert svg.wrap("abcdefgh ijkl", room=30.0, lines=1) == ("ab…",)


def test_a_cell_just_as_long_as_its_column_is_one_line() -> None:
    assert wrapped_lines("abc def", 7.0) == 1       # 7 characters in 7
    assert wrapped_lines("abc defg", 7.0) == 2      # 8: "defg" goes on a second line
    assert wrapped_lines("abc\ndef", 12.0) == 2     # a line break is a line, however short
    assert wrapped_lines("abcdefghij", 4.0) == 3    # a word longer than a line: 4 + 4 + 2
    assert wrapped_lines("", 4.0) == 1
