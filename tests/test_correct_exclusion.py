"""An exclusion recorded by mistake, or without the reason it needs, is corrected by a command
(`fourtwo correct exclusion`), never by editing project.yaml: the hints of FT620 and FT524
name it, it keeps the exclusion and its history in the file, and the counts follow."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from conftest import cli
from hinted import hinted_command, run_hint
from test_frozen_scope import _five, _resolve


def _data(project: Path) -> dict[str, object]:
    data = yaml.safe_load((project / "project.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _by_hand(project: Path, *lines: str) -> None:
    """Exclusions written into project.yaml by hand (flow style, as a clerk copies them)."""
    text = (project / "project.yaml").read_text(encoding="utf-8")
    (project / "project.yaml").write_text(text + "exclusions:\n" + "".join(f"  - {line}\n" for line in lines), encoding="utf-8")


def _rate(project: Path) -> str:
    found = re.search(r"(\d+) of (\d+)", cli("canvass", "coverage", project, "--lang", "en").stdout)
    assert found is not None
    return found.group(0)


def test_a_heard_household_left_out_by_mistake_is_withdrawn_by_the_command_ft620_names(tmp_path: Path) -> None:
    project = _five(tmp_path)
    _by_hand(project, "{household: 1-1-201, reason: 空置, date: 2024-04-11}")
    assert _rate(project) == "2 of 4"  # 1-1-201's agree left the counts with it
    check = cli("check", project, "--lang", "en")
    assert check.exit_code == 1 and "FT620" in check.stdout, check.stdout
    assert "project.yaml" not in check.stdout.split("FT620", 1)[1].split("\n", 2)[1]  # the hint names a command, not a file to edit
    done = run_hint(check.stdout, "correct exclusion", reason="误录，该户已入户征求")
    assert done.exit_code == 0, done.output
    assert "withdrawn: no → yes" in done.stdout or "withdrawn: false → true" in done.stdout, done.stdout
    data = _data(project)
    assert data["exclusions"] == [{"household": "1-1-201", "reason": "空置", "date": __import__("datetime").date(2024, 4, 11), "withdrawn": True}]
    history = data["corrections"]
    assert isinstance(history, list) and len(history) == 1
    assert (history[0]["exclusion"], history[0]["key"], history[0]["old"], history[0]["new"]) == ("1-1-201", "withdrawn", "false", "true")
    assert history[0]["reason"] == "误录，该户已入户征求"
    assert "FT620" not in cli("check", project).stdout
    assert _rate(project) == "3 of 5"  # back in scope, its opinion counted
    shown = cli("show", project, "--lang", "zh").stdout
    assert "1-1-201" in shown and "撤回" in shown, shown  # the history is read in the clerk's words


def test_or_the_reason_it_stands_is_recorded_by_the_command_ft620_names(tmp_path: Path) -> None:
    project = _five(tmp_path)
    _by_hand(project, "{household: 1-1-201, reason: 空置, date: 2024-04-11}")
    check = cli("check", project, "--lang", "en").stdout
    second = check[check.index("fourtwo correct exclusion") + 1 :]  # the hint's second command: say why it stands
    words = hinted_command(second, "correct exclusion", although_heard="入户后已迁出，户籍注销", reason="补记理由")
    assert "--although-heard" in words and "--withdraw" not in words, words
    done = cli(*words)
    assert done.exit_code == 0, done.output
    exclusion = _data(project)["exclusions"][0]  # type: ignore[index]
    assert exclusion["although_heard"] == "入户后已迁出，户籍注销" and "withdrawn" not in exclusion
    assert "FT620" not in cli("check", project).stdout
    assert _rate(project) == "2 of 4"  # still left out, now with its reason


def test_ft524_in_check_names_the_withdrawal_of_the_exclusion_that_does_not_count(tmp_path: Path) -> None:
    project = _five(tmp_path)
    _by_hand(project, "{household: 1-1-401, reason: 常年外出, date: 2024-04-11}", "{household: 1-1-401, reason: 空置, date: 2024-04-12}")
    check = cli("check", project, "--lang", "en")
    assert check.exit_code == 1 and "FT524" in check.stdout and "left out twice" in check.stdout, check.stdout
    done = run_hint(check.stdout, "correct exclusion", reason="重复录入")
    assert done.exit_code == 0, done.output
    first, second = _data(project)["exclusions"]  # type: ignore[misc]
    assert "withdrawn" not in first and second["withdrawn"] is True  # the second, which never counted
    assert "FT524" not in cli("check", project).stdout
    assert _rate(project) == "3 of 4"


def test_an_exclusion_is_picked_by_the_day_it_was_decided_and_a_withdrawn_one_is_left_out_again_by_exclude(tmp_path: Path) -> None:
    project = _five(tmp_path)
    _by_hand(project, "{household: 1-1-401, reason: 常年外出, date: 2024-04-11}", "{household: 1-1-401, reason: 空置, date: 2024-04-12}")
    done = cli("correct", "exclusion", project, "1-1-401", "--left-out", "2024-04-11", "--withdraw", "--reason", "户主已回")
    assert done.exit_code == 0, done.output
    first, second = _data(project)["exclusions"]  # type: ignore[misc]
    assert first["withdrawn"] is True and "withdrawn" not in second
    assert "FT524" not in cli("check", project).stdout  # the withdrawn one is history: no duplicate now
    assert cli("correct", "exclusion", project, "1-1-401", "--withdraw", "--reason", "再撤").exit_code == 0
    again = cli("canvass", "exclude", project, "1-1-401", "--reason", "常年外出", "--date", "2024-04-13")
    assert again.exit_code == 0, again.output  # nothing in force leaves it out: it may be left out again
    assert _rate(project) == "3 of 4"


def test_what_the_command_cannot_do_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    project = _five(tmp_path)
    _by_hand(project, "{household: 1-1-401, reason: 常年外出, date: 2024-04-11}")
    before = (project / "project.yaml").read_bytes()
    cases = [
        (("1-1-501", "--withdraw"), "FT905", "1-1-401"),  # not left out: the hint lists those that are
        (("1-1-401", "--left-out", "2024-04-12", "--withdraw"), "FT905", "2024-04-11"),  # no exclusion of that day
        (("1-1-401",), "FT905", "--withdraw"),  # nothing asked
        (("1-1-401", "--withdraw", "--although-heard", "x"), "FT905", "--although-heard"),  # both: a withdrawn one needs no reason
        (("1-1-401", "--although-heard", "不在家"), "FT905", "not heard"),  # never heard: nothing to explain
        (("1-1-401", "--although-heard", " "), "FT905", "--although-heard"),
        (("1-1-401", "--withdraw", "--on", "2999-01-01"), "FT905", "--on"),
    ]
    for args, code, said in cases:
        result = cli("correct", "exclusion", project, *args, "--reason", "r", "--lang", "en")
        assert result.exit_code == 2 and code in result.stderr and said in result.stderr, (args, result.output)
        assert (project / "project.yaml").read_bytes() == before, args
    blank = cli("correct", "exclusion", project, "1-1-401", "--withdraw", "--reason", " ")
    assert blank.exit_code == 2 and "--reason" in blank.stderr and (project / "project.yaml").read_bytes() == before


def test_once_a_step_froze_the_scope_an_exclusion_it_took_is_not_withdrawn(tmp_path: Path) -> None:
    project = _five(tmp_path)
    assert cli("canvass", "exclude", project, "1-1-401", "1-1-501", "--reason", "常年外出", "--date", "2024-04-12").exit_code == 0
    assert _resolve(project).exit_code == 0  # type: ignore[attr-defined]
    before = (project / "project.yaml").read_bytes()
    refused = cli("correct", "exclusion", project, "1-1-401", "--withdraw", "--reason", "户主已回", "--lang", "en")
    assert refused.exit_code == 1 and "FT525" in refused.stderr and "2024-04-20" in refused.stderr, refused.output
    assert (project / "project.yaml").read_bytes() == before
    assert _rate(project) == "3 of 3"  # judged by the scope as it was frozen


def test_a_household_heard_after_the_day_it_was_left_out_is_found_too(tmp_path: Path) -> None:
    """Dated back: left out 'on 2024-04-09', heard on 2024-04-10. Its opinion would leave the
    counts just the same: exclude refuses it, and check finds one written by hand."""
    project = _five(tmp_path)
    refused = cli("canvass", "exclude", project, "1-1-101", "--reason", "空置", "--date", "2024-04-09")
    assert refused.exit_code == 1 and "FT620" in refused.stderr, refused.output
    _by_hand(project, "{household: 1-1-201, reason: 空置, date: 2024-04-09}")
    check = cli("check", project)
    assert check.exit_code == 1 and "FT620" in check.stdout and "'1-1-201' was heard" in check.stdout, check.stdout


def test_a_visit_to_a_household_left_out_is_refused_by_record_and_named_as_such_by_import(tmp_path: Path) -> None:
    project = _five(tmp_path)
    assert cli("canvass", "exclude", project, "1-1-401", "--reason", "常年外出", "--date", "2024-04-11").exit_code == 0
    before = (project / "canvass.csv").read_bytes()
    refused = cli("canvass", "record", project, "1-1-401", "agree", "--date", "2024-04-12", "--lang", "en")
    assert refused.exit_code == 1 and "FT526" in refused.stderr and "常年外出" in refused.stderr, refused.output
    assert "fourtwo correct exclusion" in refused.stderr and (project / "canvass.csv").read_bytes() == before
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("户号,意见,走访人,日期,方式,备注\n1-1-401,同意,李娟,2024-04-12,入户,\n", encoding="utf-8")
    imported = cli("canvass", "import", project, sheet, "--lang", "en")
    assert imported.exit_code == 1 and "left out" in imported.output and "not on the project's register" not in imported.output, imported.output
    done = run_hint(refused.stderr, "correct exclusion", reason="户主已回")
    assert done.exit_code == 0, done.output
    assert cli("canvass", "record", project, "1-1-401", "agree", "--date", "2024-04-12").exit_code == 0


def test_a_refusal_located_in_canvass_csv_names_a_column_from_one(tmp_path: Path) -> None:
    project = _five(tmp_path)
    refused = cli("canvass", "exclude", project, "1-1-101", "--reason", "常年外出", "--date", "2024-04-12")
    assert refused.exit_code == 1 and "canvass.csv:2:1: error FT620" in refused.stderr, refused.stderr


def test_lists_in_a_chinese_message_are_written_as_chinese_writes_them(tmp_path: Path) -> None:
    project = _five(tmp_path)
    _by_hand(project, "{household: 1-1-401, reason: 常年外出, date: 2024-04-11}", "{household: 1-1-401, reason: 空置, date: 2024-04-12}")
    picked = cli("correct", "exclusion", project, "1-1-401", "--left-out", "2024-04-13", "--withdraw", "--reason", "r", "--lang", "zh")
    assert picked.exit_code == 2 and "2024-04-11、2024-04-12" in picked.stderr, picked.stderr


def test_a_phone_in_an_exclusion_reason_is_recorded_masked_and_one_written_by_hand_is_taken_out_by_the_hinted_command(tmp_path: Path) -> None:
    """Why a household is left out is printed on notices as written: `exclude` keeps no full
    number in it (a warning says so), check reports one written by hand, and the command its
    hint names rewrites the reason, the history keeping the old one masked."""
    project = _five(tmp_path)
    done = cli("canvass", "exclude", project, "1-1-401", "--reason", "空置，房东电话13612345678", "--date", "2024-04-11", "--lang", "en")
    assert done.exit_code == 0, done.output
    assert "FT666" in done.output and "136****5678" in done.output
    written = (project / "project.yaml").read_text(encoding="utf-8")
    assert "13612345678" not in written and "136****5678" in written
    assert written.rstrip().splitlines()[-1].startswith("    date:")  # the exclusions are the file's last list: one more item by hand
    (project / "project.yaml").write_text(written + "  - {household: 1-1-501, reason: 空置，房东电话13712345678, date: 2024-04-11}\n", encoding="utf-8")
    check = cli("check", project, "--lang", "en")
    assert "FT667" in check.stdout and "13712345678" not in check.stdout, check.stdout
    fixed = run_hint(check.stdout, "correct exclusion", why="空置", reason="电话不应写入")
    assert fixed.exit_code == 0, fixed.output
    after = (project / "project.yaml").read_text(encoding="utf-8")
    assert "13712345678" not in after and "137****5678" in after  # the history keeps it masked
    assert [e["reason"] for e in _data(project)["exclusions"] if e["household"] == "1-1-501"] == ["空置"]  # type: ignore[index]
    assert "FT667" not in cli("check", project).stdout
