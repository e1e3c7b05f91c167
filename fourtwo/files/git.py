"""Asking git: which files differ from a revision, and which files it tracks.

`fourtwo check --changed REF`, for large workspaces in CI: a project is checked again when
any file it depends on may differ from the revision (fourtwo.load.dependencies), and every
project when something they all share (fourtwo.yaml, a procedure, a template) does."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from fourtwo.files.layout import PROCEDURES_DIR, TEMPLATES_DIR, WORKSPACE_FILE
from fourtwo.findings.errors import InputError


@dataclass(frozen=True)
class Changes:
    """What differs in a workspace from a git revision (`fourtwo check --changed REF`)."""

    differ: frozenset[Path]  # tracked files whose content differs from the revision's, resolved
    tracked: frozenset[Path]  # every file git tracks there now, resolved
    shared: bool  # fourtwo.yaml, a procedure or a template changed: every project may judge otherwise

    def touch(self, paths: Iterable[Path]) -> bool:
        """Whether any of these files may differ from the revision: its content differs, or git
        does not track it (a git-ignored register has no revision to compare with, so it
        counts as changed: only a file git holds can be shown to be the same)."""
        for path in paths:
            real = Path(os.path.realpath(path))
            if real in self.differ or real not in self.tracked:
                return True
        return False


def changes(root: Path, ref: str) -> Changes:
    """Compare the workspace at `root` with the revision `ref`, by content (git compares the
    bytes where a file's times differ), untracked and ignored files included."""

    def git(*args: str) -> list[str]:
        try:
            done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=False)
        except OSError as exc:
            raise InputError("FT911", ref=ref, reason=str(exc)) from exc
        if done.returncode != 0:
            said = done.stderr.decode("utf-8", "replace").strip()
            raise InputError("FT911", ref=ref, reason=said.splitlines()[-1] if said else "git failed")
        return [name for name in done.stdout.decode("utf-8", "surrogateescape").split("\0") if name]

    top = Path(os.path.realpath(git("rev-parse", "--show-toplevel")[0].strip()))
    differ = {top / name for name in git("diff", "--name-only", "--no-renames", "-z", ref, "--")}
    tracked = {top / name for name in git("ls-files", "-z", "--full-name", "--", ".")}
    shared_names = [WORKSPACE_FILE, PROCEDURES_DIR, TEMPLATES_DIR]
    untracked_shared = git("ls-files", "--others", "-z", "--full-name", "--", *shared_names)
    base = Path(os.path.realpath(root))
    shared = bool(untracked_shared) or any(
        path == base / WORKSPACE_FILE or path.is_relative_to(base / PROCEDURES_DIR) or path.is_relative_to(base / TEMPLATES_DIR) for path in differ
    )
    return Changes(frozenset(differ), frozenset(tracked), shared)


def tracked(root: Path, paths: list[Path]) -> list[Path]:
    """Those of `paths` (inside `root`) that git tracks, asked in one call (none outside a
    repository): named relative to `root`, as git then names them, so no second call asks
    where the repository's top is (a street office's check asks it of twenty workspaces)."""
    if not paths:
        return []
    relative = {os.path.relpath(p, root): p for p in paths}
    try:
        listed = subprocess.run(["git", "--literal-pathspecs", "-C", str(root), "ls-files", "-z", "--", *relative], capture_output=True, check=False)
    except OSError:  # no git here: nothing is committed
        return []
    if listed.returncode != 0:
        return []
    names = set(listed.stdout.decode("utf-8", "surrogateescape").split("\0"))
    return [p for name, p in relative.items() if name in names]


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
