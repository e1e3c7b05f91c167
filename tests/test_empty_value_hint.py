"""FT109 (an empty required value): where `fourtwo correct project` or `fourtwo correct workspace`
sets the key, the hint names that command and option, and that command, run as the hint says,
fixes it; other keys keep the advice to write the value by hand."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
import typer
from conftest import EXAMPLES, cli

from fourtwo.findings.setters import PROJECT, WORKSPACE

HONGMEIYUAN = "projects/2024-hongmeiyuan-activity-area"


@pytest.fixture
def beiyuan(tmp_path: Path) -> Path:
    shutil.copytree(EXAMPLES / "beiyuan", tmp_path / "beiyuan")
    return tmp_path / "beiyuan"


def _hint(output: str, code: str) -> str:
    found = re.search(rf"{code} .*\n\s+hint: (.*)", output)
    assert found is not None, output
    return found.group(1)


@pytest.mark.parametrize(
    ("pattern", "emptied", "value"),
    [
        (r"(?m)^title: .*$", "title:", "红梅园小区居民活动场地改造"),
        (r"(?m)^title: .*$", 'title: ""', "红梅园小区居民活动场地改造"),
        (r"(?m)^(  register: ).*$", r"\1", "households/hongmeiyuan.csv"),
    ],
)
def test_an_empty_value_a_command_sets_names_it_and_it_fixes_it(beiyuan: Path, monkeypatch: pytest.MonkeyPatch, pattern: str, emptied: str, value: str) -> None:
    project = beiyuan / HONGMEIYUAN / "project.yaml"
    project.write_text(re.sub(pattern, emptied, project.read_text(encoding="utf-8"), count=1), encoding="utf-8")
    monkeypatch.chdir(beiyuan)
    checked = cli("check", ".", "--lang", "en")
    assert checked.exit_code == 1, checked.output
    hint = _hint(checked.stdout, "FT109")
    assert hint.startswith("set it with: fourtwo correct project "), hint
    command = shlex.split(hint.removeprefix("set it with: ").replace("--reason …", "--reason 补填").replace("…", value))
    assert command[:4] == ["fourtwo", "correct", "project", HONGMEIYUAN], command
    fixed = cli(*command[1:])
    assert fixed.exit_code == 0, fixed.output
    after = cli("check", ".", "--lang", "en")
    assert "FT109" not in after.stdout, after.output


def test_an_empty_value_no_command_sets_keeps_the_advice_to_write_it(beiyuan: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = beiyuan / HONGMEIYUAN / "project.yaml"
    project.write_text(re.sub(r"(?m)^id: .*$", "id:", project.read_text(encoding="utf-8"), count=1), encoding="utf-8")
    workspace = beiyuan / "fourtwo.yaml"
    workspace.write_text(re.sub(r"(?m)^(  name: ).*$", r"\1", workspace.read_text(encoding="utf-8"), count=1), encoding="utf-8")
    monkeypatch.chdir(beiyuan)
    checked = cli("check", ".", "--lang", "en")
    hints = re.findall(r"FT109 .*\n\s+hint: (.*)", checked.stdout)
    assert len(hints) == 2 and all(h.startswith("write a value after '") and "fourtwo correct" not in h for h in hints), checked.stdout


def test_an_empty_setting_a_command_sets_would_name_it() -> None:
    """fourtwo.yaml's settable keys are optional today (an empty one is FT206): the table names
    `fourtwo correct workspace` all the same, for the day one is required."""
    from fourtwo.findings.setters import setter_hint

    hint = setter_hint(Path("beiyuan/fourtwo.yaml"), "notice.hotline")
    assert str(hint) == "set it with: fourtwo correct workspace beiyuan --hotline …"
    assert setter_hint(Path("beiyuan/fourtwo.yaml"), "organisation.name") is None
    assert setter_hint(Path("beiyuan/fourtwo.yaml"), "title") is None  # a key of the other file


def test_every_option_the_table_names_is_the_command_s_own() -> None:
    from fourtwo.cli.app import load_command

    group = load_command("correct")
    for name, table in (("workspace", WORKSPACE), ("project", PROJECT)):
        command = group.get_command(typer.Context(group), name)
        options = {o for p in command.params for o in p.opts}
        assert set(table.values()) <= options, (name, set(table.values()) - options)
