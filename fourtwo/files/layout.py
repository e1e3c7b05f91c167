"""Where things are in a workspace: the names of its files and folders, and finding them.

Every module that needs a file's name takes it from here, so a name is written once.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from fourtwo.files.reading import real
from fourtwo.findings.errors import InputError

WORKSPACE_FILE = "fourtwo.yaml"
PROJECTS_DIR = "projects"
PROJECT_FILE = "project.yaml"
HOUSEHOLDS_DIR = "households"
PROCEDURES_DIR = "procedures"
TEMPLATES_DIR = "templates"
CANVASS_FILE = "canvass.csv"
NOTICES_DIR = "notices"
SCHEMA_DIR = ".fourtwo"
LOCK_NAME = ".fourtwo.lock"
REGISTER_SUFFIXES = (".csv", ".xlsx")
# Files programs leave while they run, never part of the record: fourtwo's own lock, an office
# program's owner file beside what it has open (Excel, WPS: ~$名册.xlsx; LibreOffice:
# .~lock.名册.csv#), a file manager's folder notes. Not read, not a change, not a register.
_RUNTIME_NAMES = {LOCK_NAME, ".DS_Store", "Thumbs.db", "desktop.ini"}


def is_runtime(name: str) -> bool:
    """Whether a file of this name is a program's runtime file rather than a record."""
    return name in _RUNTIME_NAMES or name.startswith("~$") or (name.startswith(".~lock.") and name.endswith("#"))


# Never walked into: version control, tools' folders, and the archived notices.
_SKIP_DIRS = {".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv", NOTICES_DIR}


def find_root(start: Path) -> Path | None:
    """The nearest folder at or above `start` holding fourtwo.yaml."""
    here = real(start)
    for folder in (here, *here.parents):
        try:
            os.lstat(folder / WORKSPACE_FILE)  # a link or a FIFO there too: loading it says what it is, not "no workspace"
        except OSError as exc:
            if exc.errno == errno.ENAMETOOLONG:  # a path the system takes no file in: said, not "no workspace here"
                from fourtwo.i18n import os_reason

                raise InputError("FT018", path=start, reason=os_reason(exc)) from None
            continue
        return folder
    return None


# How deep below a folder that is not a workspace `check` looks for workspaces (a folder of
# workspaces, or one of folders of them): run from a home folder it answers at once.
WORKSPACE_SEARCH_DEPTH = 3


def walk(
    top: Path, name: str, depth: int | None = None, nested: bool = True, links: list[Path] | None = None, refused: list[OSError] | None = None
) -> list[Path]:
    """Every file called `name` below `top`, in path order, skipping tools' folders.

    `depth` bounds how many folders down it looks; `nested=False` does not look inside a folder
    that has one; `links` receives the links to folders met on the way (never followed);
    `refused` the folders the system would not list (a project must not vanish without a word).
    """
    found = []
    base = len(top.parts)
    for folder, dirs, files in os.walk(top, onerror=refused.append if refused is not None else None):
        dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS and not d.startswith("."))
        if links is not None:
            links += [Path(folder) / d for d in dirs if os.path.islink(os.path.join(folder, d))]
        if name in files:
            found.append(Path(folder) / name)
            if not nested:
                dirs[:] = []
        if depth is not None and len(Path(folder).parts) - base >= depth:
            dirs[:] = []
    return found


def project_files(
    root: Path, scope: Path | None = None, only: set[Path] | None = None, links: list[Path] | None = None, refused: list[OSError] | None = None
) -> list[Path]:
    """The project.yaml files of a workspace (under `scope`, among `only`), in path order;
    `links` receives the linked folders under projects/, which are never followed, `refused`
    the folders under it the system would not list."""
    projects_dir = root / PROJECTS_DIR
    files = walk(projects_dir, PROJECT_FILE, links=links, refused=refused) if projects_dir.is_dir() else []
    if scope is not None:
        files = [f for f in files if f.is_relative_to(scope) or scope.is_relative_to(f.parent)]
    if only is not None:
        files = [f for f in files if real(f.parent) in only]
    return files


def project_folder(path: Path) -> tuple[Path, Path]:
    """A project's folder and its workspace root, from its folder or project.yaml; nothing loaded."""
    target = real(path)
    if not target.exists():
        from fourtwo.files.reading import not_found

        raise not_found(path)
    folder = target.parent if target.is_file() else target
    if (target.is_file() and target.name != PROJECT_FILE) or not (folder / PROJECT_FILE).is_file():
        raise InputError("FT907", path=path)
    root = find_root(folder)
    if root is None:
        raise InputError("FT902", path=path)
    if not folder.is_relative_to(root / PROJECTS_DIR):  # never read as a project: say so, not "nothing found"
        raise InputError("FT920", path=path, projects=root / PROJECTS_DIR)
    return folder, root


def stray_project(root: Path, scope: Path) -> Path | None:
    """A project.yaml at or below `scope` that is outside the workspace's projects/ folder, if any."""
    projects = root / PROJECTS_DIR
    if scope.is_relative_to(projects) or projects.is_relative_to(scope):
        return None
    found = walk(scope, PROJECT_FILE)
    return found[0] if found else None
