"""Issue 13, items 16, 15, 7: dates as people type them, the workspace's day, ids as the eye reads them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import cli
from test_canvass import canvass_workspace

from fourtwo.files.values import date_problem, parse_date


@pytest.mark.parametrize(
    "text",
    [
        "2024-04-10",
        "2024-4-10",
        "2024/4/10",
        "2024/04/10",
        "2024.4.10",
        "2024年4月10日",
        "2024 年 4 月 10 日",
        "２０２４－０４－１０",
        "45392",
        "2024-04-10 00:00:00",
    ],
)
def test_unambiguous_dates_are_read_everywhere(text: str) -> None:
    assert parse_date(text) == dt.date(2024, 4, 10)


@pytest.mark.parametrize("text", ["2024-02-30", "2023/2/29", "2024年13月1日", "2024-04-31"])
def test_a_day_that_does_not_exist_is_named_so(text: str) -> None:
    assert parse_date(text) is None and str(date_problem(text)).startswith("there is no such day")


@pytest.mark.parametrize("text", ["10/4/2024", "4/10/24", "soon", "2024-04", "123", "2024-04-10 09:30"])
def test_ambiguous_or_no_dates_are_refused(text: str) -> None:
    assert parse_date(text) is None and "write" in str(date_problem(text))


def test_the_command_line_and_an_import_take_the_same_dates(tmp_path: Path) -> None:
    project = canvass_workspace(tmp_path)
    assert cli("canvass", "record", project, "1-1-101", "同意", "--date", "2024-4-10").exit_code == 0
    wrong = cli("canvass", "record", project, "1-1-101", "同意", "--date", "2024-02-30")
    assert wrong.exit_code == 2 and "no such day" in wrong.stderr and "YYYY-MM-DD" not in wrong.stderr
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("户号,意见,日期\n1-1-201,同意,2024-4-10\n1-1-301,同意,45392\n", encoding="utf-8")
    result = cli("canvass", "import", project, sheet, "--channel", "入户")
    assert result.exit_code == 0 and "added 2" in result.stdout, result.output
    sheet.write_text("户号,意见,日期\n1-1-401,同意,2024-02-30\n", encoding="utf-8")
    result = cli("canvass", "import", project, sheet, "--channel", "入户")
    assert result.exit_code == 1 and "there is no such day" in result.stdout, result.output


def test_today_is_the_workspace_day_not_the_servers(monkeypatch: pytest.MonkeyPatch) -> None:
    """A server in UTC at 20:00 on 9 April is already at 10 April in China."""
    import fourtwo.files.values as values

    instant = dt.datetime(2024, 4, 9, 20, 0, tzinfo=dt.UTC)

    class Clock(dt.datetime):
        @classmethod
        def now(cls, tz: dt.tzinfo | None = None) -> dt.datetime:  # type: ignore[override]
            return instant.astimezone(tz) if tz else instant.replace(tzinfo=None)

    monkeypatch.setattr(values.dt, "datetime", Clock)
    assert values.today() == dt.date(2024, 4, 10)
    assert values.today("Europe/London") == dt.date(2024, 4, 9)
    assert values.today("No/Such_Zone") == dt.date(2024, 4, 10)  # unknown here: UTC+8, China's all year


@pytest.mark.parametrize("typed", ["１-１-１０１", "1－1－101", "1—1—101", " 1-1-101 ", "1‐1‐101"])
def test_ids_are_read_as_the_eye_reads_them(tmp_path: Path, typed: str) -> None:
    project = canvass_workspace(tmp_path)
    result = cli("canvass", "record", project, typed, "同意", "--date", "2024-04-10")
    assert result.exit_code == 0 and "recorded 1-1-101" in result.stdout, result.output
    (project / "canvass.csv").write_text(f"household,opinion,by,date,channel,note\n{typed},agree,w,2024-04-10,,\n", encoding="utf-8")
    assert cli("check", tmp_path).exit_code == 0


@pytest.mark.parametrize("mark", ["\u200b", "\u200e", "\u202e", "\ufeff"])
def test_invisible_characters_in_ids_are_findings(tmp_path: Path, mark: str) -> None:
    project = canvass_workspace(tmp_path)
    register = tmp_path / "households/r.csv"
    register.write_text(register.read_text(encoding="utf-8").replace("1,1,101,", f"1,1,1{mark}01,"), encoding="utf-8")
    result = cli("check", tmp_path)
    assert "households/r.csv:2:1: error FT309" in result.output, result.output
    typed = cli("canvass", "record", project, f"1-1-1{mark}01", "同意", "--date", "2024-04-10")
    assert typed.exit_code == 2 and "invisible" in typed.stderr
    (project / "canvass.csv").write_text(f"household,opinion,by,date,channel,note\n1-1-2{mark}01,agree,w,2024-04-10,,\n", encoding="utf-8")
    assert "canvass.csv:2:1: error FT501 row 2, column 1 (household): household id" in cli("check", tmp_path).output


def test_the_workspace_chooses_its_time_zone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """fourtwo.yaml's `timezone:` decides the default --date and what is "future", in
    record and in check; an unknown zone is a finding at its key."""
    import fourtwo.files.values as values

    instant = dt.datetime(2024, 4, 16, 3, 0, tzinfo=dt.UTC)  # 16 April in China, still 15 April in Los Angeles

    class Clock(dt.datetime):
        @classmethod
        def now(cls, tz: dt.tzinfo | None = None) -> dt.datetime:  # type: ignore[override]
            return instant.astimezone(tz) if tz else instant.replace(tzinfo=None)

    monkeypatch.setattr(values.dt, "datetime", Clock)
    project = canvass_workspace(tmp_path)
    ws = tmp_path / "fourtwo.yaml"
    ws.write_text(ws.read_text(encoding="utf-8") + "timezone: America/Los_Angeles\n", encoding="utf-8")
    result = cli("canvass", "record", project, "1-1-101", "同意")
    assert result.exit_code == 0 and "2024-04-15" in result.stdout, result.output
    future = cli("canvass", "record", project, "1-1-201", "同意", "--date", "2024-04-16")
    assert future.exit_code != 0 and "future" in future.output, future.output
    assert "1-1-201" not in (project / "canvass.csv").read_text(encoding="utf-8-sig")
    (project / "canvass.csv").write_text(
        "household,opinion,by,date,channel,note\n1-1-101,agree,w,2024-04-15,,\n1-1-201,agree,w,2024-04-16,,\n", encoding="utf-8"
    )
    checked = cli("check", tmp_path)
    assert "canvass.csv:3:" in checked.stdout and "future" in checked.stdout, checked.stdout
    ws.write_text(ws.read_text(encoding="utf-8").replace("America/Los_Angeles", "Asia/Shanghia"), encoding="utf-8")
    checked = cli("check", tmp_path)
    line = next((x for x in checked.stdout.splitlines() if "FT220" in x), "")
    assert line.startswith(f"{ws}:") or "fourtwo.yaml:" in line, checked.stdout
    assert "Asia/Shanghia" in line, line
