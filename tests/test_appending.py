"""Appending to canvass.csv reads what appending needs, not every visit: the household's own
rows (for FT517) and what would make the new row lost or torn (its bytes, its header, a quote
left open). A bad row of another household does not block a grid worker: check says where it is."""

from __future__ import annotations

import contextlib
import tempfile
from pathlib import Path
from unittest import mock

import pytest
from conftest import cli
from hypothesis import given, settings
from hypothesis import strategies as st
from test_canvass import canvass_workspace

from fourtwo.findings import Severity
from fourtwo.model.visitfile import for_appending, load_visits

HEADER = "household,opinion,by,date,channel,note\r\n"


def test_a_bad_row_of_another_household_does_not_block_recording_or_importing(tmp_path: Path) -> None:
    project = canvass_workspace(tmp_path)
    path = project / "canvass.csv"
    path.write_text(HEADER + "1-1-201,也许,w,2024-04-10,in_person,\r\n", encoding="utf-8")
    result = cli("canvass", "record", project, "1-1-101", "同意", "--date", "2024-04-11")
    assert result.exit_code == 0, result.output
    assert path.read_text(encoding="utf-8").splitlines()[-1] == "1-1-101,agree,,2024-04-11,in_person,"
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("户号,意见,日期,方式\n1-1-301,同意,2024-04-11,入户\n", encoding="utf-8")
    assert cli("canvass", "import", project, sheet).exit_code == 0
    checked = cli("check", tmp_path)
    assert checked.exit_code == 1 and "canvass.csv:2:2: error FT501" in checked.output  # the bad row is still said, where it is
    assert "1-1-301" in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("quoted", [False, True])  # without a quote, only the lines that can hold the household are read
@pytest.mark.parametrize("spelt", ["1-1-101", "1号楼-1单元-101室", "１-１-１０１", " 1-1-101"])
def test_a_later_contact_however_spelt_is_found(tmp_path: Path, spelt: str, quoted: bool) -> None:
    project = canvass_workspace(tmp_path)
    note = '"门口,有狗"' if quoted else ""
    (project / "canvass.csv").write_text(
        HEADER + f"1-1-201,同意,网格员101,2024-04-10,in_person,{note}\r\n{spelt},反对,w,2024-04-10,in_person,\r\n", encoding="utf-8"
    )
    result = cli("canvass", "record", project, "1-1-101", "同意", "--date", "2024-04-09")
    assert result.exit_code == 0 and "warning FT517" in result.stderr and "row 3" in result.stderr, result.output


@pytest.mark.parametrize("quoted", [False, True])
def test_a_voided_later_contact_is_not_one(tmp_path: Path, quoted: bool) -> None:
    project = canvass_workspace(tmp_path)
    note = '"写错,了"' if quoted else "写错了"
    (project / "canvass.csv").write_text(HEADER + f"1-1-101,反对,w,2024-04-10,in_person,\r\n1-1-101,作废,w,2024-04-10,,{note}\r\n", encoding="utf-8")
    result = cli("canvass", "record", project, "1-1-101", "同意", "--date", "2024-04-09")
    assert result.exit_code == 0 and "FT517" not in result.stderr, result.output


SPELLINGS = ["1-1-101", "'1-1-101", "1-1-101,", "1号楼-1单元-101室", "１-１-１０１", "1-1-101 ", "1-1-1010", "11-1-101", "1栋1单元101", "1-1-101室"]
NOTES = ["", "门口有狗", '"门口,有狗"', "网格员101", "1-1-101", "ａｇｒｅｅ", "\x1b[31m"]


@st.composite
def canvass_texts(draw: st.DrawFn) -> str:
    lines = [draw(st.sampled_from(["household,opinion,by,date,channel,note", "户号,意见,走访人,日期,方式,备注", "户号,日期", "household,opinion"]))]
    for _ in range(draw(st.integers(0, 10))):
        household = draw(st.sampled_from(SPELLINGS))
        opinion = draw(st.sampled_from(["agree", "反对", "作废", "也许", "ａｇｒｅｅ", "absent"]))
        date = draw(st.sampled_from(["2024-04-10", "2024-04-11", "2024/4/12", "昨天"]))
        lines.append(",".join([household, opinion, "w", date, draw(st.sampled_from(["", "电话", "飞鸽"])), draw(st.sampled_from(NOTES))]))
        if draw(st.integers(0, 9)) == 0:
            lines.append(draw(st.sampled_from(["", "  ", '1-1-101,agree,w,2024-04-10,,"开', "1-1-101\x00,agree,w,2024-04-10,,"])))
    return draw(st.sampled_from(["\r\n", "\n"])).join(lines) + draw(st.sampled_from(["\r\n", "\n", ""]))


@settings(max_examples=400, deadline=None)
@given(canvass_texts(), st.sampled_from(["1-1-101", "1-1-1010", "11-1-101"]))
def test_appending_reads_what_the_whole_file_reads_of_the_household(text: str, household: str) -> None:
    """The oracle: the household's visits and the errors that block appending are those of
    reading the whole file (less the rows of other households that are not visits)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "canvass.csv"
        path.write_text(text, encoding="utf-8")
        visits, findings = load_visits(path)
        plain = '"' not in text and "\x00" not in text and text.count("\r") == text.count("\r\n")
        with mock.patch("fourtwo.model.visitfile.load_visits", side_effect=AssertionError("read whole")) if plain else contextlib.nullcontext():
            mine, blocking = for_appending(path, Path(folder), household)  # a file without quotes: only the household's lines
        assert [tuple(v) for v in mine] == [tuple(v) for v in visits if v.household == household], text
        expected = [f for f in findings if f.severity is Severity.ERROR and f.code not in ("FT501", "FT022")]
        assert [(f.code, f.line) for f in blocking] == [(f.code, f.line) for f in expected], text
