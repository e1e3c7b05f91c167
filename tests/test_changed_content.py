"""`check --changed REF` compares each file a project depends on with the revision by its
content, as the revision holds it: not by what `git diff` reports of the working tree, which
git's own settings, index flags and ranges can make say nothing changed. Each case: a clean
workspace committed, one change made, and --changed must report what a full check reports."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES, cli

P = "projects/2024-hongmeiyuan-activity-area"


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), "-c", "user.email=t@t", "-c", "user.name=t", *args], check=True, capture_output=True)


def _committed(root: Path, ws: Path) -> Path:
    """The 红梅园 example at `ws`, inside a repository at `root`, committed and clean."""
    shutil.copytree(EXAMPLES / "beiyuan", ws)
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "start")
    assert cli("check", ws).exit_code == 0
    return ws


def _errors(ws: Path, *args: str) -> tuple[int, set[tuple[str, str]]]:
    result = cli("check", ws, "--format", "json", *args)
    found = json.loads(result.stdout)["findings"] if result.stdout.startswith("{") else []
    return result.exit_code, {(f["code"], f["path"]) for f in found if f["severity"] == "error"}


def _as_full(ws: Path, ref: str = "HEAD") -> None:
    full = _errors(ws)
    assert full[0] == 1 and full[1], "the change must make the workspace fail"
    assert _errors(ws, "--changed", ref) == full


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    return _committed(tmp_path, tmp_path / "ws")


def _edit_canvass(ws: Path) -> None:
    path = ws / P / "canvass.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[1] = lines[1].replace(",agree,", ",oppose,", 1) if ",agree," in lines[1] else lines[1].replace(",同意,", ",反对,", 1)
    path.write_text("".join(lines), encoding="utf-8")


def test_diff_relative_in_a_subfolder_workspace(tmp_path: Path) -> None:
    ws = _committed(tmp_path, tmp_path / "office" / "beiyuan")
    _git(tmp_path, "config", "diff.relative", "true")
    _edit_canvass(ws)
    _as_full(ws)


@pytest.mark.parametrize("flag", ["--assume-unchanged", "--skip-worktree", "core.ignoreStat"])
def test_index_flags_that_make_git_look_away(ws: Path, flag: str) -> None:
    if flag.startswith("--"):
        _git(ws, "update-index", flag, f"{P}/canvass.csv")
    else:
        _git(ws, "config", flag, "true")
    _edit_canvass(ws)
    _as_full(ws)


@pytest.mark.parametrize("ref", ["--cached", "--output=fourtwo.yaml", "-R", "HEAD...HEAD", "HEAD..HEAD", "HEAD~0:fourtwo.yaml", ""])
def test_what_is_not_one_revision_is_refused_and_nothing_is_written(ws: Path, ref: str) -> None:
    before = {p: p.read_bytes() for p in ws.rglob("*") if p.is_file() and ".git" not in p.parts}
    _edit_canvass(ws)
    before = {p: p.read_bytes() for p in ws.rglob("*") if p.is_file() and ".git" not in p.parts}
    result = cli("check", ws, f"--changed={ref}")
    assert result.exit_code == 2 and "FT911" in result.stderr, result.output
    assert {p: p.read_bytes() for p in ws.rglob("*") if p.is_file() and ".git" not in p.parts} == before


def test_a_linked_procedures_folder_and_a_linked_workspace_file(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    shutil.copytree(EXAMPLES / "beiyuan", root)
    (root / "shared").mkdir()
    (root / "fourtwo.yaml").rename(root / "shared/fourtwo.yaml")
    (root / "fourtwo.yaml").symlink_to("shared/fourtwo.yaml")
    (root / "shared/procedures").mkdir()
    procedure = (Path(__file__).parent.parent / "fourtwo/procedures/community-canvass.yaml").read_text(encoding="utf-8")
    procedure = procedure.replace("id: community-canvass", "id: my-canvass", 1)
    procedure = "\n".join(line for line in procedure.splitlines() if not line.startswith("aliases:")) + "\n"
    (root / "shared/procedures/my.yaml").write_text(procedure, encoding="utf-8")
    (root / "procedures").symlink_to("shared/procedures")
    text = (root / P / "project.yaml").read_text(encoding="utf-8")
    (root / P / "project.yaml").write_text(text.replace("procedure: community-canvass", "procedure: my-canvass", 1), encoding="utf-8")
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "start")
    assert cli("check", root).exit_code == 0, cli("check", root).output
    my = root / "shared/procedures/my.yaml"
    my.write_text(my.read_text(encoding="utf-8").replace("threshold: 80%", "threshold: 99%"), encoding="utf-8")
    _as_full(root)
    _git(root, "checkout", "--", ".")
    settings = root / "shared/fourtwo.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "procedure: community\n", encoding="utf-8")
    text = (root / P / "project.yaml").read_text(encoding="utf-8")
    (root / P / "project.yaml").write_text(text.replace("procedure: my-canvass\n", "", 1), encoding="utf-8")
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "default procedure")
    settings.write_text(settings.read_text(encoding="utf-8").replace("procedure: community\n", "procedure: village\n"), encoding="utf-8")
    _as_full(root)


@pytest.mark.parametrize("gone", ["canvass.csv", "notices/2024-04-28-progress.facts.json"])
def test_a_file_the_project_had_at_the_revision_and_has_no_longer(ws: Path, gone: str) -> None:
    (ws / P / gone).unlink()
    _as_full(ws)


def test_a_link_pointed_at_another_file(ws: Path) -> None:
    """canvass.csv kept as a link to the day's export: pointed at another export, the file
    named is unchanged in git's eyes (the link moved), what it leads to is not."""
    (ws / "data").mkdir()
    canvass = ws / P / "canvass.csv"
    canvass.rename(ws / "data/a.csv")
    shutil.copy(ws / "data/a.csv", ws / "data/b.csv")
    canvass.symlink_to("../../data/a.csv")
    _git(ws, "add", "-A")
    _git(ws, "commit", "-qm", "visits by export")
    assert cli("check", ws).exit_code == 0
    b = ws / "data/b.csv"
    b.write_text(b.read_text(encoding="utf-8").replace(",agree,", ",oppose,", 3), encoding="utf-8")
    _git(ws, "add", "-A")
    _git(ws, "commit", "-qm", "a second export")
    os.remove(canvass)
    canvass.symlink_to("../../data/b.csv")
    _as_full(ws)


