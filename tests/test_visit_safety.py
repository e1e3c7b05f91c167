"""Issue 13: no visit canvass.csv shows is lost without a finding, and nothing is appended
to a file that does not read cleanly (quotes, headers, encodings)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import cli
from hypothesis import given, settings
from hypothesis import strategies as st
from test_canvass import canvass_workspace

from fourtwo.model.visitfile import load_visits

HEADER = "household,opinion,by,date,channel,note\r\n"


def rows(*households: str) -> str:
    return "".join(f"{h},agree,w,2024-04-10,in_person,\r\n" for h in households)


def record(project: Path, household: str) -> object:
    return cli("canvass", "record", project, household, "同意", "--by", "w", "--date", "2024-04-11")


@pytest.mark.parametrize(
    "broken",
    [
        '1-1-201,agree,w,2024-04-10,in_person,"门口有狗\r\n',  # on the last line
        '1-1-201,agree,w,2024-04-10,in_person,"门口有狗',  # the last line, no line end
        '1-1-201,agree,w,2024-04-10,in_person,"门口有狗\r\n' + rows("1-1-301", "1-1-401") + '1-1-501,agree,w,2024-04-10,in_person,"有"\r\n',
    ],
)
def test_an_unclosed_quote_is_located_and_blocks_appending(tmp_path: Path, broken: str) -> None:
    project = canvass_workspace(tmp_path)
    path = project / "canvass.csv"
    path.write_bytes(("\ufeff" + HEADER + rows("1-1-101") + broken).encode())
    before = path.read_bytes()
    _, findings = load_visits(path)
    assert [(f.code, f.line) for f in findings if f.code == "FT511"] == [("FT511", 3)]
    result = cli("check", tmp_path)
    assert result.exit_code == 1 and "canvass.csv:3:1: error FT511" in result.output
    result = record(project, "2-1-101")
    assert result.exit_code == 2 and "FT511" in result.stderr and "FT514" in result.stderr, result.output
    assert path.read_bytes() == before  # nothing appended after a broken file


def test_a_multiline_note_without_swallowed_rows_still_reads(tmp_path: Path) -> None:
    project = canvass_workspace(tmp_path)
    path = project / "canvass.csv"
    path.write_bytes((HEADER + '1-1-101,agree,w,2024-04-10,in_person,"两行\r\n备注"\r\n').encode())
    visits, findings = load_visits(path)
    assert [v.household for v in visits] == ["1-1-101"] and not findings
    assert record(project, "1-1-201").exit_code == 0


@pytest.mark.parametrize(
    "header",
    [
        "红梅园入户意见表\r\n" + HEADER,  # a title above the header
        "Household ID,Opinion,By,Date,Channel,Note\r\n",  # words the reader does not know
        "hh,opinion,by,date,channel,note\r\n",
    ],
)
def test_a_header_that_cannot_be_mapped_refuses_record_and_import(tmp_path: Path, header: str) -> None:
    project = canvass_workspace(tmp_path)
    path = project / "canvass.csv"
    path.write_bytes((header + rows("1-1-101")).encode())
    before = path.read_bytes()
    assert record(project, "1-1-201").exit_code == 2
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("户号,意见,日期,方式\n1-1-301,同意,2024-04-11,入户\n", encoding="utf-8")
    result = cli("canvass", "import", project, sheet)
    assert result.exit_code == 2 and "FT514" in result.stderr
    assert path.read_bytes() == before
    assert cli("check", tmp_path).exit_code == 1


@pytest.mark.parametrize("header", ["household,opinion,worker,date,channel,note\r\n", "household,opinion,date\r\n"])
def test_a_header_that_would_drop_a_value_refuses(tmp_path: Path, header: str) -> None:
    project = canvass_workspace(tmp_path)
    path = project / "canvass.csv"
    cells = {"household": "1-1-101", "opinion": "agree", "worker": "w", "date": "2024-04-10", "channel": "", "note": ""}
    path.write_bytes((header + ",".join(cells[h] for h in header.strip().split(",")) + "\r\n").encode())
    before = path.read_bytes()
    result = record(project, "1-1-201")  # --by w has no column to go to
    assert result.exit_code == 2 and "FT513" in result.stderr, result.output
    assert path.read_bytes() == before


def test_an_unknown_column_is_a_warning(tmp_path: Path) -> None:
    project = canvass_workspace(tmp_path)
    (project / "canvass.csv").write_text("household,opinion,worker,date\n1-1-101,agree,w,2024-04-10\n", encoding="utf-8")
    result = cli("check", tmp_path)
    assert "canvass.csv:1:3: warning FT512" in result.output and "worker" in result.output


@pytest.mark.parametrize("cut", [1, 2])
def test_a_torn_utf8_character_is_not_read_as_gb18030_and_blocks_appending(tmp_path: Path, cut: int) -> None:
    project = canvass_workspace(tmp_path)
    path = project / "canvass.csv"
    data = (HEADER + "1-1-101,agree,w,2024-04-10,in_person,门口有狗\r\n1-1-201,agree,w,2024-04-10,in_person,备注").encode()
    path.write_bytes(data[:-cut])  # a write cut in the middle of 注
    before = path.read_bytes()
    _visits, findings = load_visits(path)
    assert [f.code for f in findings] == ["FT002"] and "cut off" in findings[0].message
    result = record(project, "1-1-301")
    assert result.exit_code == 2 and "FT002" in result.stderr and "FT514" in result.stderr
    assert path.read_bytes() == before


def test_a_gb18030_canvass_file_is_appended_in_gb18030(tmp_path: Path) -> None:
    project = canvass_workspace(tmp_path)
    path = project / "canvass.csv"
    path.write_bytes("户号,意见,记录人,日期,方式,备注\r\n1-1-101,同意,王五,2024-04-10,入户,门口有狗\r\n".encode("gb18030"))
    assert record(project, "1-1-201").exit_code == 0
    visits, findings = load_visits(path)
    assert [v.household for v in visits] == ["1-1-101", "1-1-201"] and not findings


# The property: hand-edited canvass files (headers, quotes, encodings, blank and partial
# lines); every row the file shows as a visit is read, or a finding explains why not.
HEADERS = {
    "english": ["household", "opinion", "by", "date", "channel", "note"],
    "chinese": ["户号", "意见", "记录人", "日期", "方式", "备注"],
    "reordered": ["意见（在□内打√）", "户号", "日期", "记录人", "方式", "备注"],
    "unknown": ["Household ID", "Opinion", "By", "Date", "Channel", "Note"],
    "extra": ["household", "opinion", "worker", "date", "channel", "note"],
}
FIELDS = ("household", "opinion", "by", "date", "channel", "note")
NOTES = ["", "门口有狗", '"a,b"', '"say ""hi"""', '"两行\n备注"', "note"]
BROKEN = ['"门口有狗', '"a,b', 'x"y', '"a"b']


