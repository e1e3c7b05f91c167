"""The door-to-door form prints whole on A4: every column's text inside its cell and the
page, at 9pt or more, a phone number never broken, every tick box (□未遇, □书面, □代录) shown."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import WORKSPACE_YAML, cli, write_tree
from test_canvass import REVIEWS

weasyprint = pytest.importorskip("weasyprint")
from weasyprint.formatting_structure.boxes import TextBox  # noqa: E402  (only once weasyprint is known to be there)

PHONES = ["13800138001", "0571-88886666-8012", "+86 139 0013 9002", "13800138003/13700137004", "13800138005 0571-88886667"]
WHOLE = ["13800138001", "0571-88886666-8012", "+86 139 0013 9002", "13800138003", "13700137004", "13800138005", "0571-88886667"]
ODD = "13800138008转分机号码请见备注栏里写的内容"  # not a number a form can keep on one line: it wraps inside its cell
# Long cells of the kinds a register holds: a long name, a lettered building, a room with a suffix.
ROWS = [
    ("3", "1", "501", "阿卜杜热合曼·买买提", PHONES[0]),
    ("3", "1", "502", "欧阳明远", PHONES[1]),
    ("东区12", "2", "1502A", "司马相如", PHONES[2]),
    ("3", "1", "503", "王二", PHONES[3]),
    ("3", "1", "504", "李四", PHONES[4]),
    ("3", "1", "505", "张三", ODD),
] + [("3", "2", str(600 + i), f"户主{i}", f"1380013{i:04d}") for i in range(4)]


def _boxes(box: Any) -> Any:
    yield box
    for child in getattr(box, "children", []) or []:
        yield from _boxes(child)


def _sheet(tmp_path: Path) -> Path:
    rows = "".join(",".join(row) + "\n" for row in ROWS)
    project = "id: p\ntitle: 活动场地\nhouseholds:\n  register: households/r.csv\nsteps:\n" + REVIEWS
    files = {"fourtwo.yaml": WORKSPACE_YAML, "households/r.csv": "楼号,单元号,门牌号,户主,手机号码\n" + rows, "projects/p/project.yaml": project}
    write_tree(tmp_path, files)
    out = tmp_path / "out"
    result = cli("canvass", "sheet", tmp_path / "projects/p", "--worker", "欧阳娜娜娜", "--out", out)
    assert result.exit_code == 0, result.output
    return next(out.glob("*.html"))


def test_every_cell_of_the_canvass_sheet_is_inside_its_cell_and_the_a4_page(tmp_path: Path) -> None:
    document = weasyprint.HTML(filename=str(_sheet(tmp_path))).render()
    texts: list[str] = []
    cells = 0
    for page in document.pages:
        root = page._page_box
        assert {round(root.margin_width()), round(root.margin_height())} == {794, 1123}  # A4 at 96 px to the inch
        left = root.margin_left + root.padding_left
        right = root.margin_width() - root.margin_right - root.padding_right  # the page's content edge
        for box in _boxes(root):
            if box.element_tag not in ("td", "th"):
                continue
            cells += 1
            edge = box.position_x + box.margin_width()
            assert left - 0.5 <= box.position_x and edge <= right + 0.5, (box.element_tag, box.position_x, edge, left, right)
            inner = [b for b in _boxes(box) if isinstance(b, TextBox)]
            if "opinion" in (box.element.get("class") or ""):
                assert len({round(t.position_y) for t in inner}) == 1, "the four tick boxes are not on one line"
            for text in inner:
                texts.append(text.text)
                inside = box.position_x - 0.5 <= text.position_x and text.position_x + text.margin_width() <= edge + 0.5
                assert inside, f"{text.text!r} runs out of its cell"
                assert text.style["font_size"] >= 12 - 0.01, f"{text.text!r} is set below 9pt"  # 9pt = 12px
    assert cells >= 11 * 10  # the header and ten households, ten columns each
    assert ODD in "".join(texts)  # wrapped, not cut
    for number in [*WHOLE, "□未遇", "□书面", "□代录", "欧阳娜娜娜"]:
        assert any(number in t for t in texts), f"{number} is broken or missing"
