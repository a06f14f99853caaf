"""Text tables align by display width: Chinese names take two columns a character."""

from __future__ import annotations

from policygraph.texttable import clip, pad, render_rows, width


def test_chinese_cells_line_up() -> None:
    lines = render_rows([("name", "role"), ("贺青", "chair"), ("He Qing", "chair")])
    second = [
        width(line[: line.rindex(word)])
        for line, word in zip(lines, ("role", "chair", "chair"), strict=True)
    ]
    assert second == [9, 9, 9]  # seven columns for the widest name, then two spaces
    assert lines[1] == "贺青     chair"  # four columns of Han characters, three spaces, two


def test_pad_and_clip_count_columns() -> None:
    assert pad("稳定币", 8) == "稳定币  " and pad("x", 3, right=True) == "  x"
    assert clip("上海市国资委", 5) == "上海" and clip("abc", 5) == "abc"