def _line(header: str, cells: dict[str, str]) -> str:
    order = {"reordered": [1, 0, 3, 2, 4, 5]}.get(header, list(range(6)))
    return ",".join(cells[FIELDS[i]] for i in order)


@st.composite
def canvass_files(draw: st.DrawFn) -> tuple[bytes, dict[int, str], str]:
    """The file's bytes, the line of each row it plainly shows as a visit (with its household), its header kind."""
    header = draw(st.sampled_from(sorted(HEADERS)))
    title = draw(st.booleans())
    ending = draw(st.sampled_from(["\r\n", "\n"]))
    lines = ([draw(st.sampled_from(["红梅园入户意见表", "表一,,,,,"]))] if title else []) + [",".join(HEADERS[header])]
    shown: dict[int, str] = {}
    for n in range(draw(st.integers(0, 8))):
        kind = draw(st.sampled_from(["visit", "visit", "visit", "blank", "space", "partial", "broken"]))
        household = f"1-1-{n + 1}01"
        cells = {
            "household": household,
            "opinion": draw(st.sampled_from(["agree", "同意", "absent", "反对"])),
            "by": draw(st.sampled_from(["", "王五"])),
            "date": draw(st.sampled_from(["2024-04-10", "2024/4/10", "2024年4月11日"])),
            "channel": draw(st.sampled_from(["", "in_person", "电话"])),
            "note": draw(st.sampled_from(NOTES)),
        }
        text = _line(header, cells)
        if kind == "visit":
            shown[len(lines) + 1] = household
            lines += text.split("\n")
        elif kind == "blank":
            lines.append("")
        elif kind == "space":
            lines.append("  ")
        elif kind == "partial":
            lines.append(text.split("\n")[0][: draw(st.integers(0, 20))])
        else:
            cells["note"] = draw(st.sampled_from(BROKEN))
            lines.append(_line(header, cells))
    body = ending.join(lines) + draw(st.sampled_from([ending, ""]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "torn"]))
    data = body.encode("utf-8-sig" if encoding == "utf-8-sig" else "utf-8" if encoding == "torn" else encoding)
    if encoding == "torn":
        data = data.rstrip(b"\r\n") + "注".encode()[:2]
    return data, shown, header


@settings(max_examples=300, deadline=None)
@given(canvass_files())
def test_no_visit_the_file_shows_is_lost_without_a_finding(case: tuple[bytes, dict[int, str], str]) -> None:
    import tempfile

    data, shown, _ = case
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "canvass.csv"
        path.write_bytes(data)
        visits, findings = load_visits(path)
        read = {v.row: v.household for v in visits}
        errors = [f for f in findings if f.severity.value == "error"]
        whole_file = {"FT001", "FT002", "FT502"}
        for line, household in shown.items():
            explained = any(f.code in whole_file or (f.code in ("FT511", "FT307") and f.line <= line) for f in errors)
            assert read.get(line) == household or explained, (line, household, data, findings)
        if errors:
            return
        # a file that reads cleanly takes a new row and keeps every visit it had
        from fourtwo.files.canvasscsv import append_rows, row_text
        from fourtwo.findings.errors import InputError

        try:
            append_rows(path, [row_text("9-9-901", "agree", "", dt.date(2024, 4, 12), "in_person", "")])
        except InputError as exc:
            assert exc.diagnostic.code == "FT513"
            assert path.read_bytes() == data
            return
        after, again = load_visits(path)
        assert [(v.row, v.household) for v in after][: len(visits)] == [(v.row, v.household) for v in visits]
        assert after[-1].household == "9-9-901" and not [f for f in again if f.severity.value == "error"]
