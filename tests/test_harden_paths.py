"""Paths built from data stay inside their folder, and the site's output folder never overlaps a
workspace: hostile project ids, site folders, links in the output folder, a manifest."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLES, cli, copy_beiyuan_2024

from fourtwo.files.outdir import MANIFEST
from fourtwo.files.safepath import PathEscape, inside, link, name_problem

PROJECT = "projects/2024-hongmeiyuan-activity-area"


def snapshot(folder: Path) -> dict[str, bytes | str]:
    """Every file and link under `folder`, by relative path (a link by its target)."""
    seen: dict[str, bytes | str] = {}
    for top, dirs, names in os.walk(folder):
        for name in [*names, *dirs]:
            path = Path(top) / name
            rel = path.relative_to(folder).as_posix()
            seen[rel] = f"-> {os.readlink(path)}" if path.is_symlink() else (path.read_bytes() if path.is_file() else "dir")
    return seen


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """A folder holding a workspace copied from the example, and nothing else."""
    copy_beiyuan_2024(tmp_path / "ws")
    return tmp_path


HOSTILE_IDS = ["../../../evil", "../evil", "/tmp/evil", "javascript:alert(1)//", "data:text/html,x", "a/../../b", "..", "a\\..\\..\\b", "x\ny", "ok\u202eevil"]


@pytest.mark.parametrize("hostile", HOSTILE_IDS)
def test_a_hostile_project_id_writes_nothing_outside_the_site(home: Path, hostile: str) -> None:
    ws = home / "ws"
    file = ws / PROJECT / "project.yaml"
    text = file.read_text(encoding="utf-8").replace("id: 2024-hongmeiyuan-activity-area", f"id: {hostile!r}".replace("'", '"'), 1)
    file.write_text(text, encoding="utf-8")
    before = snapshot(home)
    result = cli("site", ws, "--out", home / "out", "--date", "2024-05-01")
    assert result.exit_code == 2 and "FT207" in result.output, result.output
    assert snapshot(home) == before  # nothing written anywhere: not in out, not beside it


def test_no_link_on_the_site_carries_a_scheme() -> None:
    assert link("org/2024-a.html") == "org/2024-a.html"
    assert link("org/公示 1.pdf") == "org/%E5%85%AC%E7%A4%BA%201.pdf"
    for name in ("javascript:alert(1)", "org/../x", "/etc/passwd", "//host/x", "a/./b", ""):
        with pytest.raises(PathEscape):
            link(name)


@pytest.mark.parametrize("name", ["..", ".", "", "a/b", "a\\b", "c:x", "x\x00", " x", "a" * 201, "\n"])
def test_one_function_refuses_every_name_that_would_leave_its_folder(tmp_path: Path, name: str) -> None:
    assert name_problem(name) is not None
    with pytest.raises(PathEscape):
        inside(tmp_path, name)
    assert inside(tmp_path, "2024-04-28-resolution.html") == tmp_path / "2024-04-28-resolution.html"


@pytest.mark.parametrize("where", [".", "projects", "households", "..", ".git", "projects/x/y"])
def test_the_site_never_builds_in_its_workspace(home: Path, monkeypatch: pytest.MonkeyPatch, where: str) -> None:
    ws = home / "ws"
    (ws / ".git").mkdir()
    (ws / ".git/HEAD").write_text("ref: refs/heads/main\n")
    before = snapshot(home)
    monkeypatch.chdir(ws)
    by_option = cli("site", "--out", where, "--date", "2024-05-01")
    assert by_option.exit_code == 2 and "FT930" in by_option.output, by_option.output
    with open(ws / "fourtwo.yaml", "a", encoding="utf-8") as f:
        f.write(f"site:\n  folder: {where!r}\n")
    before = snapshot(home)
    by_setting = cli("site", "--date", "2024-05-01")
    assert by_setting.exit_code == 2 and "FT930" in by_setting.output, by_setting.output
    assert snapshot(home) == before
    check = cli("check")
    assert "FT023" in check.output and check.exit_code == 1, check.output


def test_the_site_writes_through_no_link_in_its_folder(home: Path) -> None:
    out = home / "out"
    assert cli("site", home / "ws", "--out", out, "--date", "2024-05-01").exit_code == 0
    secret = home / "secret"
    secret.mkdir()
    (secret / "authorized_keys").write_text("mine\n")
    shutil.rmtree(out / "ws")
    (out / "ws").symlink_to(secret)  # the organisation's folder replaced by a link to elsewhere
    (out / "index.html").unlink()
    (out / "index.html").symlink_to(secret / "authorized_keys")
    before = snapshot(secret)
    result = cli("site", home / "ws", "--out", out, "--date", "2024-05-01")
    assert result.exit_code == 2 and "FT931" in result.output, result.output
    assert snapshot(secret) == before


def test_a_rebuild_removes_only_what_it_wrote(home: Path) -> None:
    out = home / "out"
    assert cli("site", home / "ws", "--out", out, "--date", "2024-05-01").exit_code == 0
    listed = (out / MANIFEST).read_text(encoding="utf-8")
    assert "sha256:" in listed and " index.html\n" in listed
    (out / "mine.txt").write_text("a person's own file\n")
    (out / "ws/index.html").write_text("edited by hand\n")  # ours once, changed since
    # a forged manifest naming files outside the folder, or a file it never wrote
    with open(out / MANIFEST, "a", encoding="utf-8") as f:
        f.write("sha256:" + "0" * 64 + " ../ws/fourtwo.yaml\nsha256:" + "0" * 64 + " mine.txt\n")
    shutil.rmtree(home / "ws" / PROJECT)  # the project's pages are no longer part of the site
    outside = snapshot(home / "ws")
    result = cli("site", home / "ws", "--out", out, "--date", "2024-05-01")
    assert result.exit_code == 0, result.output
    assert (out / "mine.txt").read_text() == "a person's own file\n"
    assert not (out / "ws/2024-hongmeiyuan-activity-area.html").exists()  # ours, unchanged: removed
    assert snapshot(home / "ws") == outside


def test_a_folder_that_is_not_the_sites_is_refused(home: Path) -> None:
    out = home / "out"
    out.mkdir()
    (out / "notes.txt").write_text("x\n")
    result = cli("site", home / "ws", "--out", out, "--date", "2024-05-01")
    assert result.exit_code == 2 and "FT915" in result.output
    assert snapshot(out) == {"notes.txt": b"x\n"}


LONG = "d" * 300  # longer than a file's name may be (255 bytes): the system refuses it with ENAMETOOLONG


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("households/hongmeiyuan.csv", f"households/{LONG}.csv"),  # a register
        ("notices/2024-04-28-progress.html", f"notices/{LONG}.html"),  # a notice's file
    ],
)
def test_a_name_the_system_refuses_is_a_finding_not_an_internal_error(tmp_path: Path, old: str, new: str) -> None:
    ws = tmp_path / "ws"
    shutil.copytree(EXAMPLES / "beiyuan", ws)
    path = ws / "projects/2024-hongmeiyuan-activity-area/project.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    for command in ("check", "status"):
        result = cli(command, ws)
        assert result.exit_code == 1 and "internal error" not in result.output, (command, result.output)
    line = next(x for x in cli("check", ws).stdout.splitlines() if "FT001" in x)
    where = text.index(old)  # located at the value that names the file, not at the record's first line
    assert f"project.yaml:{text.count(chr(10), 0, where) + 1}:" in line, line


def _two_workspaces(tmp_path: Path) -> tuple[Path, Path]:
    street = tmp_path / "street"
    shutil.copytree(EXAMPLES / "beiyuan", street / "beiyuan")
    shutil.copytree(EXAMPLES / "taqiao", street / "taqiao")
    return street / "beiyuan", street / "taqiao"


def _snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_no_output_lands_in_another_workspace_or_a_project_folder(tmp_path: Path) -> None:
    """An output is refused inside any workspace, not only the ones read (report, export, site,
    publish --out), and a door-to-door form never inside a project's folder or a git folder."""
    beiyuan, taqiao = _two_workspaces(tmp_path)
    other = taqiao / "projects/2024-taqiao-lane-hardening"
    (taqiao / ".git").mkdir()
    before = _snapshot(taqiao)
    project = beiyuan / "projects/2024-hongmeiyuan-activity-area"
    for args in (
        ["report", beiyuan, "--date", "2024-08-10", "--format", "csv", "--out", taqiao / "fourtwo.yaml"],
        ["report", beiyuan, "--date", "2024-08-10", "--format", "csv", "--out", other / "project.yaml"],
        ["export", beiyuan, "--out", taqiao / "projects/data", "--date", "2024-08-10"],
        ["site", beiyuan, "--out", taqiao / "public", "--date", "2024-08-10"],
        ["publish", project, "result", "--date", "2024-07-22", "--out", other / "notices"],
        ["canvass", "sheet", project, "--out", other / "notices"],
        ["canvass", "sheet", project, "--out", taqiao / ".git"],
    ):
        result = cli(*args)
        assert result.exit_code == 2 and "Traceback" not in result.output, (args, result.output)
        assert _snapshot(taqiao) == before, args
    before_own = _snapshot(project)
    result = cli("canvass", "sheet", project, "--out", project / "notices", "--force")
    assert result.exit_code == 2 and _snapshot(project) == before_own, result.output


