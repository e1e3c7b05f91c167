"""The dataset's two layouts: the tables partitioned by organisation and year (for Spark and
object stores) and, beside them, one file per table (what one machine reads fast): the same
rows, the same report from either."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from pathlib import Path

import pytest
from conftest import cli, write_tree
from street import _REGISTER, _WS, AS_OF, _community_reviews, write_street

from fourtwo.office.schema import TABLES


@pytest.fixture(scope="module")
def street(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_street(tmp_path_factory.mktemp("office") / "街道")


def _in(folder: Path, *args: str | Path) -> tuple[int, str]:
    old = Path.cwd()
    os.chdir(folder)
    try:
        result = cli(*args)
    finally:
        os.chdir(old)
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, result.stdout


def test_each_table_is_also_one_file_with_the_partitions_rows(street: Path, tmp_path: Path) -> None:
    import duckdb

    data = tmp_path / "data"
    _in(street, "export", "--out", data)
    con = duckdb.connect()
    for name, columns in TABLES.items():
        whole = data / f"{name}.parquet"
        listed = ", ".join(c.name for c in columns)
        one = con.execute(f"SELECT {listed} FROM read_parquet('{whole}')")
        types = [d[1] for d in one.description]
        rows = one.fetchall()
        parts = sorted((data / name).rglob("*.parquet"))
        hive = "false" if name == "workspaces" else "true, hive_types = {'organisation': 'VARCHAR', 'year': 'INTEGER'}"
        split = con.execute(f"SELECT {listed} FROM read_parquet({[str(p) for p in parts]}, hive_partitioning = {hive})") if parts else None
        assert split is not None or not rows, name
        if split is not None:
            assert [d[1] for d in split.description] == types, name  # the same types, partitions included
            assert sorted(rows, key=repr) == sorted(split.fetchall(), key=repr), name  # the same rows
    assert con.execute(f"SELECT COUNT(*) FROM read_parquet('{data / 'projects.parquet'}')").fetchone() == (10,)


def test_the_report_reads_the_whole_files_when_there_and_the_partitions_otherwise(street: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    _in(street, "export", "--out", data)
    live = _in(street, "report", "--date", AS_OF.isoformat(), "--format", "json")
    assert _in(street, "report", "--data", data, "--date", AS_OF.isoformat(), "--format", "json") == live
    query = write_tree(tmp_path, {"q.sql": "SELECT COUNT(*) AS n FROM steps"}) / "q.sql"
    assert json.loads(_in(street, "report", "--data", data, "--sql", query, "--format", "json")[1]) == [{"n": 50}]  # 14 records in 甲社区, 36 in 乙村
    aside = tmp_path / "aside"
    for name in TABLES:  # the partitions gone: the whole files answer alone
        shutil.move(data / name, aside / name)
    assert _in(street, "report", "--data", data, "--date", AS_OF.isoformat(), "--format", "json") == live
    for name in TABLES:  # the whole files gone: the partitions answer
        shutil.move(aside / name, data / name)
        (data / f"{name}.parquet").unlink()
    assert _in(street, "report", "--data", data, "--date", AS_OF.isoformat(), "--format", "json") == live
    assert json.loads(_in(street, "report", "--data", data, "--sql", query, "--format", "json")[1]) == [{"n": 50}]


def test_a_visit_after_the_reports_date_is_not_counted_on_it(tmp_path: Path) -> None:
    """The report's date is its today: a visit after it counts no more than one after today does
    for check, so the canvass it prints and the lateness it decides count the same visits; a
    dataset is counted to the day export is given, and reports the same."""
    today = dt.date.today()
    start, as_of = today - dt.timedelta(days=300), today - dt.timedelta(days=60)
    visits = "household,opinion,by,date,channel,note\n" + "".join(
        f"{b}-1-{r}01,agree,网格员,{start + dt.timedelta(days=10) if n < 2 else today - dt.timedelta(days=30)},in_person,\n"
        for n, (b, r) in enumerate((b, r) for b in (1, 2) for r in range(1, 6))
    )
    ws = write_tree(
        tmp_path / "ws",
        {
            "fourtwo.yaml": _WS.format(name="丁社区", kind="community"),
            "households/r.csv": _REGISTER,
            "projects/p/project.yaml": "id: p\ntitle: 项目\nhouseholds: {register: households/r.csv}\nsteps:\n" + _community_reviews(start),
            "projects/p/canvass.csv": visits,
        },
    )
    code, text = _in(ws, "report", "--date", as_of.isoformat(), "--format", "json")
    row = json.loads(text)["projects"][0]
    assert code == 1 and row["canvass"] == "2/10 20.0%"  # by the report's date, 2 of 10 heard
    assert row["step_on"] == (start + dt.timedelta(days=10)).isoformat() and row["days_since"] == 230
    assert [(f["flag"], f["days"]) for f in row["flags"]] == [("canvass_open", 170)]  # open since its first contact, 60 days allowed
    code, text = _in(ws, "report", "--format", "json")  # to today: all 10 heard, the canvass reached
    assert json.loads(text)["projects"][0]["canvass"] == "10/10 100.0%"
    _in(ws, "export", "--date", as_of.isoformat(), "--out", tmp_path / "data")
    code, from_data = _in(ws, "report", "--data", tmp_path / "data", "--date", as_of.isoformat(), "--format", "json")
    assert json.loads(from_data)["projects"] == json.loads(_in(ws, "report", "--date", as_of.isoformat(), "--format", "json")[1])["projects"]


def test_an_export_stopped_while_it_swaps_tables_is_never_read_as_whole(street: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The tables are put in place one by one: an export stopped among them leaves a dataset that
    says so, which report refuses (not old and new rows mixed), and the next export finishes."""
    from fourtwo.office import dataset
    from fourtwo.office.gather import gather
    from fourtwo.office.tables import tables

    out = tmp_path / "ds"
    assert cli("export", street, "--out", out, "--date", AS_OF.isoformat()).exit_code == 0
    made = tables(gather([street], street, AS_OF))
    calls = {"n": 0}
    real_rename = Path.rename

    def rename(self: Path, target: str | Path) -> Path:
        calls["n"] += 1
        if calls["n"] > 2:
            raise KeyboardInterrupt  # stands for a kill among the swaps
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", rename)
    with pytest.raises(KeyboardInterrupt):
        dataset.write(out, made)
    monkeypatch.undo()
    result = cli("report", "--data", out, "--date", AS_OF.isoformat())
    assert result.exit_code == 2 and "FT958" in result.output, result.output
    assert cli("export", street, "--out", out, "--date", AS_OF.isoformat()).exit_code == 0
    assert cli("report", "--data", out, "--date", AS_OF.isoformat(), "--format", "json").exit_code in (0, 1)


