"""Asking git: which projects changed since a revision, and which files it tracks.

Which projects changed since a git revision (`fourtwo check --changed REF`), for large
workspaces in CI: only those projects are checked, unless something they all depend on
(fourtwo.yaml, a procedure, a register, a template) changed too."""

from __future__ import annotations

import subprocess
from pathlib import Path

from fourtwo.files.layout import PROJECT_FILE, PROJECTS_DIR
from fourtwo.findings.errors import InputError


def changed_files(root: Path, ref: str) -> list[Path]:
    """Files changed between `ref` and the working tree, untracked ones included."""

    def git(*args: str) -> list[str]:
        try:
            done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=False)
        except OSError as exc:
            raise InputError("FT911", ref=ref, reason=str(exc)) from exc
        if done.returncode != 0:
            raise InputError("FT911", ref=ref, reason=done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "git failed")
        return [line for line in done.stdout.splitlines() if line]

    top = Path(git("rev-parse", "--show-toplevel")[0])
    names = git("diff", "--name-only", ref, "--") + git("ls-files", "--others", "--exclude-standard", "--full-name")
    return [(top / name).resolve() for name in names]


def changed_projects(root: Path, ref: str) -> set[Path] | None:
    """Project folders with a changed file; None when a change concerns every project."""
    root = root.resolve()
    projects = root / PROJECTS_DIR
    folders: set[Path] = set()
    for path in changed_files(root, ref):
        if not path.is_relative_to(root):
            continue
        if not path.is_relative_to(projects):
            return None  # fourtwo.yaml, procedures/, households/, templates/: every project may change
        for folder in (path.parent, *path.parents):
            if (folder / PROJECT_FILE).is_file() or folder == projects:
                if folder != projects:
                    folders.add(folder)
                break
    return folders


def tracked(root: Path, paths: list[Path]) -> list[Path]:
    """Those of `paths` that git tracks, asked in one call (none outside a repository)."""
    if not paths:
        return []
    try:
        listed = subprocess.run(["git", "-C", str(root), "ls-files", "-z", "--full-name", "--", *map(str, paths)], capture_output=True, check=False)
        top = subprocess.run(["git", "-C", str(root), "rev-parse", "--show-toplevel"], capture_output=True, text=True, check=False)
    except OSError:  # no git here: nothing is committed
        return []
    if listed.returncode != 0 or top.returncode != 0:
        return []
    base = Path(top.stdout.strip()).resolve()
    names = {(base / name).resolve() for name in listed.stdout.decode("utf-8", "surrogateescape").split("\0") if name}
    return [p for p in paths if p.resolve() in names]


def ignored(root: Path, paths: list[Path]) -> list[Path]:
    """Those of `paths` that git ignores (.gitignore), whether or not they exist; none outside a repository."""
    if not paths:
        return []
    listed = "".join(f"{p}\0" for p in paths).encode("utf-8", "surrogateescape")
    try:
        done = subprocess.run(["git", "-C", str(root), "check-ignore", "-z", "--stdin"], input=listed, capture_output=True, check=False)
    except OSError:  # no git here: nothing is ignored
        return []
    names = set(done.stdout.decode("utf-8", "surrogateescape").split("\0"))
    return [p for p in paths if str(p) in names]