def test_a_register_ignored_then_no_longer_ignored(ws: Path) -> None:
    """git's ignore rules decide FT233 (a register kept off the repository) or FT203 (gone): a
    project whose register is not there is checked, whatever changed."""
    (ws / ".gitignore").write_text("households/\n", encoding="utf-8")
    _git(ws, "rm", "-rq", "--cached", "households")
    _git(ws, "add", "-A")
    _git(ws, "commit", "-qm", "the register kept off git")
    (register,) = (ws / "households").glob("*.csv")
    register.unlink()
    assert cli("check", ws).exit_code == 0  # FT233, a warning
    (ws / ".gitignore").write_text("", encoding="utf-8")
    _as_full(ws)


def test_a_dot_dot_after_a_linked_folder_is_taken_after_the_link(tmp_path: Path) -> None:
    """`households/cur/../chaoyang.csv` with cur a link: the register read is the one beside
    where cur leads, as the system takes `..`; pointing cur elsewhere changes it."""
    ws = tmp_path / "ws"
    shutil.copytree(EXAMPLES / "chaoyang", ws)
    project = next((ws / "projects").iterdir())
    for year in ("y2023", "y2024"):
        (ws / "data" / year / "sub").mkdir(parents=True)
    register = ws / "households/chaoyang.csv"
    shutil.move(register, ws / "data/y2023/chaoyang.csv")
    text = (ws / "data/y2023/chaoyang.csv").read_text(encoding="utf-8-sig")
    (ws / "data/y2024/chaoyang.csv").write_text("".join(line for line in text.splitlines(keepends=True) if not line.startswith("1,1,101,")), encoding="utf-8")
    (ws / "households/cur").symlink_to("../data/y2023/sub")
    record = (project / "project.yaml").read_text(encoding="utf-8")
    (project / "project.yaml").write_text(record.replace("register: households/chaoyang.csv", "register: households/cur/../chaoyang.csv", 1), encoding="utf-8")
    assert cli("canvass", "record", project, "1-1-101", "agree", "--by", "王", "--date", "2023-03-25").exit_code == 0
    _git(ws, "init", "-q")
    _git(ws, "add", "-A")
    _git(ws, "commit", "-qm", "the register by year")
    assert cli("check", ws).exit_code == 0, cli("check", ws).output
    (ws / "households/cur").unlink()
    (ws / "households/cur").symlink_to("../data/y2024/sub")
    _as_full(ws)


