"""Which projects changed since a git revision (`fourtwo check --changed REF`), for large
workspaces in CI: only those projects are checked, unless something they all depend on
(fourtwo.yaml, a procedure, a register, a template) changed too."""

from __future__ import annotations

import subprocess
from pathlib import Path

from fourtwo.errors import InputError

PROJECTS_DIR = "projects"


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
            if (folder / "project.yaml").is_file() or folder == projects:
                if folder != projects:
                    folders.add(folder)
                break
    return folders
