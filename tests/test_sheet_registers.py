"""Registers as clerks head them, the grid worker's sheet, and a blank 方式 (issue 23, items 3 and 4)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from conftest import WORKSPACE_YAML, cli, write_tree
from openpyxl import load_workbook
from test_canvass import REVIEWS

from fourtwo.model.household import load_register

HOUSEHOLDS = [(b, u, r) for b in (3, 4) for u in (1, 2) for r in (501, 502)]


def workspace(root: Path, header: str = "楼号,单元号,门牌号,户主,手机号码") -> Path:
    rows = "".join(f"{b},{u},{r},户主{b}{u}{r},138{b}{u}{r:05d}\n" for b, u, r in HOUSEHOLDS)
    project = (
        "id: p\ntitle: 活动场地\nmatter: 将旧车棚改造为居民活动场地\nbudget: {amount: 186452.60, funding: 专项资金}\nhouseholds:\n  register: households/r.csv\nsteps:\n"
        + REVIEWS
    )
    write_tree(root, {"fourtwo.yaml": WORKSPACE_YAML, "households/r.csv": header + "\n" + rows, "projects/p/project.yaml": project})
    return root / "projects/p"


def test_the_headers_clerks_write_are_read_and_the_unit_is_never_dropped(tmp_path: Path) -> None:
    project = workspace(tmp_path)
    register, findings = load_register(tmp_path / "households/r.csv")
    assert findings == [] and [h.id for h in register.households][:2] == ["3-1-501", "3-1-502"]
    assert register.households[0].phone == "1383100501"  # 手机号码 names the phone
    assert cli("canvass", "record", project, "3-2-501", "同意", "--date", "2024-04-10").exit_code == 0
    (tmp_path / "households/r.csv").write_text("楼号,单元编码号,门牌号\n3,1,501\n3,2,501\n", encoding="utf-8")
    _, findings = load_register(tmp_path / "households/r.csv")
    assert findings[0].code == "FT230" and "单元编码号" in findings[0].message  # the cause, before the duplicates it makes
    (tmp_path / "households/r.csv").write_text("户号,楼门号\n3-1-501,3\n", encoding="utf-8")
    assert [f.code for f in load_register(tmp_path / "households/r.csv")[1]] == ["FT232"]
    (tmp_path / "households/r.csv").write_text("户号,楼层,房屋面积\n3-1-501,5,80\n", encoding="utf-8")
    assert load_register(tmp_path / "households/r.csv")[1] == []  # a floor and an area are not parts of an id


def test_a_second_round_sheet_for_one_worker_and_its_footer_command_works_as_printed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = workspace(tmp_path)
    assert cli("canvass", "record", project, "3-1-501", "同意", "--date", "2024-04-10").exit_code == 0
    monkeypatch.chdir(tmp_path)
    sheet = cli("canvass", "sheet", "projects/p", "--building", "3号楼", "--missing", "--worker", "马芷依")
    assert sheet.exit_code == 0, sheet.output
    html = (tmp_path / "canvass-p-missing-3-马芷依.html").read_text(encoding="utf-8")  # named for its round
    rows = re.findall(r"<tr><td>\d+</td><td>([\d-]+)</td>", html)
    assert rows == ["3-1-502", "3-2-501", "3-2-502"]  # building 3, without the household heard
    assert "<th>方式</th><th>备注</th>" in html and "网格员 马芷依" in html and "尚未入户的 3 户" in html
    assert "将旧车棚改造为居民活动场地" in html and "186,452.60元" in html  # read out at the door
    book = load_workbook(tmp_path / "canvass-p-missing-3-马芷依.xlsx")
    table = book.active
    assert table is not None and [c.value for c in table[3]][9:12] == ["走访人", "方式", "备注"]
    first = table[4]
    assert first[9].value == "马芷依"
    first[6].value, first[8].value, first[10].value = "反对", "2024-04-11", "电话"
    book.save(tmp_path / "canvass-p-missing-3-马芷依.xlsx")
    footer = html.split("<footer>", 1)[1].split("</footer>", 1)[0]
    command = shlex.split(footer.split("运行：", 1)[1])
    assert command[:3] == ["fourtwo", "canvass", "import"]
    imported = cli(*command[1:])
    assert imported.exit_code == 0 and "added 1 visit" in imported.stdout, imported.output
    assert cli("canvass", "sheet", "projects/p", "--building", "9").exit_code == 2  # a building the register lacks


def test_a_blank_channel_is_refused_unless_given_and_every_problem_of_a_row_is_said(tmp_path: Path) -> None:
    project = workspace(tmp_path)
    sheet = tmp_path / "visits.csv"
    sheet.write_text("户号,意见,日期,方式\n3-1-501,同意,2024-04-10,\n3-1-502,好,2024-02-30,\n", encoding="utf-8")
    refused = cli("canvass", "import", project, sheet)
    assert refused.exit_code == 1 and not (project / "canvass.csv").exists()
    row3 = [line for line in refused.stdout.splitlines() if line.startswith(f"{sheet}:3:")]
    assert len(row3) == 3  # the opinion, the date and the channel: all at once
    assert "--channel" in refused.stdout and "nothing imported: 2 bad rows" in refused.stdout
    taken = cli("canvass", "import", project, sheet, "--channel", "入户", "--partial")
    assert taken.exit_code == 1 and "added 1 visit" in taken.stdout
    assert (project / "canvass.csv").read_text(encoding="utf-8-sig").splitlines()[1].endswith(",in_person,")


def test_a_chinese_workspace_writes_canvass_csv_in_chinese_and_reads_both(tmp_path: Path) -> None:
    project = workspace(tmp_path)
    (tmp_path / "fourtwo.yaml").write_text(WORKSPACE_YAML + "language: zh\n", encoding="utf-8")
    assert cli("canvass", "record", project, "3-1-501", "agree", "--by", "甲", "--date", "2024-04-10", "--channel", "phone", "--lang", "zh").exit_code == 0
    assert cli("canvass", "void", project, "3-1-501", "--date", "2024-04-10", "--reason", "记错", "--lang", "zh").exit_code == 0
    assert cli("canvass", "record", project, "3-1-502", "反对", "--date", "2024-04-10", "--lang", "zh").exit_code == 0
    lines = (project / "canvass.csv").read_text(encoding="utf-8-sig").splitlines()
    assert lines == [
        "户号,意见,走访人,日期,方式,备注",
        "3-1-501,同意,甲,2024-04-10,电话,",
        "3-1-501,作废,,2024-04-10,入户,记错",
        "3-1-502,反对,,2024-04-10,入户,",
    ]
    with (project / "canvass.csv").open("a", encoding="utf-8") as handle:
        handle.write("3-2-501,agree,乙,2024-04-11,in_person,\n")  # English words in a Chinese file read as well
    assert cli("check", tmp_path, "--lang", "en").exit_code == 0
    coverage = cli("canvass", "coverage", project, "--lang", "zh").stdout.splitlines()
    labelled = coverage[2:8]
    from wcwidth import wcswidth

    starts = {wcswidth(line[: len(line) - len(line.split(None, 1)[1])]) for line in labelled}
    assert len(starts) == 1, labelled  # the values of every label in one column


def test_a_second_round_sheet_never_replaces_the_first_and_no_sheet_is_overwritten_unasked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first round's workbook may hold opinions typed in and not imported yet: a second
    round (--missing), a worker's round (--building, --worker) each get a name of their own, and
    a sheet already there is replaced only with --force."""
    project = workspace(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert cli("canvass", "sheet", "projects/p").exit_code == 0
    first = (tmp_path / "canvass-p.xlsx").read_bytes()
    second = cli("canvass", "sheet", "projects/p", "--missing", "--lang", "zh")
    assert second.exit_code == 0, second.output
    assert (tmp_path / "canvass-p.xlsx").read_bytes() == first
    made = sorted(p.name for p in tmp_path.glob("canvass-p*"))
    assert len(made) == 4 and all(name in second.stdout for name in set(made) - {"canvass-p.html", "canvass-p.xlsx"}), (made, second.stdout)
    html = next(p for p in tmp_path.glob("canvass-p-*.html")).read_text(encoding="utf-8")
    footer = html.split("<footer>", 1)[1]
    assert next(p.name for p in tmp_path.glob("canvass-p-*.xlsx")) in footer  # the footer names its own workbook
    worker = cli("canvass", "sheet", "projects/p", "--building", "3号楼", "--worker", "马芷依")
    assert worker.exit_code == 0 and len(list(tmp_path.glob("canvass-p*"))) == 6
    again = cli("canvass", "sheet", "projects/p", "--lang", "zh")
    assert again.exit_code == 2 and "canvass-p" in again.output and "--force" in again.output, again.output
    assert (tmp_path / "canvass-p.xlsx").read_bytes() == first
    assert cli("canvass", "sheet", "projects/p", "--out", "canvass-p.xlsx").exit_code == 2
    assert cli("canvass", "sheet", "projects/p", "--force").exit_code == 0
    assert project.is_dir()


def test_the_sheet_offers_every_channel_and_a_clerk_s_words_for_them_are_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The printed 方式 offers the four channels the import reads; 上门 (as the footer says it)
    and the other ways a clerk writes them are read as theirs."""
    project = workspace(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert cli("canvass", "sheet", "projects/p").exit_code == 0
    html = (tmp_path / "canvass-p.html").read_text(encoding="utf-8")
    assert "□入户 □电话 □书面 □代录" in re.sub(r"<[^>]+>", "", html)  # the words, whatever spans keep each box whole
    sheet = tmp_path / "visits.csv"
    sheet.write_text("户号,意见,日期,方式\n3-1-501,同意,2024-04-10,上门\n3-1-502,赞成,2024-04-10,走访\n3-2-501,反对,2024-04-10,打电话\n", encoding="utf-8")
    done = cli("canvass", "import", project, sheet)
    assert done.exit_code == 0, done.output
    channels = [line.split(",")[4] for line in (project / "canvass.csv").read_text(encoding="utf-8-sig").splitlines()[1:]]
    assert channels == ["in_person", "in_person", "phone"]


def test_an_import_problem_names_the_column_of_its_cell(tmp_path: Path) -> None:
    """Whatever the columns' order, a bad cell is located at its own column, and named by its header."""
    project = workspace(tmp_path)
    sheet = tmp_path / "visits.csv"
    sheet.write_text("备注,日期,户号,方式,意见\n,2024-04-10,3-1-501,入户,好\n,2024-02-30,3-1-502,飞鸽,同意\n,2024-04-10,9-9-999,入户,同意\n", encoding="utf-8")
    refused = cli("canvass", "import", project, sheet, "--lang", "zh")
    assert refused.exit_code == 1
    lines = refused.stdout.splitlines()
    assert any(line.startswith(f"{sheet}:2:5:") and "意见" in line for line in lines), lines
    assert any(line.startswith(f"{sheet}:3:2:") and "日期" in line for line in lines), lines
    assert any(line.startswith(f"{sheet}:3:4:") and "方式" in line for line in lines), lines
    assert any(line.startswith(f"{sheet}:4:3:") and "户号" in line for line in lines), lines
    from openpyxl import Workbook

    book = Workbook()
    table = book.active
    assert table is not None
    table.append(["户号", "走访人", "日期", "意见"])
    table.append(["3-1-501", "甲", "2024-04-10", "好"])
    book.save(tmp_path / "visits.xlsx")
    refused = cli("canvass", "import", project, tmp_path / "visits.xlsx", "--channel", "入户")
    assert any(line.startswith(f"{tmp_path / 'visits.xlsx'}:2:4:") for line in refused.stdout.splitlines()), refused.stdout
