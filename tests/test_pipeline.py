"""One pipeline, no cache (issue 20): every run judges the files as they are now, reads only
regular files inside the workspace, and `--changed` checks every project a change may touch."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, WORKSPACE_YAML, cli, copy_beiyuan_2024, write_tree

PROJECT = "projects/2024-hongmeiyuan-activity-area"


def codes(result_stdout: str) -> set[str]:
    return {f["code"] for f in json.loads(result_stdout)["findings"]}


def check_json(*paths: Path | str) -> tuple[int, set[str], int]:
    result = cli("check", *paths, "--format", "json")
    assert result.exit_code in (0, 1), result.output
    data = json.loads(result.stdout)
    return result.exit_code, {f["code"] for f in data["findings"]}, data["summary"]["projects"]


@pytest.fixture
def example(tmp_path: Path) -> Path:
    ws = tmp_path / "ws"
    copy_beiyuan_2024(ws)
    return ws


# Each file a project's verdict depends on, changed in a way check must see, then put back.
CHANGES = {
    "register": ("households/hongmeiyuan.csv", lambda text: text + text.splitlines()[1] + "\n", "FT302"),
    "visits": (f"{PROJECT}/canvass.csv", lambda text: text + "9-9-999,agree,x,2024-04-20,in_person,\n", "FT509"),
    "notice": (f"{PROJECT}/notices/2024-04-28-resolution.md", lambda text: text.replace("公示", "公告", 1), "FT614"),
    "workspace": ("fourtwo.yaml", lambda text: text.replace("hotline:", "hotline_old:", 1), "FT206"),
    "project": (f"{PROJECT}/project.yaml", lambda text: text + "colour: red\n", "FT103"),
}


@pytest.mark.parametrize("what", sorted(CHANGES))
def test_every_run_judges_the_files_as_they_are_now(example: Path, what: str) -> None:
    """Clean, then the change is found, then clean again once it is undone: nothing is
    remembered from one run to the next (a stale all-clear was the cache's failure)."""
    name, change, code = CHANGES[what]
    path = example / name
    before = path.read_bytes()
    assert check_json(example)[:2] == (0, set())
    path.write_text(change(before.decode("utf-8-sig")), encoding="utf-8")
    assert code in check_json(example)[1]
    path.write_bytes(before)
    os.utime(path, (1, 1))  # the same bytes with another time: what a `git checkout` leaves
    assert check_json(example)[:2] == (0, set())


def _before_the_assembly(example: Path) -> Path:
    """The project while its canvass is open: no later step has frozen the scope yet."""
    record = example / PROJECT / "project.yaml"
    text = record.read_text(encoding="utf-8")
    record.write_text(text[: text.index("  # 居民代表会议决议")], encoding="utf-8")
    shutil.rmtree(example / PROJECT / "notices")
    return example / PROJECT


def test_coverage_counts_the_register_as_it_is_now(example: Path) -> None:
    project = _before_the_assembly(example)
    assert cli("canvass", "coverage", project).exit_code == 0
    register = example / "households/hongmeiyuan.csv"
    text = register.read_text(encoding="utf-8-sig")
    grown = text + "".join(f"9,1,{n}01,新户{n},,80,\n" for n in range(1, 11))
    register.write_text(grown, encoding="utf-8")
    result = cli("canvass", "coverage", project)
    assert result.exit_code == 1 and "of 226" in result.stdout, result.stdout


def test_check_and_coverage_write_nothing_anywhere(example: Path, tmp_path: Path) -> None:
    """No cache: not in the home folder, not beside the workspace, not in it."""
    home = tmp_path / "home"
    home.mkdir()

    def snapshot() -> dict[str, bytes]:
        return {str(p.relative_to(tmp_path)): p.read_bytes() if p.is_file() else b"" for p in sorted(tmp_path.rglob("*"))}

    before = snapshot()
    env = {**os.environ, "HOME": str(home), "XDG_CACHE_HOME": str(home / ".cache"), "FOURTWO_CACHE_DIR": "cache"}
    for args in (["check", str(example)], ["canvass", "coverage", str(example / PROJECT)], ["status", str(example)]):
        done = subprocess.run([sys.executable, "-m", "fourtwo", *args], cwd=example, env=env, capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
    assert snapshot() == before
    assert "--cache" not in cli("check", "--help").stdout and cli("check", example, "--no-cache").exit_code == 2


# --- only regular files inside the workspace are read -------------------------------------


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """A subprocess with a deadline: a FIFO opened for reading would block it forever."""
    return subprocess.run([sys.executable, "-m", "fourtwo", *args], cwd=cwd, capture_output=True, text=True, timeout=60)


def _special(kind: str, path: Path, outside: Path) -> None:
    path.unlink(missing_ok=True)
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "zero":
        path.symlink_to("/dev/zero")
    elif kind == "outside":
        path.symlink_to(outside)
    elif kind == "socket":  # bound where its path is short enough, then moved in place
        import tempfile

        with tempfile.TemporaryDirectory(dir="/tmp") as short:
            server = socket.socket(socket.AF_UNIX)
            server.bind(f"{short}/s")
            server.close()
            os.rename(f"{short}/s", path)


@pytest.mark.parametrize("kind", ["fifo", "zero", "outside", "socket"])
@pytest.mark.parametrize("name", ["canvass.csv", "notices/2024-04-28-resolution.md", "notices/stray.txt", "minutes.pdf"])
def test_special_files_in_a_project_are_findings_never_read(example: Path, tmp_path: Path, kind: str, name: str) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("household,opinion\n1-1-101,agree\n13912345678\n", encoding="utf-8")
    project = example / PROJECT
    _special(kind, project / name, secret)
    for args in (["check", str(example), "--format", "json"], ["status", str(example)], ["show", str(project)]):
        done = _run(args, example)
        assert done.returncode in (0, 1), done.stderr
        assert "Traceback" not in done.stderr and "13912345678" not in done.stdout + done.stderr
    found = json.loads(_run(["check", str(example), "--format", "json"], example).stdout)["findings"]
    mine = [f for f in found if f["path"].endswith(f"{PROJECT}/{name}")]
    assert {f["code"] for f in mine} & {"FT010", "FT011"}, found


def test_a_register_or_minutes_named_through_a_link_out_of_the_workspace_are_not_read(example: Path, tmp_path: Path) -> None:
    _before_the_assembly(example)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    shutil.copy(example / "households/hongmeiyuan.csv", outside / "r.csv")
    (example / "households/linked.csv").symlink_to(outside / "r.csv")
    project = example / PROJECT / "project.yaml"
    project.write_text(project.read_text(encoding="utf-8").replace("households/hongmeiyuan.csv", "households/linked.csv"), encoding="utf-8")
    code, found, _ = check_json(example)
    assert code == 1 and "FT204" in found
    assert _run(["canvass", "coverage", str(example / PROJECT)], example).returncode == 2


def test_a_fifo_register_and_a_fifo_workspace_file_do_not_hang(tmp_path: Path) -> None:
    ws = write_tree(tmp_path / "ws", {"fourtwo.yaml": WORKSPACE_YAML, "projects/p/project.yaml": "id: p\ntitle: t\nhouseholds: {register: households/r.csv}\n"})
    (ws / "households").mkdir()
    os.mkfifo(ws / "households/r.csv")
    os.mkfifo(ws / "procedures.yaml")
    done = _run(["check", str(ws)], ws)
    assert done.returncode == 1 and "FT010" in done.stdout, done.stdout + done.stderr
    (ws / "fourtwo.yaml").unlink()
    os.mkfifo(ws / "fourtwo.yaml")
    done = _run(["check", str(ws)], ws)
    assert done.returncode in (1, 2) and "Traceback" not in done.stderr


# --- --changed ----------------------------------------------------------------------------


def _git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), "-c", "user.email=t@t", "-c", "user.name=t", *args], check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A workspace committed as `init` makes it: three projects, the register git-ignored."""
    root = write_tree(
        tmp_path / "repo",
        {
            "fourtwo.yaml": WORKSPACE_YAML,
            ".gitignore": "households/\n",
            "households/r.csv": "楼栋,单元,房号\n1,1,101\n1,1,201\n",
            "projects/a/project.yaml": "id: a\ntitle: 甲\n",
            "projects/b/project.yaml": "id: b\ntitle: 乙\n",
            "projects/c/project.yaml": "id: c\ntitle: 丙\nhouseholds: {register: households/r.csv}\n",
        },
    )
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "start")
    return root


def test_changed_checks_what_a_change_may_touch(repo: Path) -> None:
    # Nothing changed: only c, whose register git does not hold (nothing shows it is the same).
    assert check_json(repo, "--changed", "HEAD")[2] == 1
    # Changed and changed back: the same bytes, a new time: not changed.
    a = repo / "projects/a/project.yaml"
    text = a.read_text(encoding="utf-8")
    a.write_text(text + "# x\n", encoding="utf-8")
    assert check_json(repo, "--changed", "HEAD")[2] == 2
    a.write_text(text, encoding="utf-8")
    assert check_json(repo, "--changed", "HEAD")[2] == 1
    # The ignored register: its project is checked, and sees it.
    (repo / "households/r.csv").write_text("楼栋,单元,房号\n1,1,101\n1,1,101\n", encoding="utf-8")
    assert "FT302" in check_json(repo, "--changed", "HEAD")[1]
    # A file every project shares: all of them.
    (repo / "fourtwo.yaml").write_text(WORKSPACE_YAML + "# 改\n", encoding="utf-8")
    assert check_json(repo, "--changed", "HEAD")[2] == 3


def test_changed_finds_a_new_project_that_takes_an_existing_id(repo: Path) -> None:
    write_tree(repo, {"projects/twin/project.yaml": "id: a\ntitle: 重复\n"})
    _, found, checked = check_json(repo, "--changed", "HEAD")
    assert "FT202" in found and checked == 2  # the new one, and c


def test_changed_sees_minutes_kept_outside_the_project(repo: Path) -> None:
    write_tree(repo, {"records/m.pdf": "%PDF minutes", "projects/b/project.yaml": "id: b\ntitle: 乙\nminutes_note: x\n"})
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "minutes")
    b = repo / "projects/b/project.yaml"
    b.write_text(
        "id: b\ntitle: 乙\nprocedure: village\nsteps:\n  - {step: proposal, date: 2024-03-01, members: 5, present: 5, for: 5, minutes: ../../records/m.pdf}\n",
        encoding="utf-8",
    )
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "b")
    assert check_json(repo, "--changed", "HEAD")[2] == 1
    (repo / "records/m.pdf").unlink()
    _, found, checked = check_json(repo, "--changed", "HEAD")
    assert checked == 2 and found  # b names the minutes that went


def test_the_check_flow_reads_as_its_stages() -> None:
    """resolve → context → each project → workspace findings: one driver, no second loader."""
    source = (REPO / "fourtwo/pipeline.py").read_text(encoding="utf-8")
    assert not (REPO / "fourtwo/stream.py").exists() and not (REPO / "fourtwo/files/cache.py").exists()
    assert "def run(" in source and "def _through(" in source and "def _shared(" in source
    assert "addaudithook" not in "".join(p.read_text(encoding="utf-8") for p in (REPO / "fourtwo").rglob("*.py"))


def test_a_link_then_dot_dot_is_followed_where_it_leads(tmp_path: Path) -> None:
    """`notices/../x` through a linked folder is not `x`: the link is followed, then `..`."""
    from fourtwo.files.reading import inside

    ws = tmp_path / "ws"
    (ws / "projects/p").mkdir(parents=True)
    (tmp_path / "elsewhere/deep").mkdir(parents=True)
    (tmp_path / "elsewhere/secret.txt").write_text("x", encoding="utf-8")
    (ws / "projects/p/linked").symlink_to(tmp_path / "elsewhere/deep")
    assert not inside(ws / "projects/p/linked/../secret.txt", ws)
    assert inside(ws / "projects/p/../p/x.txt", ws) and not inside(ws / "projects/p/../../../elsewhere/secret.txt", ws)
    assert inside(ws / "projects/p/linked", tmp_path) and not inside(ws / "projects/p/linked", ws)


def test_registers_let_go_past_the_bound_give_the_same_findings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ten estates of 20,000 households are not all kept read at once: the register used longest
    ago is let go, read again when a later project names it, and its own findings said once."""
    from fourtwo import load, pipeline

    rows = "楼栋,单元,房号\n" + "".join(f"1,1,{n}01\n" for n in range(1, 11))
    write_tree(
        tmp_path,
        {
            "fourtwo.yaml": WORKSPACE_YAML,
            "households/r0.csv": rows + "1,1,101\n",  # a household twice: FT302, said once however often it is read
            "households/r1.csv": rows,
            **{f"projects/p{n}/project.yaml": f"id: p{n}\ntitle: 项目{n}\nhouseholds: {{register: households/r{n % 2}.csv}}\n" for n in range(4)},
        },
    )
    whole = [str(f) for f in pipeline.run([tmp_path], pipeline.findings_only, jobs=1).findings]
    kept: list[int] = []
    real = load.keep_registers

    def watching(model, used):  # type: ignore[no-untyped-def]
        real(model, used)
        kept.append(sum(len(r.households) for r in model.registers.values()))

    monkeypatch.setattr(load, "KEPT_HOUSEHOLDS", 10)
    monkeypatch.setattr(pipeline, "keep_registers", watching)
    bounded = [str(f) for f in pipeline.run([tmp_path], pipeline.findings_only, jobs=1).findings]
    assert bounded == whole and sum("FT302" in f for f in bounded) == 1
    assert kept and max(kept) <= 11  # one register at a time (r0 has 11 rows)


