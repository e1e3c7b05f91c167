"""A notice superseded by a later posting of its kind has one verdict everywhere: verify, the
public site, the export; and a step posted twice dates from one day in status, report and export."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLES, cli

TAQIAO = "projects/2024-taqiao-lane-hardening"


def _code(output: str) -> str:
    found = re.search(r"trace code ([0-9A-F]{4}-[0-9A-F]{4})", output)
    assert found, output
    return found.group(1)


@pytest.fixture
def posted_twice(tmp_path: Path) -> tuple[Path, str, str]:
    """塔桥村: its result notice posted, the cost corrected, the result posted again a day later."""
    shutil.copytree(EXAMPLES / "taqiao", tmp_path / "taqiao")
    project = tmp_path / "taqiao" / TAQIAO
    assert cli("publish", project, "决议", "--date", "2024-03-26", "--format", "txt").exit_code == 0
    work = ["--started", "2024-05-06", "--completed", "2024-06-28", "--cost", "280000", "--acceptance", "合格", "--accepted-on", "2024-06-30"]
    assert cli("implement", project, *work).exit_code == 0
    first = cli("publish", project, "结果", "--date", "2024-07-01", "--format", "txt")
    assert first.exit_code == 0, first.output
    fixed = cli("correct", "implementation", project, "--cost", "281000", "--reason", "按结算单核对", "--on", "2024-07-03")
    assert fixed.exit_code == 0, fixed.output
    second = cli("publish", project, "结果", "--date", "2024-07-04", "--format", "txt")
    assert second.exit_code == 0, second.output
    return project, _code(first.stdout), _code(second.stdout)


def test_verify_calls_a_superseded_notice_history_and_names_the_newer_one(posted_twice: tuple[Path, str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    project, old, new = posted_twice
    monkeypatch.chdir(project.parent.parent)
    verified = cli("verify", old, "--lang", "en")
    assert verified.exit_code == 0, verified.output
    assert verified.stdout.startswith("superseded:") and new in verified.stdout and "2024-07-04" in verified.stdout, verified.output
    assert "changed" not in verified.stdout, verified.output
    assert cli("verify", new).exit_code == 0
    posted = project / "notices/2024-07-01-result.txt"
    posted.write_text("（改）" + posted.read_text(encoding="utf-8"), encoding="utf-8")  # its file edited: still an error
    edited = cli("verify", posted, "--lang", "en")
    assert edited.exit_code == 1 and edited.stdout.startswith("changed:"), edited.output


def test_the_site_marks_a_superseded_notice_and_links_the_newer_one(posted_twice: tuple[Path, str, str], tmp_path: Path) -> None:
    project, old, new = posted_twice
    out = tmp_path / "site"
    built = cli("site", project.parent.parent, "--out", out, "--date", "2024-07-10")
    assert built.exit_code == 0, built.output
    page = (out / f"n/{old}.html").read_text(encoding="utf-8")
    assert "已被取代" in page and f"{new}.html" in page, page
    assert "✗" not in page and "原为" not in page and "记录已变更" not in page, page
    projects = [p for p in out.rglob("*.html") if f"n/{old}.html" in p.read_text(encoding="utf-8") and "/n/" not in p.as_posix()]
    assert projects
    for listing in projects:
        text = listing.read_text(encoding="utf-8")
        line = next(ln for ln in text.splitlines() if f"{old}.html" in ln)
        assert "已被取代" in line and "✗" not in line, line


def _export(ws: Path, out: Path) -> None:
    old_dir = os.getcwd()
    os.chdir(ws)
    try:
        exported = cli("export", "--date", "2024-07-10", "--out", out)
    finally:
        os.chdir(old_dir)
    assert exported.exit_code in (0, 1), exported.output


def test_the_export_says_superseded(posted_twice: tuple[Path, str, str], tmp_path: Path) -> None:
    import duckdb

    project, old, new = posted_twice
    _export(project.parent.parent, tmp_path / "data")
    rows = duckdb.connect().execute(f"SELECT trace_code, verdict FROM read_parquet('{tmp_path / 'data' / 'notices.parquet'}') ORDER BY date").fetchall()
    assert (old, "superseded") in rows and (new, "matches") in rows, rows
    old_dir = os.getcwd()
    os.chdir(project.parent.parent)
    try:
        report = cli("report", "--date", "2024-07-10", "--lang", "en")
    finally:
        os.chdir(old_dir)
    assert report.exit_code == 0 and "FT757" not in report.stdout and "notice_changed" not in report.stdout, report.output


def test_a_step_posted_twice_dates_from_its_latest_posting_everywhere(posted_twice: tuple[Path, str, str], tmp_path: Path) -> None:
    import duckdb

    project, _old, _new = posted_twice
    ws = project.parent.parent
    _export(ws, tmp_path / "data")
    old_dir = os.getcwd()
    os.chdir(ws)
    try:
        table = cli("status", "--lang", "en")
        as_json = cli("status", "--format", "json")
        as_csv = cli("status", "--format", "csv")
        report = cli("report", "--date", "2024-07-10", "--lang", "en")
    finally:
        os.chdir(old_dir)
    con = duckdb.connect()
    reached = con.execute(f"SELECT step_reached_on FROM read_parquet('{tmp_path / 'data' / 'projects.parquet'}')").fetchall()
    assert [str(r[0]) for r in reached] == ["2024-07-04"], reached
    assert "2024-07-04" in table.stdout and "2024-07-01" not in table.stdout, table.stdout
    [row] = json.loads(as_json.stdout) if isinstance(json.loads(as_json.stdout), list) else json.loads(as_json.stdout)["projects"]
    assert row["step_date"] == "2024-07-04", row
    [line] = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert "2024-07-04" in line.values() and "2024-07-01" not in line.values(), line
    assert "2024-07-04" in report.stdout and "2024-07-01" not in report.stdout, report.output
