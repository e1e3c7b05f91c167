"""A notice's tables stay inside the A4 page whatever their cells hold: 未记录 in the narrow
反对/弃权 columns, large counts with their shares, long names without a break."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES, cli

weasyprint = pytest.importorskip("weasyprint")


def _boxes(box: Any) -> Any:
    yield box
    for child in getattr(box, "children", []) or []:
        yield from _boxes(child)


def test_a_table_with_long_cells_stays_inside_the_page(tmp_path: Path) -> None:
    ws = tmp_path / "taqiao"
    shutil.copytree(EXAMPLES / "taqiao", ws)
    project = ws / "projects/2024-taqiao-lane-hardening"
    text = (project / "project.yaml").read_text(encoding="utf-8")
    counts = "    members: 46\n    present: 37\n    for: 35\n    against: 0\n    abstain: 2\n"
    assert counts in text
    text = text.replace(counts, "    members: 46\n    present: 37\n    for: 35\n")  # 反对、弃权 未记录
    (project / "project.yaml").write_text(text, encoding="utf-8")
    assert cli("publish", project, "--date", "2024-03-26", "--format", "html").exit_code == 0
    html = next((project / "notices").glob("*.html"))
    document = weasyprint.HTML(filename=str(html)).render()
    for page in document.pages:
        root = page._page_box
        right = root.margin_width() - root.margin_right - root.padding_right  # the page's content edge
        for box in _boxes(root):
            if box.element_tag in ("td", "th", "table"):
                assert box.position_x + box.margin_width() <= right + 0.5, (box.element_tag, box.position_x + box.margin_width(), right)
            for child in getattr(box, "children", []) or []:
                if box.element_tag == "td" and hasattr(child, "width") and hasattr(child, "position_x"):
                    assert child.position_x + child.margin_width() <= box.position_x + box.margin_width() + 0.5, "text runs out of its cell"