def test_an_organisation_too_long_for_a_folder_name_is_said_before_anything_is_written(tmp_path: Path) -> None:
    ws = tmp_path / "村"
    shutil.copytree(Path(__file__).parent.parent / "examples/taqiao", ws)
    text = (ws / "fourtwo.yaml").read_text(encoding="utf-8")
    name = "很长的村名" * 18  # 270 bytes: more than a folder's name may hold
    assert cli("correct", "workspace", ws, "--name", name).exit_code == 0
    assert name in (ws / "fourtwo.yaml").read_text(encoding="utf-8") and text != (ws / "fourtwo.yaml").read_text(encoding="utf-8")
    out = tmp_path / "ds"
    result = cli("export", ws, "--out", out, "--date", "2024-08-10")
    assert result.exit_code == 2 and "FT959" in result.output and "--name" in result.output, result.output
    assert not out.exists()


def test_export_refuses_a_day_before_the_records_as_report_does(tmp_path: Path) -> None:
    """A dataset counted to a day before a step its records hold would give a report negative
    days and false flags: export refuses that day as report does (FT956), and writes nothing."""
    from conftest import copy_beiyuan_2024

    ws = copy_beiyuan_2024(tmp_path / "beiyuan")
    reported = cli("report", ws, "--date", "2024-04-15")
    assert reported.exit_code == 2 and "FT956" in reported.output
    exported = cli("export", ws, "--out", tmp_path / "data", "--date", "2024-04-15")
    assert exported.exit_code == 2 and "FT956" in exported.output, exported.output
    assert not (tmp_path / "data").exists()
