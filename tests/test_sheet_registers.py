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
    html = (tmp_path / "canvass-p.html").read_text(encoding="utf-8")
    rows = re.findall(r"<tr><td>\d+</td><td>([\d-]+)</td>", html)
    assert rows == ["3-1-502", "3-2-501", "3-2-502"]  # building 3, without the household heard
    assert "<th>方式</th><th>备注</th>" in html and "网格员 马芷依" in html and "尚未入户的 3 户" in html
    assert "将旧车棚改造为居民活动场地" in html and "186,452.60元" in html  # read out at the door
    book = load_workbook(tmp_path / "canvass-p.xlsx")
    table = book.active
    assert table is not None and [c.value for c in table[3]][9:12] == ["走访人", "方式", "备注"]
    first = table[4]
    assert first[9].value == "马芷依"
    first[6].value, first[8].value, first[10].value = "反对", "2024-04-11", "电话"
    book.save(tmp_path / "canvass-p.xlsx")
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
    assert "--channel" in refused.stdout and "nothing imported: 2 bad row(s)" in refused.stdout
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
