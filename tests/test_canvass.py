"""Household visits and coverage: exact at the boundary, idempotent, never torn."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from pathlib import Path

import pytest
from conftest import WORKSPACE_YAML, cli, write_tree

from fourtwo.canvass.coverage import compute
from fourtwo.model.household import Household, Register
from fourtwo.model.shares import honest_percent, percent
from fourtwo.model.visit import Visit

REVIEWS = """\
  - {step: branch, date: 2024-03-01, members: 5, present: 5, for: 5}
  - {step: committee, date: 2024-03-02, members: 7, present: 7, for: 7}
"""


def register(n: int) -> Register:
    reg = Register(Path("r.csv"))
    reg.households = [Household(f"1-1-{i}", "1", "1", str(i), "", "", None, "", i + 1) for i in range(n)]
    return reg


def visits(n: int, opinion: str = "agree", start: int = 0) -> list[Visit]:
    return [Visit(f"1-1-{i}", opinion, "w", dt.date(2024, 4, 1), "in_person", "", i + 2) for i in range(start, start + n)]


@pytest.mark.parametrize(
    ("total", "visited", "ok"), [(200, 159, False), (200, 160, True), (200, 161, True), (216, 172, False), (216, 173, True), (216, 174, True)]
)
def test_coverage_boundary(total: int, visited: int, ok: bool) -> None:
    cov = compute(register(total), None, visits(visited), Fraction(4, 5))
    assert (cov.visited, cov.total, cov.reached) == (visited, total, ok)
    assert cov.needed == {200: 160, 216: 173}[total]


def test_absent_rows_never_count_nor_undo_a_contact() -> None:
    rows = visits(159) + visits(41, "absent", start=159) + [Visit("1-1-0", "absent", "w", dt.date(2024, 4, 2), "in_person", "", 999)]
    cov = compute(register(200), None, rows, Fraction(4, 5))
    assert (cov.visited, cov.attempted_only, cov.reached) == (159, 41, False)
    assert cov.opinions["agree"] == 159


def test_the_latest_contact_gives_the_opinion() -> None:
    rows = [*visits(1, "oppose"), Visit("1-1-0", "agree", "w", dt.date(2024, 4, 3), "phone", "", 10)]
    cov = compute(register(1), None, rows, None)
    assert cov.opinions == {"agree": 1} and cov.by_channel["phone"].visited == 1


def test_an_empty_register_never_passes() -> None:
    cov = compute(register(0), None, [], Fraction(4, 5))
    assert cov.total == 0 and not cov.reached


def test_percent_rounds_half_up_but_never_up_to_the_threshold() -> None:
    assert percent(173, 216) == "80.1%" and percent(28, 36) == "77.8%" and percent(1, 8) == "12.5%"
    assert percent(3999, 5000) == "80.0%"  # plain rounding would show a short share as reaching 80%...
    assert honest_percent(3999, 5000, Fraction(4, 5)) == "79.98%"  # ...so coverage shows enough digits
    assert honest_percent(39999, 50000, Fraction(4, 5)) == "79.998%"
    assert honest_percent(160, 200, Fraction(4, 5)) == "80.0%" and honest_percent(0, 0, Fraction(4, 5)) == "—"


def canvass_workspace(root: Path, households: int = 10, extra: str = "") -> Path:
    rows = "".join(f"{b},1,{r}01,户主{b}{r},1380000{b:02d}{r:02d},80,\n" for b in range(1, 3) for r in range(1, households // 2 + 1))
    project = "id: p\ntitle: 活动场地\nhouseholds:\n  register: households/r.csv\n" + extra + "steps:\n" + REVIEWS
    write_tree(
        root, {"fourtwo.yaml": WORKSPACE_YAML, "households/r.csv": "楼栋,单元,房号,户主,联系电话,建筑面积,状态\n" + rows, "projects/p/project.yaml": project}
    )
    return root / "projects/p"


def test_record_appends_a_row_with_bom_and_refuses_strangers(tmp_path: Path) -> None:
    project = canvass_workspace(tmp_path)
    result = cli("canvass", "record", project, "1-1-101", "同意", "--by", "马芷依", "--date", "2024-04-15", "--channel", "电话")
    assert result.exit_code == 0, result.output
    data = (project / "canvass.csv").read_bytes()
    assert data == "\ufeffhousehold,opinion,by,date,channel,note\r\n1-1-101,agree,马芷依,2024-04-15,phone,\r\n".encode()
    stranger = cli("canvass", "record", project, "1-1-110", "agree", "--date", "2024-04-15")
    assert stranger.exit_code == 2 and "FT507" in stranger.stderr and "1-1-101" in stranger.stderr
    bad = cli("canvass", "record", project, "1-1-101", "maybe")
    assert bad.exit_code == 2 and (project / "canvass.csv").read_bytes() == data


def test_record_refuses_before_the_reviews_and_after_the_resolution(tmp_path: Path) -> None:
    project = canvass_workspace(tmp_path)
    text = (project / "project.yaml").read_text(encoding="utf-8")
    (project / "project.yaml").write_text(text.replace(REVIEWS, REVIEWS.splitlines()[0] + "\n"), encoding="utf-8")
    early = cli("canvass", "record", project, "1-1-101", "agree", "--date", "2024-04-15")
    assert early.exit_code == 1 and "FT405" in early.stderr and not (project / "canvass.csv").exists()


def test_coverage_command_exit_codes_and_json(tmp_path: Path) -> None:
    import json

    project = canvass_workspace(tmp_path, households=10)
    for room in ("1-1-101", "1-1-201", "1-1-301", "1-1-401", "1-1-501", "2-1-101", "2-1-201"):
        assert cli("canvass", "record", project, room, "agree", "--date", "2024-04-15").exit_code == 0
    cli("canvass", "record", project, "2-1-301", "absent", "--date", "2024-04-15")
    short = cli("canvass", "coverage", project, "--missing")
    assert short.exit_code == 1
    assert "visited     7 of 10 = 70.0% (exactly 7/10)" in short.stdout
    assert "at least 80% = 8 households: NOT reached: 1 more needed" in short.stdout
    assert "2-1-301" in short.stdout.split("still to visit (3):")[1]
    # A proxy's word is recorded and shown, but 入户率 counts visits at home only.
    assert cli("canvass", "record", project, "2-1-301", "oppose", "--date", "2024-04-16", "--channel", "proxy").exit_code == 0
    data = json.loads(cli("canvass", "coverage", project, "--format", "json").stdout)
    assert not data["reached"] and data["visited"] == 7 and data["households_by_channel"] == {"in_person": 7, "proxy": 1}
    assert data["heard_only_through_channels_not_counted"] == 1
    assert cli("canvass", "record", project, "2-1-301", "oppose", "--date", "2024-04-17").exit_code == 0
    data = json.loads(cli("canvass", "coverage", project, "--format", "json").stdout)
    assert data["reached"] and data["visited"] == 8 and data["threshold"]["households_needed"] == 8
    assert data["by_channel"]["in_person"]["visited"] == 8 and data["opinions"] == {"agree": 7, "oppose": 1, "abstain": 0}


def test_assembly_is_refused_while_coverage_is_short(tmp_path: Path) -> None:
    project = canvass_workspace(tmp_path)
    cli("canvass", "record", project, "1-1-101", "agree", "--date", "2024-04-15")
    refused = cli("review", "assembly", project, "--members", "30", "--present", "25", "--for", "20", "--date", "2024-04-20")
    assert refused.exit_code == 1
    assert "FT503 'assembly' needs the canvass done first: visited 1 of 10 households (10.0%), below 80%" in refused.stderr
    assert "visit 7 more households to reach 8" in refused.stderr


def test_sheet_roundtrip_import_is_idempotent(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    project = canvass_workspace(tmp_path, households=10)
    written = cli("canvass", "sheet", project, "--out", tmp_path / "out")
    assert written.exit_code == 0, written.output
    html = (tmp_path / "out/canvass-p.html").read_text(encoding="utf-8")
    assert "内部资料" in html and "户主11" in html and "1号楼 1单元" in html
    book = load_workbook(tmp_path / "out/canvass-p.xlsx")
    sheet = book.active
    assert [c.value for c in sheet[3]][:7] == ["楼栋", "单元", "房号", "户号", "户主", "联系电话", "意见"]
    for row in sheet.iter_rows(min_row=4, max_row=11):
        row[6].value, row[8].value, row[9].value, row[10].value = "同意", "2024-04-16", "网格员甲", "入户"
    book.save(tmp_path / "filled.xlsx")
    first = cli("canvass", "import", project, tmp_path / "filled.xlsx")
    assert first.exit_code == 0 and "added 8 visits; 0 already recorded; 2 rows without an opinion skipped" in first.stdout
    before = (project / "canvass.csv").read_bytes()
    second = cli("canvass", "import", project, tmp_path / "filled.xlsx")
    assert second.exit_code == 0 and "added 0 visits; 8 already recorded" in second.stdout
    assert (project / "canvass.csv").read_bytes() == before
    assert cli("canvass", "coverage", project).exit_code == 0


def test_import_is_all_or_nothing_unless_partial(tmp_path: Path) -> None:
    project = canvass_workspace(tmp_path)
    sheet = tmp_path / "visits.csv"
    sheet.write_text(
        "户号,意见,日期,网格员\n1-1-101,同意,2024-04-16,甲\n1-1-999,同意,2024-04-16,甲\n1-1-201,也许,2024-04-16,甲\n1-1-301,反对,2024-02-30,甲\n1-1-401,弃权,2024-04-16,甲\n",
        encoding="gb18030",
    )
    refused = cli("canvass", "import", project, sheet, "--channel", "入户")
    assert refused.exit_code == 1 and not (project / "canvass.csv").exists()
    rows = [line.split(":")[1] for line in refused.stdout.splitlines() if " FT50" in line]
    assert rows == ["3", "4", "5"]
    assert "nothing imported: 3 bad rows" in refused.stdout
    taken = cli("canvass", "import", project, sheet, "--partial", "--channel", "入户")
    assert taken.exit_code == 1 and "added 2 visits" in taken.stdout
    assert (project / "canvass.csv").read_text(encoding="utf-8-sig").count("\n") == 3


def test_check_reports_bad_visit_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = canvass_workspace(tmp_path)
    (project / "canvass.csv").write_text(
        "\ufeffhousehold,opinion,by,date,channel,note\n1-1-101,agree,甲,2024-04-16,in_person,\n9-9-9,agree,甲,2024-04-16,,\n"
        "1-1-201,agree,甲,2024-02-01,,\n1-1-301,agree,甲,2024-13-01,,\n1-1-401,agree,甲,2024-04-16,fax,\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    result = cli("check")
    assert result.exit_code == 1
    found = [line.split(": error ")[0] + " " + line.split(": error ")[1][:5] for line in result.stdout.splitlines() if ": error " in line]
    assert found == [
        "projects/p/canvass.csv:3:1 FT509",
        "projects/p/canvass.csv:4:1 FT510",
        "projects/p/canvass.csv:5:4 FT501",
        "projects/p/canvass.csv:6:5 FT501",  # the cell at fault: the date, the channel
    ]


def test_four_processes_recording_500_households_each_leave_2000_rows(tmp_path: Path) -> None:
    import subprocess
    import sys

    project = canvass_workspace(tmp_path, households=2000)
    script = (
        "import sys, datetime\n"
        "from pathlib import Path\n"
        "from fourtwo.canvass.record import record_visit\n"
        "worker = int(sys.argv[2])\n"
        "for i in range(500):\n"
        "    n = worker * 500 + i\n"
        "    b, r = n // 1000 + 1, n % 1000 + 1\n"
        "    record_visit(Path(sys.argv[1]), f'{b}-1-{r}01', 'agree', f'w{worker}', datetime.date(2024, 4, 16), 'in_person', '')\n"
    )
    procs = [subprocess.Popen([sys.executable, "-c", script, str(project), str(w)]) for w in range(4)]
    assert [p.wait(timeout=240) for p in procs] == [0, 0, 0, 0]
    lines = (project / "canvass.csv").read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "household,opinion,by,date,channel,note" and len(lines) == 2001
    assert len({line.split(",")[0] for line in lines[1:]}) == 2000
    assert all(len(line.split(",")) == 6 for line in lines[1:])
    assert cli("canvass", "coverage", project).exit_code == 0


def test_import_reports_progress_to_the_caller(tmp_path: Path) -> None:
    from fourtwo.canvass.importing import import_visits

    project = canvass_workspace(tmp_path)
    sheet = tmp_path / "v.csv"
    sheet.write_text("household,opinion,date\n" + "".join(f"1-1-{r}01,agree,2024-04-16\n" for r in range(1, 6)), encoding="utf-8")
    calls: list[tuple[int, int]] = []
    result = import_visits(project, sheet, partial=False, progress=lambda done, total: calls.append((done, total)), channel="in_person")
    assert result.added == 5 and calls[0] == (0, 0) and calls[-1] == (5, 5)  # streamed: the total is known at the end


def test_record_keeps_a_reordered_chinese_header(tmp_path: Path) -> None:
    project = canvass_workspace(tmp_path)
    (project / "canvass.csv").write_text("\ufeff户号,日期,意见,网格员\r\n1-1-101,2024-04-15,同意,甲\r\n", encoding="utf-8")
    assert cli("canvass", "record", project, "1-1-201", "反对", "--by", "乙", "--date", "2024-04-16").exit_code == 0
    assert (project / "canvass.csv").read_text(encoding="utf-8-sig").splitlines()[-1] == "1-1-201,2024-04-16,反对,乙"  # a Chinese header takes Chinese words
    assert cli("check", project).exit_code == 0


def test_visits_outside_the_window_are_refused_or_not_counted(tmp_path: Path) -> None:
    project = canvass_workspace(tmp_path)
    early = cli("canvass", "record", project, "1-1-101", "agree", "--date", "2024-02-01")
    assert early.exit_code == 1 and "FT407" in early.stderr
    (project / "canvass.csv").write_text(
        "household,opinion,by,date,channel,note\n"
        + "".join(f"1-1-{r}01,agree,甲,2024-04-16,,\n" for r in range(1, 6))
        + "2-1-101,agree,甲,2024-04-16,,\n2-1-201,agree,甲,2024-02-01,,\n",
        encoding="utf-8",
    )
    cov = cli("canvass", "coverage", project)
    assert "visited     6 of 10" in cov.stdout  # the row dated before the reviews does not count


def test_out_of_scope_households_are_not_strangers(tmp_path: Path) -> None:
    project = canvass_workspace(tmp_path, extra="  exclude_status: [空置]\n")
    register = tmp_path / "households/r.csv"
    register.write_text(register.read_text(encoding="utf-8").replace("户主11,138000101,80,", "户主11,138000101,80,空置"), encoding="utf-8")
    (project / "canvass.csv").write_text("household,opinion,by,date,channel,note\n1-1-101,absent,甲,2024-04-16,,\n", encoding="utf-8")
    result = cli("check", project)
    assert result.exit_code == 0, result.output


def test_import_reads_excel_dates_and_bracketed_headers(tmp_path: Path) -> None:
    project = canvass_workspace(tmp_path)
    sheet = tmp_path / "v.csv"
    sheet.write_text("户号,意见（在□内打√）,日期,方式（入户/电话）\n1-1-101,同意,2024/4/16,入户\n", encoding="utf-8")
    result = cli("canvass", "import", project, sheet)
    assert result.exit_code == 0 and "added 1 visit;" in result.stdout, result.output


def test_shares_never_cross_a_boundary_when_rounded() -> None:
    assert honest_percent(1999, 2000) == "99.95%" and honest_percent(1001, 2001) == "50.02%"
    assert honest_percent(2000, 2000) == "100.0%" and honest_percent(1, 2) == "50.0%" and honest_percent(2, 3) == "66.7%"


def test_a_committed_register_with_full_phones_is_a_warning(tmp_path: Path) -> None:
    import subprocess

    project = canvass_workspace(tmp_path)
    assert "FT702" not in cli("check", tmp_path).stdout  # not in git: nothing to warn about
    git = ["git", "-C", str(tmp_path), "-c", "user.email=t@t", "-c", "user.name=t"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "households/r.csv"], check=True)
    result = cli("check", tmp_path)
    assert result.exit_code == 0 and "households/r.csv:2:1: warning FT702" in result.stdout.replace(str(tmp_path) + "/", "")
    assert project.exists()


def test_spreadsheet_formulas_are_never_written_as_formulas(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    project = canvass_workspace(tmp_path)
    register = tmp_path / "households/r.csv"
    register.write_text(register.read_text(encoding="utf-8").replace("户主11", '"=HYPERLINK(""http://x"",""y"")"'), encoding="utf-8")
    assert cli("canvass", "sheet", project, "--out", tmp_path / "out").exit_code == 0
    book = load_workbook(tmp_path / "out/canvass-p.xlsx")
    cell = next(c for row in book.active.iter_rows() for c in row if isinstance(c.value, str) and "HYPERLINK" in c.value)
    assert cell.data_type == "s"
    assert cli("canvass", "record", project, "1-1-101", "agree", "--date", "2024-04-15", "--note", "=1+1", "--by", "@SUM(A1)").exit_code == 0
    last = (project / "canvass.csv").read_text(encoding="utf-8-sig").splitlines()[-1]
    assert last == "1-1-101,agree,'@SUM(A1),2024-04-15,in_person,'=1+1"
    cov = cli("canvass", "coverage", project, "--format", "json")
    assert cov.exit_code == 1  # the guarded row still reads back as a visit
    assert '"@SUM(A1)"' in cov.stdout  # read back as the worker wrote it


def test_no_usable_register_says_why(tmp_path: Path) -> None:
    project = canvass_workspace(tmp_path)
    text = (project / "project.yaml").read_text(encoding="utf-8")
    (project / "project.yaml").write_text(text.replace("households/r.csv", "households/gone.csv"), encoding="utf-8")
    for args in (["canvass", "sheet", project, "--out", tmp_path / "o"], ["canvass", "coverage", project]):
        result = cli(*args)
        assert result.exit_code == 2 and "households/gone.csv is not there" in result.stderr


def test_a_register_in_big5_is_refused_for_its_encoding(tmp_path: Path) -> None:
    project = canvass_workspace(tmp_path)
    (tmp_path / "households/r.csv").write_bytes("building,unit,room,head\r\n1,1,101,李國強\r\n1,1,102,陳美華\r\n".encode("big5"))
    result = cli("canvass", "sheet", project, "--out", tmp_path / "o")
    assert result.exit_code == 2 and "looks like Big5" in result.stderr and not (tmp_path / "o").exists()


def test_a_workbook_that_unpacks_to_gigabytes_is_refused(tmp_path: Path) -> None:
    import zipfile

    from fourtwo.model.household import load_register

    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/worksheets/sheet1.xml", b"0" * (300 * 1024 * 1024))
    assert path.stat().st_size < 2 * 1024 * 1024
    _, findings = load_register(path)
    assert [f.code for f in findings] == ["FT009"]


def test_merged_cells_read_as_they_show(tmp_path: Path) -> None:
    from openpyxl import Workbook

    project = canvass_workspace(tmp_path)
    book = Workbook()
    sheet = book.active
    sheet.append(["户号", "意见", "日期", "网格员"])
    for room in (101, 201, 301):
        sheet.append([f"1-1-{room}", "同意", "2024-04-16" if room == 101 else None, "甲" if room == 101 else None])
    sheet.merge_cells("C2:C4")
    sheet.merge_cells("D2:D4")
    book.save(tmp_path / "merged.xlsx")
    result = cli("canvass", "import", project, tmp_path / "merged.xlsx", "--channel", "入户")
    assert result.exit_code == 0 and "added 3 visits" in result.stdout, result.output
    assert (project / "canvass.csv").read_text(encoding="utf-8-sig").count(",甲,2024-04-16,in_person,") == 3


def test_a_sheet_with_visits_on_another_tab_is_refused_naming_the_file(tmp_path: Path) -> None:
    from openpyxl import Workbook

    project = canvass_workspace(tmp_path)
    book = Workbook()
    book.active.append(["户号", "意见", "日期", "网格员"])
    book.active.append(["1-1-101", "同意", "2024-04-16", "甲"])
    book.create_sheet("第二页").append(["1-1-201", "反对", "2024-04-16", "甲"])
    book.save(tmp_path / "two.xlsx")
    result = cli("canvass", "import", project, tmp_path / "two.xlsx")
    assert result.exit_code == 2 and "two.xlsx" in result.stderr and "FT308" in result.stderr and "第二页" in result.stderr
    assert not (project / "canvass.csv").exists()
