"""Household registers as Excel and WPS save them."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from fourtwo.model.household import column_for, load_register

HEADER = "楼栋,单元,房号,户主,联系电话,建筑面积（㎡）,状态\n"
ROWS = "1,1,101,张三,13800000001,86.5,\n1,1,102,李四,13800000002,92,空置\n"


@pytest.mark.parametrize(("encoding", "prefix"), [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("gb18030", b"")])
def test_encodings_are_detected(tmp_path: Path, encoding: str, prefix: bytes) -> None:
    path = tmp_path / "r.csv"
    path.write_bytes(prefix + (HEADER + ROWS).encode(encoding))
    register, findings = load_register(path)
    assert findings == []
    assert [h.id for h in register.households] == ["1-1-101", "1-1-102"]
    assert register.households[0].head == "张三"
    assert register.households[1].area == Decimal("92")
    assert register.households[1].status == "空置"


def test_english_headers_and_an_id_column(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("Household,Head,Phone,Area\nA-01,Wang,1,50\nA-02,Li,2,60\n", encoding="utf-8")
    register, findings = load_register(path)
    assert findings == [] and [h.id for h in register.households] == ["A-01", "A-02"]


def test_header_aliases() -> None:
    assert column_for(" 建筑面积(平方米) ") == "area"
    assert column_for("Building") == "building"
    assert column_for("备注") is None


def test_duplicates_and_empty_ids_are_errors_with_rows(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text(HEADER + ROWS + "1,1,101,王五,,,\n,,,赵六,,,\n", encoding="utf-8")
    register, findings = load_register(path)
    assert [(f.code, f.line) for f in findings] == [("FT302", 4), ("FT303", 5)]
    assert "row 2" in findings[0].message  # where the first one is
    assert len(register.households) == 2


def test_an_empty_register_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text(HEADER + "\n,,,,,,\n", encoding="utf-8")
    _, findings = load_register(path)
    assert [f.code for f in findings] == ["FT301"]


def test_a_register_without_id_columns(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("户主,电话\n张三,1\n", encoding="utf-8")
    _, findings = load_register(path)
    assert [f.code for f in findings] == ["FT304"]


def test_bad_area_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text(HEADER + "1,1,101,张三,1,八十,\n", encoding="utf-8")
    _, findings = load_register(path)
    assert [(f.code, f.line) for f in findings] == [("FT305", 2)]


def test_xlsx_register_with_a_title_row(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["红梅园小区住户登记表"])
    sheet.append(["楼栋", "单元", "房号", "户主", "建筑面积"])
    sheet.append([1, 1, 101, "张三", 86.5])
    sheet.append([1, 1, 102.0, "李四", 92])
    path = tmp_path / "r.xlsx"
    book.save(path)
    register, findings = load_register(path)
    assert findings == []
    assert [(h.id, h.row) for h in register.households] == [("1-1-101", 3), ("1-1-102", 4)]
    assert register.households[0].area == Decimal("86.5")


def test_a_register_without_units(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("楼栋,房号,户主\n3,1,张三\n3,2,李四\n", encoding="utf-8")
    register, findings = load_register(path)
    assert findings == [] and [h.id for h in register.households] == ["3-1", "3-2"]


def test_a_file_that_is_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "r.xlsx"
    path.write_text("楼栋,房号\n", encoding="utf-8")
    _, findings = load_register(path)
    assert [f.code for f in findings] == ["FT001"] and "xlsx" in findings[0].message


def test_lookup_finds_one_household_without_reading_all(tmp_path: Path) -> None:
    from fourtwo.model.household import lookup

    path = tmp_path / "r.csv"
    path.write_text("红梅园小区住户登记表\n" + HEADER + ROWS + "10,1,101,赵六,,,空置\n", encoding="gb18030")
    assert lookup(path, "1-1-102") == ("1", "空置")
    assert lookup(path, "10-1-101") == ("10", "空置")
    assert lookup(path, "1-1-103") is None and lookup(path, "0-1-101") is None
    ids = tmp_path / "ids.csv"
    ids.write_text("户号,户主\nA-01,王\nA-011,李\n", encoding="utf-8")
    assert lookup(ids, "A-01") == ("", "") and lookup(ids, "A-0") is None
    quoted = tmp_path / "q.csv"
    quoted.write_text(HEADER + '1,1,101,"张\n三",1,1,\n', encoding="utf-8")
    assert lookup(quoted, "1-1-101") is None  # a line break in a cell: the caller reads it all


def test_lookup_is_never_misled_by_the_id_inside_longer_numbers(tmp_path: Path) -> None:
    """Room 301 inside phone numbers, areas and room 1301; building 3 inside 13 and 31: each
    id is found on its own row, and what the shortcut does not read it leaves to the full scan."""
    from fourtwo.model.household import lookup, scan

    rows = [
        "13,1,301,甲,13800000301,301.5,",
        "31,1,1301,乙,13013013013,30,",
        "3,2,301,丙,13900003013,80,自住",
        "3,1,3013,丁,,80,",
        "3,1,301,戊,13800000003,80,空置",
        "03,1,302,己,,80,",
    ]
    path = tmp_path / "r.csv"
    path.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    _, entries, _ = scan(path)
    truth = {e[1]: (e[2], e[8]) for e in entries}
    assert lookup(path, "3-1-301") == ("3", "空置") == truth["3-1-301"]
    assert lookup(path, "3-2-301") == ("3", "自住") == truth["3-2-301"]
    assert lookup(path, "13-1-301") == truth["13-1-301"] and lookup(path, "31-1-1301") == truth["31-1-1301"]
    assert lookup(path, "3-1-3013") == truth["3-1-3013"]
    assert lookup(path, "3-3-301") is None and "3-3-301" not in truth
    assert lookup(path, "03-1-302") in (None, truth["03-1-302"])  # as the register spells it, or left to the full scan


def test_other_sheets_with_data_are_named(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["楼栋", "房号"])
    book.active.append([1, 101])
    extra = book.create_sheet("第二页")
    extra.append([2, 201])
    path = tmp_path / "r.xlsx"
    book.save(path)
    register, findings = load_register(path)
    assert [f.code for f in findings] == ["FT308"] and "第二页" in findings[0].message
    assert [h.id for h in register.households] == ["1-101"]


@pytest.mark.parametrize(
    ("text", "codec", "guess"),
    [
        ("building,unit,room,head\r\n1,1,101,李國強\r\n1,1,102,陳美華\r\n", "big5", "Big5"),
        ("樓棟,單元,房號,戶主\r\n1,1,101,李國強\r\n", "big5", "Big5"),
        ("building,room,head\r\n1,101,Müller\r\n1,102,Gärtner\r\n", "latin-1", "Western"),
    ],
)
def test_a_register_in_another_encoding_is_named_not_misread(tmp_path: Path, text: str, codec: str, guess: str) -> None:
    """Big5 and Latin-1 bytes decode as GB18030 too, into nonsense names: refused, saying what the file looks like."""
    path = tmp_path / "r.csv"
    path.write_bytes(text.encode(codec))
    register, findings = load_register(path)
    assert not register.households
    assert [f.code for f in findings] == ["FT002"] and guess in findings[0].message


SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国志红玉凤晨曦堃喆赟昇珺玥琇翀燊"  # the last ones are rare: not in GB2312


def test_gb18030_registers_with_rare_name_characters_are_read() -> None:
    """No real register is refused: 1,000 random short ones, names with rare characters included."""
    import random

    from fourtwo.model.household import decode

    rng = random.Random(7)
    for n in range(1000):
        names = [rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2))) for _ in range(rng.randint(1, 5))]
        header = "楼栋,单元,房号,户主\r\n" if n % 2 else "building,unit,room,head\r\n"
        data = header.encode("gb18030") + "".join(f"1,1,{r}01,{name}\r\n" for r, name in enumerate(names)).encode("gb18030")
        decode(data)  # no NotGB18030 (a rare two-character file is even valid UTF-8: read as that)


def test_most_big5_registers_are_recognised() -> None:
    """Short Big5 files can read as plausible GB18030; most do not (about 89% of these, measured)."""
    import random

    from fourtwo.model.household import decode

    surnames, given = "王李張劉陳楊黃趙吳周徐孫馬朱胡郭何高林羅鄭梁謝宋唐許韓馮鄧曹彭曾蕭", "偉芳娜秀英敏靜麗強磊軍洋勇傑娟濤明超蘭霞平剛桂華建國志紅玉鳳"
    rng, recognised = random.Random(7), 0
    for n in range(500):
        names = [rng.choice(surnames) + "".join(rng.choice(given) for _ in range(rng.randint(1, 2))) for _ in range(rng.randint(1, 5))]
        text = ("樓棟,單元,房號,戶主\r\n" if n % 2 else "building,unit,room,head\r\n") + "".join(f"1,1,{r}01,{name}\r\n" for r, name in enumerate(names))
        try:
            decode(text.encode("big5"))
        except UnicodeDecodeError:
            recognised += 1
    assert recognised >= 425


@pytest.mark.parametrize(
    ("header", "row"),
    [
        ("楼栋,单元,房号", "3号楼,2单元,501室"),
        ("楼栋,单元,房号", "3栋,2,501"),
        ("楼栋,单元,房号", "３幢,２单元,５０１号"),
        ("户号", "3号楼-2单元-501"),
        ("户号", "3栋2单元501室"),
        ("户号", "3号楼－2单元—501"),
        ("户号", "3-2-501"),
    ],
)
def test_one_household_has_one_id_however_its_building_unit_and_room_are_spelt(tmp_path: Path, header: str, row: str) -> None:
    path = tmp_path / "r.csv"
    path.write_text(f"{header}\n{row}\n", encoding="utf-8")
    register, findings = load_register(path)
    assert findings == [] and [h.id for h in register.households] == ["3-2-501"]


def test_ids_spelt_with_their_suffixes_before_keep_their_visits_and_exclusions(tmp_path: Path) -> None:
    """A register and a canvass.csv written before ids were normalised (3号楼-2单元-501) read as
    3-2-501, the visits recorded under the old spelling count, an exclusion still applies, and
    a new visit typed either way is the same household."""
    import json

    from conftest import WORKSPACE_YAML, cli, write_tree
    from test_canvass import REVIEWS

    rows = "".join(f"3号楼-2单元-50{r}\n" for r in range(1, 6))
    project = "id: p\ntitle: 场地\nhouseholds:\n  register: households/r.csv\nsteps:\n" + REVIEWS
    project += "exclusions:\n  - {household: 3号楼-2单元-505, reason: 空置, date: 2024-03-03}\n"
    visits = "household,opinion,by,date,channel,note\n3号楼-2单元-501,agree,甲,2024-04-10,in_person,\n3-2-502,agree,甲,2024-04-10,in_person,\n"
    write_tree(
        tmp_path,
        {"fourtwo.yaml": WORKSPACE_YAML, "households/r.csv": "户号\n" + rows, "projects/p/project.yaml": project, "projects/p/canvass.csv": visits},
    )
    folder = tmp_path / "projects/p"
    assert cli("canvass", "record", folder, "3号楼-2单元-503", "同意", "--date", "2024-04-11").exit_code == 0
    assert cli("canvass", "record", folder, "3-2-504", "同意", "--date", "2024-04-11").exit_code == 0
    data = json.loads(cli("canvass", "coverage", folder, "--format", "json").stdout)
    assert (data["visited"], data["households"], data["excluded"]) == (4, 4, 1), data
    assert [e["household"] for e in data["exclusions"]] == ["3-2-505"]
    checked = cli("check", tmp_path, "--format", "json")
    assert not [f for f in json.loads(checked.stdout)["findings"] if f["severity"] == "error"], checked.stdout
