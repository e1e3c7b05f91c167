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