def test_what_a_killed_write_left_is_named(tmp_path: Path) -> None:
    """A command killed before its rename leaves its temporary copy (the record is as it was)
    and `new` killed after making the folder leaves it empty: check names both, not 'No problems'."""
    ws = tmp_path / "ws"
    shutil.copytree(EXAMPLES / "taqiao", ws)
    project = ws / "projects/2024-taqiao-lane-hardening"
    (ws / ".fourtwo.yaml.1py_ehj3.tmp").write_text("x", encoding="utf-8")
    (project / ".project.yaml.vpnqm9i5.tmp").write_text("x", encoding="utf-8")
    (project / ".canvass.csv.a1b2c3d4.tmp").write_text("x", encoding="utf-8")
    (ws / "projects/p2").mkdir()
    (ws / "..gitignore.bc8_jlnk.tmp").write_text("x", encoding="utf-8")  # what a stopped init leaves
    (ws / "projects/..gitkeep.0a1b2c3d.tmp").write_text("", encoding="utf-8")
    (ws / ".fourtwo").mkdir(exist_ok=True)
    (ws / ".fourtwo/.workspace.schema.json.q1w2e3r4.tmp").write_text("{", encoding="utf-8")
    result = cli("check", ws)
    lines = [line for line in result.stdout.splitlines() if "FT016" in line or "FT017" in line]
    assert len(lines) == 7, result.stdout
    assert any(".fourtwo.yaml.1py_ehj3.tmp" in line for line in lines) and any("p2" in line and "FT017" in line for line in lines)