def test_a_file_behind_a_clean_and_smudge_filter_is_never_taken_as_unchanged(ws: Path, tmp_path: Path) -> None:
    """git-lfs keeps a pointer in the revision and the data on disk: the blob is not what the
    revision checks out, so it shows nothing the same (a pointer left on disk is an error)."""
    store = tmp_path / "store"
    store.mkdir()
    clean, smudge = tmp_path / "clean.sh", tmp_path / "smudge.sh"
    clean.write_text(
        f"#!/bin/sh\nf=$(mktemp); cat > $f; h=$(sha256sum $f | cut -c1-64); cp $f {store}/$h\n"
        "printf 'version https://git-lfs.github.com/spec/v1\\noid sha256:%s\\n' $h\n"
    )
    smudge.write_text(f"#!/bin/sh\nh=$(sed -n 's/^oid sha256://p'); cat {store}/$h\n")
    clean.chmod(0o755)
    smudge.chmod(0o755)
    _git(ws, "config", "filter.fake.clean", str(clean))
    _git(ws, "config", "filter.fake.smudge", str(smudge))
    (ws / ".gitattributes").write_text("canvass.csv filter=fake\n", encoding="utf-8")
    _git(ws, "add", "--renormalize", "-A")
    _git(ws, "commit", "-qm", "visits kept by a filter")
    (ws / P / "canvass.csv").unlink()
    _git(ws, "-c", "filter.fake.smudge=cat", "checkout", "--", f"{P}/canvass.csv")  # the filter not installed: the pointer on disk
    _as_full(ws)


