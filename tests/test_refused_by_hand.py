"""What every writing command refuses is a finding of `check` when it is written by hand.

A clerk's typo (2027 for 2024) or an edit made straight in project.yaml must not pass
`check` when `review`, `publish`, `object` or `correct` would have refused it: a clean check
is the street office's proof that the records are possible. Each finding names the command
that puts the record right, and that command works on the record as it is.
"""

from __future__ import annotations

import re
from pathlib import Path

from conftest import cli

AHEAD = "2098-03-22"  # after any day these tests run on


def _edit(project: Path, old: str, new: str) -> None:
    text = (project / "project.yaml").read_text(encoding="utf-8")
    assert old in text, old
    (project / "project.yaml").write_text(text.replace(old, new, 1), encoding="utf-8")


def _line(project: Path, needle: str) -> int:
    lines = (project / "project.yaml").read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if needle in line)


def _codes(output: str) -> list[tuple[int, str]]:
    return [(int(m[1]), m[2]) for m in re.finditer(r"project\.yaml:(\d+):\d+: \w+ (FT\d+)", output)]


def test_a_meeting_dated_after_today_is_a_finding_and_correct_meeting_puts_it_right(beiyuan: Path) -> None:
    _edit(beiyuan, "    date: 2024-04-26", f"    date: {AHEAD}")  # the representatives' meeting, a typo for its year
    checked = cli("check", beiyuan.parent.parent)
    assert checked.exit_code == 1
    assert (_line(beiyuan, AHEAD), "FT110") in _codes(checked.output)
    assert "fourtwo correct meeting" in checked.output  # the command, not an edit by hand
    fixed = cli("correct", "meeting", beiyuan, "assembly", "--held", AHEAD, "--date", "2024-04-26", "--reason", "年份笔误", "--on", "2024-04-27")
    assert fixed.exit_code == 0, fixed.output
    assert cli("check", beiyuan.parent.parent).exit_code == 0


def test_every_day_a_record_states_as_past_is_held_to_today(beiyuan: Path) -> None:
    """The dates of what happened: a step's day, the work's start and acceptance, an objection
    and its answer. A notice period's last day and a planned date may be ahead."""
    published = cli("publish", beiyuan, "resolution", "--date", "2024-04-28", "--format", "txt")
    assert published.exit_code == 0, published.output
    assert cli("object", beiyuan, "--text", "请加装照明", "--date", "2024-04-29").exit_code == 0
    _edit(beiyuan, "    date: 2024-04-29", f"    date: {AHEAD}")
    checked = cli("check", beiyuan.parent.parent)
    assert (_line(beiyuan, AHEAD), "FT110") in _codes(checked.output), checked.output
    assert "fourtwo correct objection" in checked.output
    fixed = cli("correct", "objection", beiyuan, "1", "--date", "2024-04-29", "--reason", "年份笔误")
    assert fixed.exit_code == 0, fixed.output
    assert cli("check", beiyuan.parent.parent).exit_code == 0


def test_objections_the_commands_refuse_are_findings(beiyuan: Path) -> None:
    assert cli("publish", beiyuan, "resolution", "--date", "2024-04-28", "--format", "txt").exit_code == 0
    for day in ("2024-04-29", "2024-04-30"):
        assert cli("object", beiyuan, "--text", "请加装照明", "--date", day).exit_code == 0
    assert cli("object", beiyuan, "--answer", "1", "--text", "已采纳", "--date", "2024-05-02").exit_code == 0
    assert cli("check", beiyuan.parent.parent).exit_code == 0
    _edit(beiyuan, "    answered: 2024-05-02", "    answered: 2024-04-20")  # before it was raised
    _edit(beiyuan, "    date: 2024-04-30", "    date: 2024-04-01")  # before any notice was posted
    _edit(beiyuan, "  - number: 2", "  - number: 1")  # two objections numbered 1
    checked = cli("check", beiyuan.parent.parent)
    assert checked.exit_code == 1
    found = _codes(checked.output)
    assert (_line(beiyuan, "answered: 2024-04-20"), "FT665") in found
    assert (_line(beiyuan, "date: 2024-04-01"), "FT665") in found
    numbers = [n for n, line in enumerate((beiyuan / "project.yaml").read_text(encoding="utf-8").splitlines(), 1) if line == "  - number: 1"]
    assert (numbers[1], "FT665") in found and (numbers[0], "FT665") not in found
    assert "fourtwo correct objection" in checked.output


def test_the_dates_that_may_be_ahead_are_not_findings(beiyuan: Path) -> None:
    """A notice posted today runs on after today; a planned end is a plan."""
    from fourtwo.files.values import today

    day = today("Asia/Shanghai").isoformat()
    published = cli("publish", beiyuan, "resolution", "--date", day, "--format", "txt")
    assert published.exit_code == 0, published.output
    checked = cli("check", beiyuan.parent.parent)
    assert "FT110" not in checked.output, checked.output


def test_a_record_dated_after_today_does_not_stop_the_street_offices_report(beiyuan: Path) -> None:
    """No --date would make it true: the report goes on and counts the project's error, as check gives it."""
    _edit(beiyuan, "    date: 2024-04-26", f"    date: {AHEAD}")
    reported = cli("report", beiyuan.parent.parent, "--format", "csv")
    assert reported.exit_code != 2, reported.output
    assert "FT956" not in reported.output
    header, row = reported.stdout.splitlines()[:2]
    assert dict(zip(header.split(","), row.split(","), strict=False))["errors"] == "1", reported.stdout
