"""`fourtwo report` and `fourtwo export`: a street office's folder of workspaces, each project
built to raise one flag (or none), flagged exactly, in every format, over the workspaces
and over the dataset."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import cli, write_tree
from street import AS_OF, EXPECTED, write_street

from fourtwo.office.schema import FLAGS, TABLES

REPO_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def street(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_street(tmp_path_factory.mktemp("office") / "街道")


def _report(*args: str | Path) -> tuple[int, dict[str, object]]:
    result = cli("report", *args, "--date", AS_OF.isoformat(), "--format", "json")
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)


def _flags(report: dict[str, object]) -> dict[str, set[str]]:
    projects = report["projects"]
    assert isinstance(projects, list)
    return {p["project"]: {f["flag"] for f in p["flags"]} for p in projects}


def test_every_late_or_non_compliant_project_is_flagged_exactly(street: Path) -> None:
    code, report = _report(street)
    assert code == 1
    assert _flags(report) == EXPECTED
    projects = {p["project"]: p for p in report["projects"]}  # type: ignore[union-attr]
    unposted = projects["unposted"]["flags"][0]
    # decided on AS_OF - 192, due 7 days later: 185 days late on the report's date
    assert (unposted["code"], unposted["days"], unposted["limit_days"], unposted["since"]) == ("FT751", 185, 7, "2025-12-27")
    assert "within 7 days" in unposted["rule"]
    assert projects["below-threshold"]["canvass"] == "2/10 20.0%"
    assert projects["below-threshold"]["errors"] == 2  # check's FT503, twice
    assert projects["stuck"]["stalled"] is True and projects["clean-village"]["next_due"] is None


def test_the_same_report_comes_from_the_dataset(street: Path, tmp_path: Path) -> None:
    old = Path.cwd()
    os.chdir(street)
    try:
        assert cli("export", "--out", tmp_path / "data").exit_code == 0  # every workspace below the current folder
        live = _report()
    finally:
        os.chdir(old)
    assert _report("--data", tmp_path / "data") == live


def test_filters(street: Path) -> None:
    assert set(_flags(_report(street, "--flag", "unposted,FT759")[1])) == {"unposted", "stuck"}
    assert set(_flags(_report(street, "--org", "乙村")[1])) == {p for p in EXPECTED if p.startswith(("clean-village", "un", "work", "no"))}
    assert set(_flags(_report(street, "--stuck")[1])) == {"stuck", "unposted", "canvass-open", "unimplemented"}
    village = {"unposted": 1, "unimplemented": 1, "no_result": 1, "work_early": 1, "unanswered": 1}  # counted among the projects shown
    assert _report(street, "--org", "乙村")[1]["flags"] == {slug: village.get(slug, 0) for slug in FLAGS}
    assert _report(street, "--flag", "unposted,FT759")[1]["flags"] == {"unposted": 1, "stuck": 1}
    bad = cli("report", street, "--flag", "late")
    assert bad.exit_code == 2 and "unposted" in bad.output


def test_a_clean_street_exits_0(street: Path) -> None:
    code, report = _report(street / "乙村" / "projects" / "clean-village")
    assert (code, _flags(report)) == (0, {"clean-village": set()})


def test_thresholds_from_the_workspace_and_from_the_office(street: Path, tmp_path: Path) -> None:
    ws = street / "乙村" / "fourtwo.yaml"
    text = ws.read_text(encoding="utf-8")
    try:
        ws.write_text(text + "report: {decision_notice_days: 400, result_notice_days: 400}\n", encoding="utf-8")
        assert "unposted" not in _flags(_report(street)[1])["unposted"]
        assert _flags(_report(street)[1])["no-result"] == set()
        settings = write_tree(tmp_path, {"office.yaml": "decision_notice_days: 10\nstuck_days: 5000\n"}) / "office.yaml"
        flags = _flags(_report(street, "--settings", settings)[1])
        assert flags["unposted"] == {"unposted"} and flags["stuck"] == set()  # the office's file, for every workspace
    finally:
        ws.write_text(text, encoding="utf-8")
    broken = write_tree(tmp_path, {"bad.yaml": "stuck_days: -3\n"}) / "bad.yaml"
    result = cli("report", street, "--settings", broken)
    assert result.exit_code == 2 and "stuck_days" in result.output


def test_csv_opens_in_excel_and_xlsx_has_a_sheet_per_flag(street: Path, tmp_path: Path) -> None:
    result = cli("report", street, "--date", AS_OF.isoformat(), "--format", "csv", "--out", tmp_path / "r.csv")
    assert result.exit_code == 1
    data = (tmp_path / "r.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == 1 + len(EXPECTED) and rows[0][0] == "folder"
    assert cli("report", street, "--format", "xlsx").exit_code == 2  # a workbook needs a file
    result = cli("report", street, "--date", AS_OF.isoformat(), "--format", "xlsx", "--out", tmp_path / "r.xlsx", "--lang", "zh")
    assert result.exit_code == 1
    from openpyxl import load_workbook

    book = load_workbook(tmp_path / "r.xlsx")
    assert book.sheetnames[0] == "汇总" and [name.split()[0] for name in book.sheetnames[1:]] == list(FLAGS.values())
    assert all(book[name].freeze_panes == "A2" for name in book.sheetnames)
    unposted = book["FT751 决议未公开"]
    assert unposted.max_row == 2 and unposted.cell(2, 3).value == "unposted" and unposted.cell(2, 6).value == 185
    assert "未在7日内公开" in str(unposted.cell(2, 7).value)


def test_the_terminal_table_has_each_flag_with_its_rule_and_days_in_the_readers_words(street: Path) -> None:
    """A step in a flag's sentence is named as each language names it: its id in English, the
    procedure's name in Chinese; JSON keeps both, the same in every language."""
    result = cli("report", street, "--date", AS_OF.isoformat(), "--lang", "en")
    assert result.exit_code == 1
    flags = [line for line in result.output.splitlines() if "project.yaml: FT7" in line]
    assert any(
        line.endswith("乙村/projects/unposted/project.yaml: FT751 the decision (assembly) was not made public within 7 days: due 2025-12-27 (185 days)")
        for line in flags
    )
    assert any(
        line.endswith("甲社区/projects/stuck/project.yaml: FT759 no step for more than 180 days, waiting for 'canvass': due 2023-12-30 (913 days)")
        for line in flags
    )
    names = ("村民代表会议或村民会议决议", "入户征求意见", "决议公开")  # the procedures' names of the steps flagged
    assert len(flags) == 8 and not [line for line in flags if any(name in line for name in names)]
    assert "8 flags on 8 of 10 projects, as of 2026-06-30" in result.output
    zh = cli("report", street, "--date", AS_OF.isoformat(), "--lang", "zh")
    assert "乙村/projects/unposted/project.yaml: FT751 决策（村民代表会议或村民会议决议）作出后未在7日内公开" in zh.output
    for lang in ("en", "zh"):
        unposted = next(p for p in _report(street, "--lang", lang)[1]["projects"] if p["project"] == "unposted")  # type: ignore[union-attr]
        assert (unposted["flags"][0]["item"], unposted["flags"][0]["item_name"]) == ("assembly", "村民代表会议或村民会议决议")