def test_a_path_the_system_refuses_is_one_message_from_any_command(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    shutil.copytree(EXAMPLES / "beiyuan", ws)
    project = ws / "projects/2024-hongmeiyuan-activity-area"
    for args in (
        ["site", ws, "--out", tmp_path / LONG, "--date", "2024-08-10"],
        ["canvass", "sheet", project, "--out", tmp_path / LONG],
        ["canvass", "sheet", project, "--out", tmp_path, "--worker", "马" * 90],
    ):
        result = cli(*args)
        assert result.exit_code == 2 and "internal error" not in result.output and ("FT018" in result.output or "FT908" in result.output), (args, result.output)
    refused = cli("correct", "workspace", ws, "--site-folder", f"../{LONG}")
    assert refused.exit_code == 2 and "255 bytes" in refused.output, refused.output
    text = (ws / "fourtwo.yaml").read_text(encoding="utf-8")
    (ws / "fourtwo.yaml").write_text(text + f"site:\n  folder: ../{LONG}\n", encoding="utf-8")  # written by hand all the same
    checked = cli("check", ws)
    assert checked.exit_code == 1 and "FT023" in checked.stdout and "255 bytes" in checked.stdout, checked.stdout
    for command in ("check", "status"):
        result = cli(command, ws)
        assert result.exit_code in (1, 2) and "internal error" not in result.output, result.output


def _killed_after(n: int):  # type: ignore[no-untyped-def]
    """os.replace that raises SystemExit after `n` calls: the process stopped there (a kill)."""
    real_replace = os.replace
    count = {"n": 0}

    def replace(src, dst):  # type: ignore[no-untyped-def]
        count["n"] += 1
        if count["n"] > n:
            raise KeyboardInterrupt  # stands for a kill: nothing after it runs
        return real_replace(src, dst)

    return replace


@pytest.mark.parametrize("stop", [0, 1, 5])
def test_a_site_build_stopped_part_way_is_built_again_and_leaves_no_partial_file(tmp_path: Path, stop: int, monkeypatch: pytest.MonkeyPatch) -> None:
    from fourtwo.files import outdir

    out = tmp_path / "site"
    files = {f"p{n}/index.html": f"<p>{n}</p>".encode() for n in range(8)}
    monkeypatch.setattr(outdir.os, "replace", _killed_after(stop))
    with pytest.raises(KeyboardInterrupt):
        outdir.write_folder(out, files)
    monkeypatch.undo()
    (out / "p0").mkdir(exist_ok=True)
    (out / "p0" / ".fourtwo-abc123.tmp").write_bytes(b"<p>half")  # a page cut off before its rename
    done = outdir.write_folder(out, files)  # recognised as the site's, finished
    assert {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()} == {*files, outdir.MANIFEST}
    assert done.kept == []


def test_a_door_to_door_form_never_replaces_a_register(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    shutil.copytree(EXAMPLES / "beiyuan", ws)
    before = _snapshot(ws / "households")
    project = ws / "projects/2024-hongmeiyuan-activity-area"
    for out in (ws / "households/hongmeiyuan.xlsx", ws / "households", ws / "fourtwo.yaml", ws / "projects"):
        result = cli("canvass", "sheet", project, "--out", out, "--force")
        assert result.exit_code == 2 and "FT013" in result.output, (out, result.output)
    assert _snapshot(ws / "households") == before
    assert cli("canvass", "sheet", project, "--out", tmp_path / "sheets").exit_code == 0


@pytest.mark.skipif(os.geteuid() == 0 and not shutil.which("setpriv"), reason="root reads every folder; setpriv drops that")
def test_a_project_folder_that_may_not_be_listed_is_said_not_skipped(tmp_path: Path) -> None:
    import subprocess
    import sys

    ws = tmp_path / "ws"
    shutil.copytree(EXAMPLES / "beiyuan", ws)
    project = ws / "projects/2024-hongmeiyuan-activity-area"
    project.chmod(0o311)
    try:
        prefix = ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner"] if os.geteuid() == 0 else []
        done = subprocess.run([*prefix, sys.executable, "-m", "fourtwo", "check", str(ws)], capture_output=True, text=True, timeout=60)
    finally:
        project.chmod(0o755)
    assert done.returncode == 1 and "FT001" in done.stdout and "permission denied" in done.stdout, done.stdout + done.stderr


def test_a_write_refused_for_its_path_is_not_blamed_on_the_disk(tmp_path: Path) -> None:
    """notices/ that is a file (FT019: what it is), an --out name too long (FT018: the path), not FT908's 'the disk is full'."""
    ws = tmp_path / "ws"
    shutil.copytree(EXAMPLES / "taqiao", ws)
    project = ws / "projects/2024-taqiao-lane-hardening"
    (project / "notices").write_text("not a folder\n", encoding="utf-8")
    result = cli("publish", project, "resolution", "--date", "2024-03-26", "--format", "txt")
    assert result.exit_code == 2 and "FT019" in result.output and "is a file, not a folder" in result.output and "disk" not in result.output, result.output
    result = cli("report", ws, "--date", "2024-05-01", "--format", "csv", "--out", tmp_path / (LONG + ".csv"))
    assert result.exit_code == 2 and "FT908" not in result.output, result.output


def test_a_folder_deeper_than_the_system_takes_is_not_called_no_workspace(tmp_path: Path) -> None:
    """new and correct workspace run in a folder whose path is longer than the system takes
    (4,096 bytes): FT018 with the system's reason, not FT902 'no fourtwo workspace here'."""
    deep = tmp_path
    here = os.getcwd()
    try:
        os.chdir(tmp_path)
        for _ in range(20):  # 20 names of 250 bytes, made one at a time from inside
            os.mkdir("d" * 250)
            os.chdir("d" * 250)
        deep = Path(os.getcwd())
        for args in (["new", "p1", "--title", "t"], ["correct", "workspace", ".", "--hotline", "0951-6012345"]):
            done = cli(*args)
            assert done.exit_code == 2 and "FT902" not in done.output and "FT018" in done.output, done.output
    finally:
        os.chdir(here)
    assert len(str(deep)) > 4096
