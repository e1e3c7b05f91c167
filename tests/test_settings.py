"""`fourtwo correct workspace`: fourtwo.yaml's settings filled in by a command, comments kept."""

from __future__ import annotations

from pathlib import Path

import yaml
from conftest import cli


def test_the_hotline_and_the_site_are_filled_in_and_a_bad_address_is_refused(tmp_path: Path) -> None:
    assert cli("init", tmp_path / "ws", "--name", "北苑社区").exit_code == 0
    ws = tmp_path / "ws"
    before = (ws / "fourtwo.yaml").read_text(encoding="utf-8")
    done = cli("correct", "workspace", ws, "--hotline", "0951-6012345", "--unit", "工作日", "--site-url", "https://beiyuan.example.org/board/")
    assert done.exit_code == 0, done.output
    text = (ws / "fourtwo.yaml").read_text(encoding="utf-8")
    settings = yaml.safe_load(text)
    assert settings["notice"]["hotline"] == "0951-6012345" and settings["notice"]["unit"] == "working_days"
    assert settings["site"]["url"] == "https://beiyuan.example.org/board/"
    assert "# supervision phone for objections, printed on every notice" in text  # its comment kept
    assert len(text.splitlines()) == len(before.splitlines()) + 2  # changed where written; only site: added
    assert "FT206" not in cli("check", ws).stdout  # the warning that asked for it is gone
    refused = cli("correct", "workspace", ws, "--site-url", "not an address")
    assert refused.exit_code == 2 and "FT905" in refused.output
    assert (ws / "fourtwo.yaml").read_text(encoding="utf-8") == text
    assert cli("correct", "workspace", ws, "--hotline", "0951-6012345").exit_code == 2  # nothing to change


def _period_0_and_a_misspelt_unit(tmp_path: Path) -> tuple[Path, str]:
    """A workspace `init` made, its notice period written 0 and its unit misspelt: its folder and fourtwo.yaml's text."""
    assert cli("init", tmp_path / "ws", "--name", "北苑社区").exit_code == 0
    ws = tmp_path / "ws"
    text = (ws / "fourtwo.yaml").read_text(encoding="utf-8")
    notice = yaml.safe_load(text)["notice"]
    text = text.replace(f"period: {notice['period']}", "period: 0", 1).replace(f"unit: {notice['unit']}", "unit: workdays", 1)
    (ws / "fourtwo.yaml").write_text(text, encoding="utf-8")
    return ws, text


def test_a_setting_that_does_not_load_is_put_right_by_the_command_that_sets_it(tmp_path: Path) -> None:
    """notice.period 0 and a misspelt unit: the command that sets them takes them as they are
    (they load as their defaults, so the file's own value is what it replaces)."""
    ws, text = _period_0_and_a_misspelt_unit(tmp_path)
    checked = cli("check", ws)
    assert "FT106" in checked.output and "FT105" in checked.output and "write 1 or more" in checked.output
    alone = cli("correct", "workspace", ws, "--period", "7")  # the unit is still wrong: said, nothing written
    assert alone.exit_code == 2 and "notice.unit" in alone.output
    assert (ws / "fourtwo.yaml").read_text(encoding="utf-8") == text
    done = cli("correct", "workspace", ws, "--period", "7", "--unit", "working_days")
    assert done.exit_code == 0, done.output
    assert "0 → 7" in done.stdout and "workdays → working_days" in done.stdout
    notice = yaml.safe_load((ws / "fourtwo.yaml").read_text(encoding="utf-8"))["notice"]
    assert (notice["period"], notice["unit"]) == (7, "working_days")
    assert cli("check", ws).exit_code == 0


def test_a_setting_of_the_wrong_kind_is_hinted_to_the_command_that_sets_it(tmp_path: Path) -> None:
    """Not only an empty one (FT109): a misspelt unit (FT105) and a period of 0 (FT106) keep
    what is wrong with them and name `correct workspace` and its option."""
    ws, _text = _period_0_and_a_misspelt_unit(tmp_path)
    out = cli("check", ws).output
    unit = out.split("FT105", 1)[1].split("\n", 2)[1]
    period = out.split("FT106", 1)[1].split("\n", 2)[1]
    assert "working_days" in unit and "fourtwo correct workspace" in unit and "--unit" in unit, out
    assert "1 or more" in period and "--period" in period, out