def test_an_inspectors_own_query(street: Path, tmp_path: Path) -> None:
    query = write_tree(tmp_path, {"q.sql": "SELECT organisation, COUNT(*) AS n FROM projects GROUP BY organisation ORDER BY organisation"}) / "q.sql"
    result = cli("report", street, "--sql", query, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [{"organisation": "乙村", "n": 6}, {"organisation": "甲社区", "n": 4}]
    # it reads and writes no file: not the machine's, not beside the workspaces
    for sql in (f"COPY projects TO '{tmp_path / 'leak.csv'}'", "SELECT * FROM read_csv('/etc/passwd')", "SET enable_external_access = true"):
        (tmp_path / "bad.sql").write_text(sql, encoding="utf-8")
        result = cli("report", street, "--sql", tmp_path / "bad.sql")
        assert result.exit_code == 2 and "FT952" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "leak.csv").exists()


def test_export_gives_the_same_bytes_and_no_personal_data(street: Path, tmp_path: Path) -> None:
    old = Path.cwd()
    os.chdir(street.parent)
    try:
        assert cli("export", street.name, "--out", tmp_path / "a").exit_code == 0
        assert cli("export", street.name, "--out", tmp_path / "b").exit_code == 0
        assert cli("export", street.name, "--out", tmp_path / "b").exit_code == 0  # over itself: replaced
    finally:
        os.chdir(old)
    a = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    assert a == sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*") if p.is_file())
    assert all((tmp_path / "a" / p).read_bytes() == (tmp_path / "b" / p).read_bytes() for p in a)
    assert Path("projects/organisation=乙村/year=2025/part-0.parquet") in a

    import pyarrow.parquet as pq

    from fourtwo.disclosure.privacy import unmasked

    texts = []
    for name in TABLES:
        for part in sorted((tmp_path / "a" / name).rglob("*.parquet")):
            table = pq.read_table(part)
            assert set(table.column_names) <= {c.name for c in TABLES[name]}
            texts += [str(v) for column in table.columns for v in column.to_pylist() if v is not None]
    assert texts and not [t for t in texts if unmasked(t, {"09516012345"})]
    assert "请回电*******5678商量" in texts  # the objection, its phone masked; its author is nowhere
    assert not [t for t in texts if "张三" in t or t.startswith("户1")]  # no author, no head of household


