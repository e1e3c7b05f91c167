"""A name from the disk or a dataset is shown, never obeyed: a newline in it cannot forge an
output line ("No problems found"), and an escape sequence cannot colour, hide or retitle the
terminal. Each is shown escaped, as Python writes it (\\n, \\x1b, \\u202e)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLES, cli

from fourtwo.findings.printers import one_line

FORGED = "x\nNo problems found (1 workspace, 1 project checked)."
HOSTILE = ("y\x1b[31mred.html", "z\u202elmth.exe", "t\x1b]0;title\x07.txt", "u\x9b31m.txt", "v\u2028w.txt")


@pytest.mark.parametrize("text", [FORGED, *HOSTILE, "a\tb", "c\rd"])
def test_one_line_escapes_what_a_terminal_would_obey(text: str) -> None:
    shown = one_line(text)
    assert "\n" not in shown and "\r" not in shown and "\x1b" not in shown and "\t" not in shown
    assert not re.search("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]", shown)
    assert shown.startswith(text[0])  # what can be shown is shown as it is


def test_chinese_and_full_width_spaces_are_shown_as_they_are() -> None:
    assert one_line("红梅园\u3000小区 1-1-101") == "红梅园\u3000小区 1-1-101"


def _workspace(tmp_path: Path) -> Path:
    ws = tmp_path / "beiyuan"
    shutil.copytree(EXAMPLES / "beiyuan", ws)
    return ws


def test_a_file_name_cannot_forge_a_line_of_checks_output(tmp_path: Path) -> None:
    ws = _workspace(tmp_path)
    notices = next((ws / "projects").iterdir()) / "notices"
    for name in (FORGED, *HOSTILE):
        (notices / name).write_text("a file no record names\n", encoding="utf-8")
    checked = cli("check", ws)
    assert checked.exit_code == 1
    lines = checked.output.splitlines()
    assert not any(line.startswith("No problems found") for line in lines), checked.output
    assert not re.search("[\x1b\x07\x9b\u2028\u202e]", checked.output)
    for line in lines:  # every line is a finding, its hint, or the summary
        assert re.match(r"(\S.*:\d+:\d+: (error|warning|info) FT\d+ |    hint: |Found )", line), line
    assert "x\\nNo problems found" in checked.output  # shown escaped, where it is


def test_a_folder_name_cannot_forge_a_row_of_the_status_table_or_the_report(tmp_path: Path) -> None:
    street = tmp_path / "street"
    street.mkdir()
    shutil.copytree(EXAMPLES / "beiyuan", street / "bei\x1b[31myuan\nfake")
    shutil.copytree(EXAMPLES / "taqiao", street / "taqiao")
    for command in ("status", "report"):
        shown = cli(command, street)
        assert shown.exit_code in (0, 1), shown.output
        assert "\x1b" not in shown.output and "\nfake" not in shown.output, shown.output
        assert "yuan\\nfake" in shown.output


def test_a_path_a_hint_puts_in_a_command_is_one_word_of_it(tmp_path: Path) -> None:
    """A hint's command is meant to be copied: a folder named with a space, a quote or `$(…)`
    is quoted as the shell reads one word, never run as a command of its own."""
    import shlex

    ws = tmp_path / "my ws"
    shutil.copytree(EXAMPLES / "beiyuan", ws)
    (ws / "projects" / "x $(touch PWNED) y").mkdir()
    (ws / "projects" / "x $(touch PWNED) y" / "notes.txt").write_text("a folder with no project.yaml\n", encoding="utf-8")
    checked = cli("check", ws)
    hint = next(line for line in checked.output.splitlines() if "fourtwo new" in line)
    words = shlex.split(hint.rsplit("fourtwo new", 1)[1])
    assert words[0] == "x $(touch PWNED) y" and words[1] == "--workspace" and words[2].endswith("my ws"), hint


def test_a_plain_path_and_chinese_stay_unquoted() -> None:
    from fourtwo.i18n import T

    text = str(T("set it: fourtwo correct workspace {folder} --hotline …", folder="北苑社区/ws-1"))
    assert text == "set it: fourtwo correct workspace 北苑社区/ws-1 --hotline …"
    assert str(T("set it: fourtwo correct workspace {folder} --hotline …", folder="my ws")) == "set it: fourtwo correct workspace 'my ws' --hotline …"
    assert str(T("the folder {folder} is empty", folder="my ws")) == "the folder my ws is empty"  # no command: as it is
