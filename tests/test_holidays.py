"""Issue 13 item 18: a workspace declares a year's holidays and make-up working days the
holiday library does not know yet (fourtwo.yaml `holidays:`), used before the library's
data, checked by `check`, and FT603 says how."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLES, cli

from fourtwo.disclosure.period import is_working_day, length, period_end

PROJECT = "projects/2024-taqiao-lane-hardening"
# A year declared must hold its fixed holidays (元旦, 劳动节, 国庆节: FT661); the rest of it here is
# the test's own (a Monday 4 January off, a Saturday 9 January worked).
FIXED_2027 = "2027-05-01, 2027-05-02, 2027-10-01, 2027-10-02, 2027-10-03"
Y2027 = f"""
holidays:
  - year: 2027
    days_off: [2027-01-01, 2027-01-04, {FIXED_2027}]
    working_days: [2027-01-09]
"""


@pytest.fixture
def taqiao(tmp_path: Path) -> Path:
    ws = tmp_path / "taqiao"
    shutil.copytree(EXAMPLES / "taqiao", ws)
    text = (ws / "fourtwo.yaml").read_text(encoding="utf-8")
    (ws / "fourtwo.yaml").write_text(text.replace("period: 7 ", "period: 30").replace("unit: calendar_days", "unit: working_days"), encoding="utf-8")
    return ws


def test_a_year_the_library_does_not_know_is_refused_with_a_hint_that_says_how(taqiao: Path) -> None:
    refused = cli("publish", taqiao / PROJECT, "resolution", "--date", "2026-12-01", "--format", "txt")
    assert refused.exit_code == 2 and "FT603" in refused.stderr, refused.output
    assert f"fourtwo correct workspace {taqiao} --holiday-year 2027" in refused.stderr, refused.stderr  # the folder named: it runs from anywhere


def test_declared_holidays_are_used_before_the_library(taqiao: Path) -> None:
    fixed = {dt.date.fromisoformat(d) for d in FIXED_2027.split(", ")}
    declared = {2027: (frozenset({dt.date(2027, 1, 1), dt.date(2027, 1, 4), *fixed}), frozenset({dt.date(2027, 1, 9)}))}
    assert not is_working_day(dt.date(2027, 1, 4), declared)  # a Monday declared off
    assert is_working_day(dt.date(2027, 1, 9), declared)  # a Saturday declared a working day
    assert is_working_day(dt.date(2027, 1, 5), declared) and not is_working_day(dt.date(2027, 1, 10), declared)
    assert not is_working_day(dt.date(2026, 10, 1), declared)  # the library still answers for its years
    end = period_end(dt.date(2026, 12, 30), 5, "working_days", declared)
    # 30, 31 Dec; 1 Jan off, 2-3 weekend, 4 off; 5, 6, 7 Jan
    assert end == dt.date(2027, 1, 7) and length(dt.date(2026, 12, 30), end, "working_days", declared) == 5
    (taqiao / "fourtwo.yaml").write_text((taqiao / "fourtwo.yaml").read_text(encoding="utf-8") + Y2027, encoding="utf-8")
    done = cli("publish", taqiao / PROJECT, "resolution", "--date", "2026-12-01", "--format", "txt")
    assert done.exit_code == 0, done.output
    checked = cli("check", taqiao)
    assert "FT603" not in checked.stdout and "FT604" not in checked.stdout, checked.stdout


@pytest.mark.parametrize(
    ("section", "code", "where"),
    [
        ("  - year: 2027\n    days_off: [2027-01-01, 2027-02-30]\n", "FT104", "2027-02-30"),
        (f"  - year: 2027\n    days_off: [2027-01-01, 2027-01-09, {FIXED_2027}]\n    working_days: [2027-01-09]\n", "FT641", "2027-01-09"),
        ("  - year: 2027\n    days_off: [2028-01-01]\n", "FT642", "2028-01-01"),
        ("  - year: 2027\n    days_off: [2027-01-01]\n  - year: 2027\n    days_off: [2027-01-02]\n", "FT643", "2027"),
    ],
)
def test_check_reports_a_malformed_holiday_year(taqiao: Path, section: str, code: str, where: str) -> None:
    (taqiao / "fourtwo.yaml").write_text((taqiao / "fourtwo.yaml").read_text(encoding="utf-8") + "holidays:\n" + section, encoding="utf-8")
    checked = cli("check", taqiao)
    assert checked.exit_code == 1, checked.output
    line = next((x for x in checked.stdout.splitlines() if code in x), "")
    assert "fourtwo.yaml:" in line and where in line, checked.stdout


def test_a_clerk_declares_a_year_by_a_command_and_the_hint_names_it(taqiao: Path) -> None:
    """FT603's hint is a command, run as written (the days from the State Council's notice)."""
    refused = cli("publish", taqiao / PROJECT, "resolution", "--date", "2026-12-01", "--format", "txt")
    assert "fourtwo correct workspace" in refused.stderr and "--holiday-year 2027" in refused.stderr, refused.stderr
    before = (taqiao / "fourtwo.yaml").read_text(encoding="utf-8")
    days = "2027-01-01,2027-01-04、2027-05-01~2027-05-02 2027年10月1日至2027年10月3日"
    done = cli("correct", "workspace", taqiao, "--holiday-year", "2027", "--days-off", days, "--working-days", "2027-01-09")
    assert done.exit_code == 0, done.output
    assert "2027-01-04" in done.stdout and "2027-10-02" in done.stdout
    after = (taqiao / "fourtwo.yaml").read_text(encoding="utf-8")
    assert after.startswith(before.rstrip("\n"))  # appended: every line before stays as it was
    assert cli("publish", taqiao / PROJECT, "resolution", "--date", "2026-12-01", "--format", "txt").exit_code == 0
    assert cli("check", taqiao).exit_code == 0
    # the same year again: its days replaced, not a second year (FT643)
    again = cli("correct", "workspace", taqiao, "--holiday-year", "2027", "--working-days", "2027-01-09,2027-02-20")
    assert again.exit_code == 0, again.output
    text = (taqiao / "fourtwo.yaml").read_text(encoding="utf-8")
    assert text.count("year: 2027") == 1 and "2027-02-20" in text and "2027-01-04" in text
    assert cli("check", taqiao).exit_code == 0


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--holiday-year", "2027", "--days-off", "2027-01-01"], "5月1日"),  # the fixed holidays left out (FT661's rule)
        (["--holiday-year", "2027", "--days-off", f"2028-01-01,2027-01-01,{FIXED_2027.replace(' ', '')}"], "2028-01-01"),
        (["--holiday-year", "2027", "--days-off", f"2027-01-09,{FIXED_2027.replace(' ', '')}", "--working-days", "2027-01-09"], "2027-01-09"),
        (["--holiday-year", "2027", "--days-off", "2027-13-01"], "2027-13-01"),
        (["--days-off", "2027-01-01"], "--holiday-year"),
        (["--holiday-year", "2027", "--days-off", "2027-12-31~2027-01-01"], "2027-12-31"),
    ],
)
def test_a_holiday_year_that_would_count_wrongly_is_refused_and_nothing_written(taqiao: Path, args: list[str], said: str) -> None:
    before = (taqiao / "fourtwo.yaml").read_bytes()
    refused = cli("correct", "workspace", taqiao, *args)
    assert refused.exit_code == 2 and said in refused.stderr and "Traceback" not in refused.output, refused.output
    assert (taqiao / "fourtwo.yaml").read_bytes() == before


def test_a_posted_notices_period_is_counted_under_the_holidays_declared_on_its_day(tmp_path: Path) -> None:
    """A year declared again later (one more day off) does not make a notice posted, and clean,
    under the declaration of its day too short: its facts keep the length counted then."""
    ws = tmp_path / "taqiao"
    shutil.copytree(EXAMPLES / "taqiao", ws)
    project = ws / "projects/2024-taqiao-lane-hardening"
    off = "2024-01-01,2024-02-10~2024-02-17,2024-04-04~2024-04-06,2024-05-01~2024-05-05,2024-06-10,2024-09-15~2024-09-17,2024-10-01~2024-10-07"
    worked = "2024-02-04,2024-02-18,2024-04-07,2024-04-28,2024-05-11,2024-09-14,2024-09-29,2024-10-12"
    assert cli("correct", "workspace", ws, "--period", "20", "--unit", "working_days").exit_code == 0
    assert cli("correct", "workspace", ws, "--holiday-year", "2024", "--days-off", off, "--working-days", worked).exit_code == 0
    published = cli("publish", project, "resolution", "--date", "2024-03-25", "--format", "txt")
    assert published.exit_code == 0, published.output
    assert cli("check", ws).exit_code == 0
    redeclared = cli("correct", "workspace", ws, "--holiday-year", "2024", "--days-off", off + ",2024-04-08")
    assert redeclared.exit_code == 0, redeclared.output
    checked = cli("check", ws)
    assert "FT604" not in checked.output, checked.output
    assert checked.exit_code == 0