def test_export_refuses_a_folder_that_is_not_its_own(street: Path, tmp_path: Path) -> None:
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep", encoding="utf-8")
    result = cli("export", street, "--out", tmp_path / "mine")
    assert result.exit_code == 2 and "not a dataset" in result.output
    assert [p.name for p in (tmp_path / "mine").iterdir()] == ["notes.txt"]
    result = cli("report", "--data", tmp_path / "mine")
    assert result.exit_code == 2 and "fourtwo-dataset.json" in result.output
    result = cli("report", street, "--data", tmp_path / "mine")
    assert result.exit_code == 2 and "not both" in result.output


def test_a_changed_notice_is_flagged(beiyuan: Path) -> None:
    project, ws = beiyuan, beiyuan.parents[1]
    assert cli("publish", project, "resolution", "--date", "2024-04-28").exit_code == 0
    code, report = _report(ws)
    assert "notice_changed" not in _flags(report)["2024-hongmeiyuan-activity-area"]
    yaml = project / "project.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8").replace("186452.60", "196452.60"), encoding="utf-8")
    code, report = _report(ws)
    assert code == 1 and "notice_changed" in _flags(report)["2024-hongmeiyuan-activity-area"]


def _imported(args: list[str], cwd: Path, block: str = "") -> list[str]:
    code = (
        "import os, sys\n"
        f"{block}\n"
        "os._exit = sys.exit\n"
        f"sys.argv = ['fourtwo', *{args!r}]\n"
        "from fourtwo.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'duckdb', 'pyarrow', 'pyspark'}))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=cwd, check=True)
    return [result.stdout.splitlines()[-1], result.stderr]


def test_the_clerks_commands_never_import_the_office_engine(beiyuan: Path) -> None:
    project = "projects/2024-hongmeiyuan-activity-area"
    for args in (["check"], ["status"], ["canvass", "record", project, "3-2-501", "同意", "--date", "2024-04-20"], ["show", project]):
        assert _imported(args, beiyuan.parents[1])[0] == "[]", args


def test_without_the_office_extra_report_and_export_say_so(beiyuan: Path) -> None:
    block = "sys.modules['duckdb'] = None"  # as if not installed
    for args in (["report"], ["export", "--out", "data"]):
        _shown, stderr = _imported(args, beiyuan.parents[1], block)
        assert 'pip install "fourtwo[office]"' in stderr and "duckdb" in stderr and "Traceback" not in stderr
    assert not (beiyuan.parents[1] / "data").exists()


def test_status_has_the_folder_and_speaks_json_and_csv(street: Path) -> None:
    """Two workspaces of one organisation's name differ by their folder; errors exit 1."""
    write_tree(
        street.parent / "二",
        {"甲社区/fourtwo.yaml": (street / "甲社区/fourtwo.yaml").read_text(encoding="utf-8"), "甲社区/projects/x/project.yaml": "id: x\ntitle: 项目\n"},
    )
    old = Path.cwd()
    os.chdir(street.parent)
    try:
        text = cli("status", "街道/甲社区", "二/甲社区")
        as_json = cli("status", "街道", "--format", "json")
        as_csv = cli("status", "街道", "--format", "csv")
    finally:
        os.chdir(old)
    assert text.exit_code == 1  # below-threshold has errors
    header, _rule, *rows = text.stdout.splitlines()
    assert header.split()[:3] == ["organisation", "folder", "id"]
    assert {r.split()[1] for r in rows} == {"街道/甲社区", "二/甲社区"}
    records = json.loads(as_json.stdout)
    stuck = next(r for r in records if r["id"] == "stuck")
    assert (stuck["folder"], stuck["step_reached"], stuck["next"], stuck["errors"]) == ("街道/甲社区", "committee", "canvass", 0)
    assert isinstance(stuck["days_since"], int) and stuck["days_since"] >= 3 * 365  # to today: the street dates from AS_OF, in the past
    assert as_csv.stdout.startswith("\ufefffolder,organisation,id,")
    assert len(list(csv.reader(io.StringIO(as_csv.stdout)))) == 1 + len(records)


def test_the_data_page_documents_every_column_and_flag() -> None:
    import importlib.util

    from conftest import REPO

    from fourtwo.model.visit import CHANNELS

    spec = importlib.util.spec_from_file_location("make_data", REPO / "docs/make_data.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    assert (REPO / "docs/data.md").read_text(encoding="utf-8") == module.page(), "run: python docs/make_data.py"
    from fourtwo.office import schema

    assert schema.CHANNELS == CHANNELS  # the canvass table has a column per channel the model knows
    from fourtwo.model.workspace import REPORT

    assert schema.THRESHOLDS == tuple(REPORT.fields) == tuple(c.name for c in schema.TABLES["workspaces"][-7:-1])  # then fourtwo.yaml's errors
    from fourtwo.office.engine import QUERIED

    used = {t for name in [*schema.FLAGS, "status"] for t in schema.TABLES if f" {t} " in module.query_text(name).replace("\n", " ")}
    assert used | {"workspaces"} == set(QUERIED)  # a report from a dataset reads every table its queries use, and no other
    assert "spark-submit --master yarn" in (REPO / "docs/data.md").read_text(encoding="utf-8")


def test_in_a_form_where_the_canvass_decides_the_decision_stands_when_it_is_reached(tmp_path: Path) -> None:
    """The seed's form: reviews, then 入户 at 80%, then the notices. A decision is not late to be
    posted while its canvass is short; once reached, its notice is due."""
    from street import _REGISTER, _WS, _community_reviews, _visits

    # the built-in community procedure, less its assembly and resolution notice:
    seed = (
        (REPO_ROOT / "fourtwo/procedures/community.yaml")
        .read_text(encoding="utf-8")
        .replace("id: community", "id: seed")
        .replace("aliases: [社区]", "aliases: []")
    )
    head, rest = seed.split("  - id: assembly", 1)
    seed = head + "  - id: progress_notice" + rest.split("  - id: progress_notice", 1)[1].replace("    optional: true\n", "", 1)
    day = AS_OF - dt.timedelta(days=200)
    files = {"fourtwo.yaml": _WS.format(name="丁社区", kind="community"), "households/r.csv": _REGISTER, "procedures/seed.yaml": seed}
    for pid, heard in (("short", 2), ("reached", 8)):
        files[f"projects/{pid}/project.yaml"] = (
            f"id: {pid}\ntitle: 项目\nprocedure: seed\nhouseholds: {{register: households/r.csv}}\nsteps:\n" + _community_reviews(day)
        )
        files[f"projects/{pid}/canvass.csv"] = _visits(day + dt.timedelta(days=10), heard)
    ws = write_tree(tmp_path, files)
    assert cli("check", ws).exit_code == 0, cli("check", ws).output
    code, report = _report(ws)
    assert code == 1 and _flags(report) == {"short": {"canvass_open"}, "reached": {"unposted"}}


def test_the_canvass_is_counted_by_building_and_channel_each_household_by_its_latest_contact(tmp_path: Path) -> None:
    """Of one household, its latest contact through each channel counts there, once; a visit
    after the canvass closed counts nowhere; the rate counts only the channels that count."""
    from street import _REGISTER, _WS, _community_reviews

    from fourtwo.office.gather import gather
    from fourtwo.office.schema import TABLES

    day = AS_OF - dt.timedelta(days=100)
    visits = (
        "household,opinion,by,date,channel,note\n"
        f"1-1-101,oppose,甲,{day + dt.timedelta(days=5)},in_person,\n"
        f"1-1-101,agree,甲,{day + dt.timedelta(days=4)},in_person,\n"  # earlier by date, though written later
        f"1-1-101,abstain,甲,{day + dt.timedelta(days=6)},phone,\n"
        f"2-1-101,agree,乙,{day + dt.timedelta(days=6)},paper,\n"
        f"2-1-201,absent,乙,{day + dt.timedelta(days=6)},in_person,\n"  # not at home: not heard
        f"2-1-301,agree,乙,{day + dt.timedelta(days=60)},in_person,\n"  # after the resolution: outside the canvass
    )
    steps = _community_reviews(day) + f"  - {{step: assembly, date: {day + dt.timedelta(days=30)}, members: 45, present: 40, for: 38}}\n"
    write_tree(tmp_path, {"fourtwo.yaml": _WS.format(name="戊社区", kind="community"), "households/r.csv": _REGISTER})
    write_tree(
        tmp_path,
        {"projects/p/project.yaml": "id: p\ntitle: 项目\nhouseholds: {register: households/r.csv}\nsteps:\n" + steps, "projects/p/canvass.csv": visits},
    )
    names = [c.name for c in TABLES["canvass"]]
    rows = {r[names.index("building")]: dict(zip(names, r, strict=True)) for r in gather([tmp_path], tmp_path).rows.canvass}
    one, two = rows["1"], rows["2"]
    assert (one["in_scope"], one["heard"], two["in_scope"], two["heard"]) == (5, 1, 5, 0)  # only in_person counts
    assert (one["heard_in_person"], one["heard_phone"], two["heard_paper"], two["heard_in_person"]) == (1, 1, 1, 0)
    assert (one["threshold_num"], one["threshold_den"], one["counted_channels"]) == (4, 5, "in_person")
    # Opinions are the project's, as its notices print them: a building of one household would give its opinion away.
    assert not any(name.startswith(("agree_", "oppose_", "abstain_")) for name in names)
    columns = [c.name for c in TABLES["projects"]]
    project = dict(zip(columns, gather([tmp_path], tmp_path).rows.projects[0], strict=True))
    assert (project["oppose_in_person"], project["agree_in_person"], project["abstain_phone"], project["agree_paper"]) == (1, 0, 1, 1)


def test_the_rows_are_the_same_from_forked_workers(street: Path) -> None:
    """rows.project_rows runs where each project is judged: in forked parts, the same rows."""
    from fourtwo.office.gather import gather

    one, two = gather([street], street, jobs=1), gather([street], street, jobs=2)
    assert one.rows.projects and one == two


def test_every_flag_query_returns_the_flag_columns(street: Path) -> None:
    from fourtwo.office.engine import Engine, query_text
    from fourtwo.office.gather import gather
    from fourtwo.office.schema import FLAG_COLUMNS
    from fourtwo.office.tables import tables

    engine = Engine()
    engine.load_tables(tables(gather([street], street)))
    engine.settle(AS_OF, None)
    for slug in FLAGS:
        assert engine.run(query_text(slug), slug).columns == list(FLAG_COLUMNS), slug


def test_a_filter_that_names_nothing_is_a_usage_error_with_suggestions(street: Path) -> None:
    """`--org 不存在` reads as a clean street unless said: every word of --org must name a
    workspace (its organisation or folder), every --flag word a flag."""
    for args, said in (
        (["--org", "不存在"], ["--org", "没有名为“不存在”的组织", "甲社区", "乙村", "丙社区"]),
        (["--org", "tmp"], ["tmp"]),  # the path above the workspaces names none of them
        (["--org", "乙村", "--org", "甲社去"], ["甲社去", "甲社区"]),
        (["--flag", "unpostd"], ["--flag", "unpostd", "unposted"]),
    ):
        result = cli("report", street, *args, "--date", AS_OF.isoformat(), "--lang", "zh")
        assert result.exit_code == 2 and "FT905" in result.output, result.output
        assert all(s in result.output for s in said), result.output
    chinese = cli("report", street, "--flag", "决议未公开", "--date", AS_OF.isoformat(), "--format", "json")
    assert chinese.exit_code == 1 and set(json.loads(chinese.stdout)["flags"]) == {"unposted"}  # a flag by its name in Chinese
    clean = cli("report", street / "乙村" / "projects" / "clean-village", "--flag", "unposted", "--date", AS_OF.isoformat(), "--lang", "zh")
    assert clean.exit_code == 0 and "--flag unposted" in clean.output  # nothing flagged: says which filter found nothing


def test_the_terminal_table_names_the_organisation_the_project_and_its_procedure(street: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 25's columns in the terminal too; the procedure by its name in Chinese (its id in
    English and in JSON); on a narrow terminal the widest of them give way, and it says so."""
    zh = cli("report", street, "--date", AS_OF.isoformat(), "--lang", "zh")
    header = zh.stdout.splitlines()[0].split()
    assert header[:5] == ["文件夹", "组织", "项目", "名称", "程序"], header
    row = next(line for line in zh.stdout.splitlines() if " unposted " in f" {line} ")
    assert "乙村" in row and "项目unposted" in row and "村级“四议两公开”" in row and "village" not in row
    en = cli("report", street, "--date", AS_OF.isoformat(), "--lang", "en")
    assert en.stdout.splitlines()[0].split()[:5] == ["folder", "organisation", "project", "title", "procedure"]
    assert " village " in next(line for line in en.stdout.splitlines() if " unposted " in line)
    as_csv = cli("report", street, "--date", AS_OF.isoformat(), "--format", "csv", "--lang", "zh")
    rows = list(csv.reader(io.StringIO(as_csv.stdout.lstrip("\ufeff"))))
    assert rows[0][4] == "程序" and {r[4] for r in rows[1:]} == {"村级“四议两公开”", "社区“四议两公开”（居民代表会议决议）"}
    as_json = json.loads(cli("report", street, "--date", AS_OF.isoformat(), "--format", "json", "--lang", "zh").stdout)
    unposted = next(p for p in as_json["projects"] if p["project"] == "unposted")
    assert (unposted["procedure"], unposted["procedure_name"]) == ("village", "村级“四议两公开”")
    import fourtwo.cli.office
    from fourtwo.cli._lang import columns

    wide = max(map(columns, zh.stdout.splitlines()[: zh.stdout.splitlines().index("")]))
    monkeypatch.setattr(fourtwo.cli.office, "_terminal_width", lambda: wide - 1)  # one column short: the procedure gives way, nothing else
    narrow = cli("report", street, "--date", AS_OF.isoformat(), "--lang", "zh").stdout.splitlines()
    table = narrow[: narrow.index("")]
    assert max(map(columns, table)) < wide and "程序" not in table[0] and "组织" in table[0] and "名称" in table[0] and "问题" in table[0]
    assert any(line.startswith("（终端宽度不够，未显示：程序") for line in narrow), narrow


def test_a_report_dated_before_the_records_is_refused(street: Path) -> None:
    """Dated before a step the records hold, a report would count negative days and judge a state
    that did not exist yet: a usage error naming the latest record, and nothing reported."""
    latest = cli("report", street, "--date", "2000-01-01", "--format", "json")
    assert latest.exit_code == 2 and "FT956" in latest.output and latest.stdout == ""
    day = latest.output.split("holds a step of ")[1][:10]
    assert cli("report", street, "--date", day, "--format", "json").exit_code in (0, 1)


def test_an_error_in_fourtwo_yaml_is_counted_by_every_project_of_its_workspace(tmp_path: Path) -> None:
    """Nothing is judged until fourtwo.yaml loads: the report does not show its projects with 0 errors."""
    import shutil

    from conftest import EXAMPLES

    ws = tmp_path / "taqiao"
    shutil.copytree(EXAMPLES / "taqiao", ws)
    text = (ws / "fourtwo.yaml").read_text(encoding="utf-8")
    (ws / "fourtwo.yaml").write_text("timezone: Asia/Beijing\n" + text, encoding="utf-8")  # FT220
    result = cli("report", ws, "--date", "2024-05-01", "--format", "json")
    row = json.loads(result.stdout)["projects"][0]
    assert row["errors"] >= 1, result.stdout