def test_a_minutes_scan_git_ignores_deleted(ws: Path) -> None:
    (ws / ".gitignore").write_text("*.pdf\n", encoding="utf-8")
    (ws / P / "minutes").mkdir()
    (ws / P / "minutes/branch.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    text = (ws / P / "project.yaml").read_text(encoding="utf-8")
    (ws / P / "project.yaml").write_text(text.replace("  - step: committee ", "  - minutes: minutes/branch.pdf\n    step: committee ", 1), encoding="utf-8")
    _git(ws, "add", "-A")
    _git(ws, "commit", "-qm", "minutes named")
    assert cli("check", ws).exit_code == 0, cli("check", ws).output
    (ws / P / "minutes/branch.pdf").unlink()
    _as_full(ws)


def _leaky_register(ws: Path) -> None:
    """A register with a full phone, committed: FT702's case."""
    path = ws / "households/hongmeiyuan.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[1] = lines[1].replace("138****0001", "13812340001")
    assert "13812340001" in lines[1]
    path.write_text("".join(lines), encoding="utf-8")
    _git(ws, "add", "-A")
    _git(ws, "commit", "-qm", "full register")


def test_a_hook_in_a_linked_worktree_asks_the_workspaces_own_repository(tmp_path: Path) -> None:
    """In a pre-commit hook git sets GIT_DIR (a linked worktree's) and no work tree: FT702 and
    --changed must answer as they do by hand."""
    repo = tmp_path / "repo"
    ws = _committed(repo, repo / "ws")
    _leaky_register(ws)
    _git(repo, "worktree", "add", "-q", str(tmp_path / "wt"), "-b", "feature")
    wt = tmp_path / "wt"
    by_hand = subprocess.run([sys.executable, "-m", "fourtwo", "check", "--strict", "ws"], cwd=wt, capture_output=True, text=True, timeout=60)
    assert by_hand.returncode == 1 and "FT702" in by_hand.stdout
    gitdir = subprocess.run(["git", "rev-parse", "--absolute-git-dir"], cwd=wt, capture_output=True, text=True, check=True).stdout.strip()
    for env in ({"GIT_DIR": gitdir}, {"GIT_DIR": ".git"}):
        hooked = subprocess.run(
            [sys.executable, "-m", "fourtwo", "check", "--strict", "ws"], cwd=wt, capture_output=True, text=True, timeout=60, env={**os.environ, **env}
        )
        assert hooked.returncode == 1 and "FT702" in hooked.stdout, (env, hooked.stdout, hooked.stderr)


def test_a_register_in_a_repository_of_its_own_is_asked_there(tmp_path: Path) -> None:
    ws = _committed(tmp_path, tmp_path / "ws")
    households = ws / "households"
    _git(tmp_path, "rm", "-r", "-q", "--cached", "ws/households")  # the register is kept in a repository of its own
    _git(tmp_path, "commit", "-qm", "register elsewhere")
    _git(households, "init", "-q")
    (households / "hongmeiyuan.csv").write_text(
        (households / "hongmeiyuan.csv").read_text(encoding="utf-8").replace("138****0001", "13812340001"), encoding="utf-8"
    )
    _git(households, "add", "-A")
    _git(households, "commit", "-qm", "register")
    result = cli("check", ws, "--strict")
    assert result.exit_code == 1 and "FT702" in result.stdout, result.stdout


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give the repository to another user")
def test_a_repository_git_will_not_read_is_said_not_taken_for_clean(tmp_path: Path) -> None:
    """git refuses a repository of another user (safe.directory): FT702 is unknown, and said."""
    ws = _committed(tmp_path / "r", tmp_path / "r")
    _leaky_register(ws)
    env = {**os.environ, "GIT_CONFIG_COUNT": "1", "GIT_CONFIG_KEY_0": "safe.directory", "GIT_CONFIG_VALUE_0": "/nowhere"}
    subprocess.run(["chown", "-R", "4321:4321", str(ws)], check=True)
    result = subprocess.run([sys.executable, "-m", "fourtwo", "check", "--strict", str(ws)], capture_output=True, text=True, timeout=60, env=env)
    assert result.returncode == 1 and "FT704" in result.stdout and "dubious ownership" in result.stdout, result.stdout


def test_a_link_of_a_partial_clone_is_not_fetched(tmp_path: Path) -> None:
    """A blob-less clone: the revision's links are compared by their blob ids, no blob is read,
    so git neither fails (the remote gone) nor fetches into .git."""
    ws = _committed(tmp_path / "src", tmp_path / "src")
    (ws / "README-link").symlink_to("fourtwo.yaml")
    _git(ws, "add", "-A")
    _git(ws, "commit", "-qm", "a link")
    _git(ws, "rm", "-q", "README-link")  # its blob only in the revision compared with: a clone without blobs lacks it
    _git(ws, "commit", "-qm", "no link")
    _git(ws, "config", "uploadpack.allowFilter", "true")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--filter=blob:none", f"file://{ws}", str(clone)], check=True, capture_output=True)
    before = sorted(str(p) for p in (clone / ".git").rglob("*"))
    shutil.move(str(ws), str(tmp_path / "gone"))  # the remote is gone
    _edit_canvass(clone)
    _as_full(clone, "HEAD~1")
    assert sorted(str(p) for p in (clone / ".git").rglob("*")) == before


def test_a_workspace_held_as_a_submodule_is_compared_with_the_commit_the_superproject_named(tmp_path: Path) -> None:
    """Run from the superproject, REF is the superproject's: the workspace's revision is the
    commit it pinned the submodule at then, not REF looked up in the submodule's own history."""
    remote = _committed(tmp_path / "remote", tmp_path / "remote")
    superproject = tmp_path / "super"
    superproject.mkdir()
    _git(superproject, "init", "-q")
    _git(superproject, "-c", "protocol.file.allow=always", "submodule", "add", "-q", str(remote), "ws")
    _git(superproject, "commit", "-qm", "pin the workspace")
    _git(superproject, "tag", "base")
    ws = superproject / "ws"
    _edit_canvass(ws)
    _git(ws, "commit", "-qam", "an edit in the workspace's own history")
    _git(ws, "tag", "base")  # the same name in the submodule: its own tip, where nothing differs
    _git(superproject, "add", "ws")
    _git(superproject, "commit", "-qm", "bump the workspace")
    full = subprocess.run([sys.executable, "-m", "fourtwo", "check", "ws"], cwd=superproject, capture_output=True, text=True, timeout=60)
    changed = subprocess.run(
        [sys.executable, "-m", "fourtwo", "check", "--changed", "base", "ws"], cwd=superproject, capture_output=True, text=True, timeout=60
    )
    assert full.returncode == 1 and changed.returncode == 1, (full.stdout, changed.stdout, changed.stderr)


def test_a_repository_named_by_git_dir_and_work_tree_is_asked(tmp_path: Path) -> None:
    """A --git-dir set-up (GIT_DIR and GIT_WORK_TREE name the repository whole): FT702 and
    --changed answer from it."""
    work = tmp_path / "work"
    shutil.copytree(EXAMPLES / "beiyuan", work / "ws")
    register = work / "ws/households/hongmeiyuan.csv"
    register.write_text(register.read_text(encoding="utf-8").replace("138****0001", "13812340001"), encoding="utf-8")
    env = {**os.environ, "GIT_DIR": str(tmp_path / "repo.git"), "GIT_WORK_TREE": str(work)}
    for args in (
        ["init", "-q"],
        ["add", "-A"],
        ["add", "-f", "ws/households/hongmeiyuan.csv"],
        ["-c", "user.email=t@t", "-c", "user.name=t", "commit", "-qm", "x"],
    ):
        subprocess.run(["git", *args], cwd=work, env=env, check=True, capture_output=True)
    strict = subprocess.run([sys.executable, "-m", "fourtwo", "check", "--strict", "ws"], cwd=work, env=env, capture_output=True, text=True, timeout=60)
    assert strict.returncode == 1 and "FT702" in strict.stdout, strict.stdout + strict.stderr
    changed = subprocess.run(
        [sys.executable, "-m", "fourtwo", "check", "--changed", "HEAD", "ws"], cwd=work, env=env, capture_output=True, text=True, timeout=60
    )
    assert changed.returncode in (0, 1) and "FT911" not in changed.stderr, changed.stderr