def test_changed_follows_a_tracked_register_to_the_projects_that_name_it(repo: Path) -> None:
    """A register committed (a masked copy, say) and edited: the projects naming it are checked
    again, the others not; a project moved to another folder is checked; one deleted is gone."""
    write_tree(repo, {"shared/r.csv": "楼栋,单元,房号\n1,1,101\n", "projects/b/project.yaml": "id: b\ntitle: 乙\nhouseholds: {register: shared/r.csv}\n"})
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "b names a committed register")
    assert check_json(repo, "--changed", "HEAD")[2] == 1  # c alone: its register is ignored
    (repo / "shared/r.csv").write_text("楼栋,单元,房号\n1,1,101\n1,1,201\n", encoding="utf-8")
    assert check_json(repo, "--changed", "HEAD")[2] == 2  # and b
    _git(repo, "checkout", "--", "shared/r.csv")
    (repo / "projects/a").rename(repo / "projects/a2")
    shutil.rmtree(repo / "projects/b")
    _, found, checked = check_json(repo, "--changed", "HEAD")
    assert checked == 2 and "FT201" in found  # a, moved (its folder no longer its id), and c


def test_runtime_files_are_never_input(repo: Path) -> None:
    """A command's lock (left by every transaction in the project's folder), an office
    program's owner file beside a register or a minute it has open (~$r.xlsx, .~lock.r.csv#)
    and a file manager's folder notes are no part of the record: not a change for --changed,
    not a register, not a finding."""
    from fourtwo.files.atomic import locked

    with locked(repo / "projects/a"), locked(repo):
        pass
    runtime = {
        "projects/b/~$minutes.docx": b"\x00owner",
        "projects/b/.~lock.minutes.docx#": b"owner,host",
        "projects/b/.DS_Store": b"\x00\x00\x00\x01Bud1",
        "projects/b/Thumbs.db": b"\xd0\xcf",
        "projects/b/notices/~$决议公告.txt": b"\x00owner",  # opened in WPS: not a stray notice, not scanned
        "households/~$r.xlsx": b"\x00owner",
        "households/.~lock.r.csv#": b"owner,host",
    }
    (repo / "projects/b/notices").mkdir()
    for name, data in runtime.items():
        (repo / name).write_bytes(data)
    assert (repo / "projects/a/.fourtwo.lock").exists()
    code, found, checked = check_json(repo, "--changed", "HEAD")
    assert checked == 1 and code == 0, found  # c only, as before (its register is git-ignored)
    code, found, checked = check_json(repo)
    assert (code, found, checked) == (0, set(), 3)


@pytest.mark.parametrize("changed", [False, True])
def test_a_project_given_alone_is_compared_with_every_others_id(repo: Path, changed: bool) -> None:
    """`check projects/b` with b's id taken by projects/a (whose id is not its folder's name):
    the id used twice is said of b, as a whole check says it; nothing is said of a, not given."""
    a = repo / "projects/a/project.yaml"
    a.write_text(a.read_text(encoding="utf-8").replace("id: a\n", "id: b\n", 1), encoding="utf-8")
    args = ["--changed", "HEAD"] if changed else []
    result = cli("check", repo / "projects/b", "--format", "json", *args)
    found = json.loads(result.stdout)["findings"]
    twice = [f for f in found if f["code"] == "FT202"]
    assert result.exit_code == 1 and len(twice) == 1, result.stdout
    assert twice[0]["path"].endswith("projects/b/project.yaml")
    assert not any(f["path"].endswith("projects/a/project.yaml") for f in found)
