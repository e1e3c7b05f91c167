"""`check --changed REF`: a file that is there but cannot be read as the project's file (a
folder, a FIFO, a link out or to nowhere) is never "the same as no file at REF", a file git
never held is never known to be unchanged, and what git reads to check files out (its
attributes) is compared too. Each case: clean at REF, one change, --changed reports what a
full check reports."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import EXAMPLES, cli
from test_changed_content import P, _as_full, _committed, _git


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    return _committed(tmp_path, tmp_path / "ws")


def _commit(ws: Path, message: str = "change") -> None:
    _git(ws, "add", "-A")
    _git(ws, "commit", "-qm", message)


def test_a_folder_where_canvass_csv_was_never(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    shutil.copytree(EXAMPLES / "beiyuan", ws)
    (ws / P / "canvass.csv").unlink()
    text = (ws / P / "project.yaml").read_text(encoding="utf-8")
    (ws / P / "project.yaml").write_text(text[: text.index("  - step: progress_notice")], encoding="utf-8")
    shutil.rmtree(ws / P / "notices")
    _git(ws, "init", "-q")
    _commit(ws, "start")
    (ws / P / "canvass.csv").mkdir()
    (ws / P / "canvass.csv" / "Thumbs.db").write_bytes(b"x")
    _as_full(ws)


def test_canvass_csv_linked_out_of_the_workspace(ws: Path, tmp_path: Path) -> None:
    outside = tmp_path / "shared-drive"
    outside.mkdir()
    shutil.copy(ws / P / "canvass.csv", outside / "canvass.csv")
    (ws / "data").mkdir()
    shutil.move(ws / P / "canvass.csv", ws / "data" / "canvass.csv")
    os.symlink("../../data/canvass.csv", ws / P / "canvass.csv")
    _commit(ws)
    assert cli("check", ws).exit_code == 0
    (ws / P / "canvass.csv").unlink()
    os.symlink(outside / "canvass.csv", ws / P / "canvass.csv")  # the same bytes, where fourtwo does not read
    _as_full(ws)


def test_canvass_csv_a_fifo(ws: Path) -> None:
    (ws / P / "canvass.csv").unlink()
    os.mkfifo(ws / P / "canvass.csv")
    _as_full(ws)


def test_an_absolute_link_whose_file_is_deleted(ws: Path) -> None:
    (ws / "data").mkdir()
    shutil.move(ws / P / "canvass.csv", ws / "data" / "canvass.csv")
    os.symlink(ws / "data" / "canvass.csv", ws / P / "canvass.csv")
    _commit(ws)
    assert cli("check", ws).exit_code == 0
    _git(ws, "rm", "-q", "data/canvass.csv")
    _as_full(ws)


def test_a_canvass_csv_git_ignores_deleted(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    shutil.copytree(EXAMPLES / "beiyuan", ws)
    with (ws / ".gitignore").open("a", encoding="utf-8") as handle:
        handle.write("canvass.csv\n")
    _git(ws, "init", "-q")
    _commit(ws, "start")
    assert cli("check", ws).exit_code == 0
    (ws / P / "canvass.csv").unlink()
    _as_full(ws)


def test_a_procedure_with_a_name_office_gives_its_lock_files(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    shutil.copytree(EXAMPLES / "beiyuan", ws)
    procedure = ws / "procedures"
    procedure.mkdir(exist_ok=True)
    builtin = Path(__file__).parent.parent / "fourtwo/procedures"
    source = next(p for p in sorted(builtin.glob("*.yaml")) if "id: community-canvass" in p.read_text(encoding="utf-8"))
    text = source.read_text(encoding="utf-8").replace("id: community-canvass", "id: mine", 1)
    (procedure / "~$mine.yaml").write_text(text, encoding="utf-8")
    project = ws / P / "project.yaml"
    project.write_text(project.read_text(encoding="utf-8").replace("procedure: community-canvass", "procedure: mine", 1), encoding="utf-8")
    _git(ws, "init", "-q")
    _commit(ws, "start")
    assert cli("check", ws).exit_code == 0, cli("check", ws).output
    edited = (procedure / "~$mine.yaml").read_text(encoding="utf-8")
    assert "threshold: 80%" in edited
    (procedure / "~$mine.yaml").write_text(edited.replace("threshold: 80%", "threshold: 99%"), encoding="utf-8")
    _as_full(ws)


def _fake_lfs(root: Path, store: Path) -> None:
    """A clean/smudge filter that keeps the bytes in `store` and commits a pointer, as git-lfs does."""
    store.mkdir()
    clean, smudge = root.parent / "clean", root.parent / "smudge"
    clean.write_text(f'#!/bin/sh\nf=$(mktemp); cat > "$f"; h=$(sha256sum "$f" | cut -c1-64); cp "$f" {store}/$h\nprintf "oid %s\\n" "$h"\n', encoding="utf-8")
    smudge.write_text(f'#!/bin/sh\nh=$(sed -n "s/^oid //p"); cat {store}/$h\n', encoding="utf-8")
    clean.chmod(0o755)
    smudge.chmod(0o755)
    _git(root, "config", "filter.fake.clean", str(clean))
    _git(root, "config", "filter.fake.smudge", str(smudge))


def test_a_commit_that_drops_a_filter_from_gitattributes(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    shutil.copytree(EXAMPLES / "beiyuan", ws)
    _git(ws, "init", "-q")
    _fake_lfs(ws, tmp_path / "store")
    (ws / ".gitattributes").write_text("canvass.csv filter=fake\n", encoding="utf-8")
    _commit(ws, "start")
    assert cli("check", ws).exit_code == 0
    (ws / ".gitattributes").write_text("", encoding="utf-8")
    _commit(ws, "no filter for the canvass")
    (ws / P / "canvass.csv").unlink()
    _git(ws, "checkout", "--", f"{P}/canvass.csv")  # what a clone of this commit holds: the pointer
    _as_full(ws, "HEAD~1")


def test_a_fifo_named_gitattributes_does_not_hang_the_check(ws: Path) -> None:
    os.mkfifo(ws / P / ".gitattributes")
    done = subprocess.run(["timeout", "20", *_fourtwo(), "check", "--changed", "HEAD", str(ws)], capture_output=True, text=True, check=False)
    assert done.returncode == 1, done.stdout + done.stderr  # FT010, as the full check says
    assert "FT010" in done.stdout


def _fourtwo() -> list[str]:
    import sys

    return [sys.executable, "-m", "fourtwo"]


def test_gitattributes_above_a_workspace_in_a_subfolder(tmp_path: Path) -> None:
    """The repository's own .gitattributes, above the workspace: read by git, compared by git's hash."""
    ws = tmp_path / "office" / "beiyuan"
    shutil.copytree(EXAMPLES / "beiyuan", ws)
    (tmp_path / ".gitattributes").write_text("*.yaml diff=yaml\n", encoding="utf-8")
    _git(tmp_path, "init", "-q")
    _commit(tmp_path, "start")
    assert cli("check", ws).exit_code == 0
    assert "0 projects checked" in cli("check", ws, "--changed", "HEAD").output  # the same attributes: nothing to check again
    (tmp_path / ".gitattributes").write_text("*.yaml diff=yaml\n*.md -diff\n", encoding="utf-8")  # what a checkout writes may differ
    assert "1 project checked" in cli("check", ws, "--changed", "HEAD").output
