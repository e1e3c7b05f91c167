"""Arguments in a terminal's wrong encoding, a closed standard output, a project outside projects/."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES

PROJECT = "projects/2023-chaoyang-old-estate-renovation"


def _run(ws: Path, *args: str | bytes) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "fourtwo", *args], cwd=ws, capture_output=True, timeout=60)


@pytest.fixture
def chaoyang(tmp_path: Path) -> Path:
    ws = tmp_path / "ws"
    shutil.copytree(EXAMPLES / "chaoyang", ws)
    return ws


def _files(ws: Path) -> dict[str, bytes]:
    return {str(p.relative_to(ws)): p.read_bytes() for p in sorted(ws.rglob("*")) if p.is_file() and ".fourtwo" not in p.parts}


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["new", "p2", "--title", b"\xba\xec\xc3\xb7"], "--title"),
        (["canvass", "record", PROJECT, "1-1-101", "同意", "--by", b"\xba\xec", "--date", "2023-03-26"], "--by"),
        (["canvass", "record", PROJECT, "1-1-101", b"\xcd\xac\xd2\xe2", "--date", "2023-03-26"], "OPINION"),
    ],
)
def test_an_argument_in_a_non_utf8_terminal_encoding_is_refused(chaoyang: Path, args: list[str | bytes], option: str) -> None:
    before = _files(chaoyang)
    done = _run(chaoyang, *args)
    err = done.stderr.decode("utf-8")
    assert done.returncode == 2, err
    assert "FT905" in err and option in err and "UTF-8" in err and "sorry" not in err
    assert len(err.strip().splitlines()) == 2  # the message and its hint
    assert _files(chaoyang) == before


def test_a_closed_stdout_after_a_write_is_not_a_failure(chaoyang: Path) -> None:
    command = f"'{sys.executable}' -m fourtwo canvass record {PROJECT} 1-1-102 同意 --by 李 --date 2023-03-26 >&-"
    done = subprocess.run(["sh", "-c", command], cwd=chaoyang, capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr.decode()
    assert len(done.stderr.decode().strip().splitlines()) <= 1 and "sorry" not in done.stderr.decode()
    assert "1-1-102,agree,李" in (chaoyang / PROJECT / "canvass.csv").read_text(encoding="utf-8-sig")
    checked = subprocess.run(["sh", "-c", f"'{sys.executable}' -m fourtwo check >&-"], cwd=chaoyang, capture_output=True, timeout=60)
    assert checked.returncode == 0, checked.stderr.decode()


def test_a_project_outside_projects_is_named_not_ignored(chaoyang: Path) -> None:
    shutil.copytree(chaoyang / PROJECT, chaoyang / "other" / "x")
    for args in (
        ["check", "other/x"],
        ["check", "other"],
        ["check", "other/x/project.yaml"],
        ["canvass", "record", "other/x", "1-1-101", "同意", "--date", "2023-03-26"],
    ):
        done = _run(chaoyang, *args)
        err = (done.stdout if args[0] == "check" else done.stderr).decode()  # check reports it with its findings
        assert done.returncode == 2, (args, err)
        assert "FT920" in err and "other/x" in err and "projects/" in err, (args, err)


def test_a_current_folder_deleted_under_the_shell_is_a_usage_error(tmp_path: Path) -> None:
    """`cd gone && rm -rf ../gone && fourtwo check /abs/ws`: one message, exit 2, in either language."""
    ws = tmp_path / "ws"
    shutil.copytree(EXAMPLES / "taqiao", ws)
    gone = tmp_path / "gone"
    code = f"import os, sys; os.mkdir({str(gone)!r}); os.chdir({str(gone)!r}); os.rmdir({str(gone)!r}); sys.argv = ['fourtwo', *sys.argv[1:]]; from fourtwo.cli import main; main()"
    for args in (["check", str(ws)], ["--lang", "en", "check", str(ws)], ["check", "--changed", "HEAD", str(ws)], ["status", str(ws)]):
        done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=60)
        assert done.returncode == 2 and "FT914" in done.stderr and "Traceback" not in done.stderr, (args, done.stderr)
