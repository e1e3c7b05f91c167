"""An output folder fourtwo builds (the public site): where it may be, and writing it safely.

One policy for every folder a command fills with many files:
- it never overlaps a workspace or its git folder: not the workspace, not inside it, not
  holding it (`overlap`), so a rebuild can never touch the records;
- nothing is written through a symbolic link found in it, nor to anything but a regular file;
- its manifest (MANIFEST, a text file) lists each file written with its sha256, and a rebuild
  removes only a file the manifest lists whose bytes are still those: a file it did not
  write, or one a person changed since, is left alone.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from fourtwo.files.layout import HOUSEHOLDS_DIR, PROCEDURES_DIR, PROJECTS_DIR, SCHEMA_DIR, TEMPLATES_DIR, WORKSPACE_FILE, find_root
from fourtwo.files.limits import MAX_MANIFEST_BYTES, MAX_SITE_FILE_BYTES, Unreadable, read_limited
from fourtwo.files.reading import kind_of, real
from fourtwo.files.refused import write_refused
from fourtwo.files.safepath import PathEscape, inside, split_site_name
from fourtwo.findings.errors import InputError
from fourtwo.i18n import T, Text, os_reason

MANIFEST = ".fourtwo-site"
_HEAD = "Built by `fourtwo site`. A rebuild removes only the files listed here, and only while their bytes are these.\n"


def git_folder(root: Path) -> Path | None:
    """The .git of the repository holding `root`, if any."""
    for folder in (root, *root.parents):
        if (folder / ".git").exists():
            return folder / ".git"
    return None


def overlap(out: Path, root: Path) -> str | Text:
    """How `out` would overlap the workspace at `root` or its git folder ('' when it does not):
    both resolved, so a link or `..` changes nothing."""
    target, home = real(out), real(root)
    git = git_folder(home)
    for area, name in ((home, T("the workspace")), (git, T("its git folder"))):
        if area is None:
            continue
        if target == area:
            return T("it is {name}", name=name)
        if target.is_relative_to(area):
            return T("it lies inside {name}", name=name)
        if area.is_relative_to(target):
            return T("it holds {name}", name=name)
    return ""


def among_records(out: Path, projects_only: bool = False, home: str = "") -> str | Text:
    """Why `out` lies among records ('' when it does not): inside a workspace (any, not only
    those a command reads: a report must not land on a neighbour's fourtwo.yaml), or only a
    project's folder or the workspace's other records when `projects_only` (a door-to-door
    form may be written at the workspace's top, where .gitignore keeps it out of git; `home`
    is a folder of the workspace where this output belongs: .fourtwo for the schemas), or
    inside a git folder."""
    target = real(out)
    if ".git" in target.parts:
        return T("it lies inside a git folder")
    root = find_root(target)
    if root is None:
        return ""
    if not projects_only:
        return T("it lies inside the workspace {root}", root=root)
    below = target.relative_to(root).parts if target.is_relative_to(root) else ()
    if below[:1] == (PROJECTS_DIR,) and len(below) > 2:
        return T("it lies inside the project folder {folder}", folder=root.joinpath(*below[:2]))
    if (below[:1] in _RECORD_FOLDERS and below[:1] != (home,)) or below[:1] == (WORKSPACE_FILE,):  # the registers, the procedures, the templates, the schemas
        return T("it lies among the workspace's records ({name})", name=root.joinpath(*below[:1]))
    return ""


_RECORD_FOLDERS = {(name,) for name in (PROJECTS_DIR, HOUSEHOLDS_DIR, PROCEDURES_DIR, TEMPLATES_DIR, SCHEMA_DIR)}


def refuse_output(out: Path, roots: list[Path], folder: bool) -> None:
    """A report's file or a dataset's folder is written outside every workspace (those it speaks
    of, and any other) and their repositories, and never over what is not a plain file (or
    folder): a device, a FIFO, a link (FT013). Before anything is read or written."""
    _refuse_among(out, roots, "FT013")
    try:
        mode = os.lstat(out).st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise InputError("FT013", path=out, why=os_reason(exc)) from None
    if stat.S_ISLNK(mode):
        raise InputError("FT013", path=out, why=T("it is a link"))
    if not (stat.S_ISDIR(mode) if folder else stat.S_ISREG(mode)):
        raise InputError("FT013", path=out, why=T("it is {kind}", kind=T(kind_of(mode))))


def refuse_overlap(out: Path, roots: list[Path]) -> None:
    _refuse_among(out, roots, "FT930")


def _refuse_among(out: Path, roots: list[Path], code: str) -> None:
    """`code` when `out` overlaps a workspace read (or its git folder), or lies among any records."""
    why = next((w for w in (overlap(out, root) for root in roots) if w), "") or among_records(out)
    if why:
        raise InputError(code, path=out, why=why)


@dataclass
class Written:
    written: int = 0
    removed: int = 0
    kept: list[str] = field(default_factory=list)  # listed in the manifest but changed since: left alone


def digest_of(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


def write_folder(out: Path, files: dict[str, bytes]) -> Written:
    """Write `files` (site-relative names) into `out`, refusing a link or anything but a file
    or folder in their way before writing any; a file whose bytes are unchanged is left
    alone; files of the last build no longer wanted are removed when still as written."""
    out = real(out)  # the folder named may be a link (/srv/www): what lies in it is never followed
    if out.exists() and not out.is_dir():
        raise InputError("FT915", path=out)
    listed = _manifest(out)
    if not out.is_dir():
        _mkdir_all(out)
    parts = {name: _parts(out, name) for name in files}
    for name in sorted(files):
        _refuse_links(out, parts[name])
    _clear_leftovers(out)
    # The list first, of what was there and what is coming: a build stopped part way leaves a
    # folder the next build knows for its own, and finishes.
    building = {name: {*listed.get(name, set()), digest_of(data)} for name, data in files.items()}
    _replace(out / MANIFEST, _manifest_text({**listed, **building}))
    done = Written()
    made: set[Path] = set()
    for name in sorted(files):
        path = inside(out, *parts[name])
        for depth in range(1, len(parts[name])):
            folder = inside(out, *parts[name][:depth])
            if folder not in made and not folder.is_dir():
                _mkdir(folder)
            made.add(folder)
        if _same(path, files[name]):
            continue
        _replace(path, files[name])
        done.written += 1
    for name, recorded in sorted(listed.items()):
        if name not in files:
            _remove(out, name, recorded, done)
    _replace(out / MANIFEST, _manifest_text({n: {digest_of(files[n])} for n in files}))
    return done


def _manifest_text(listed: dict[str, set[str]]) -> bytes:
    return (_HEAD + "".join(f"{digest} {name}\n" for name in sorted(listed) for digest in sorted(listed[name]))).encode("utf-8")


_LEFTOVER = re.compile(r"\.fourtwo-[A-Za-z0-9_]+\.tmp")  # a page _replace was writing when the build was stopped


def _leftovers(out: Path) -> list[Path]:
    return [Path(top, name) for top, _, names in os.walk(out) for name in names if _LEFTOVER.fullmatch(name)]


def _clear_leftovers(out: Path) -> None:
    """The half-written pages a stopped build left in its own folder: never published."""
    for path in _leftovers(out):
        try:
            path.unlink()
        except OSError as exc:
            raise write_refused(path, exc) from exc


def _parts(out: Path, name: str) -> list[str]:
    try:
        return split_site_name(name)
    except PathEscape as exc:
        raise InputError("FT931", path=out / name, why=exc.why) from exc


def _manifest(out: Path) -> dict[str, set[str]]:
    """The files the last build wrote, by name, with their digests (two while a build was under
    way: the old and the new); {} for a new or empty folder (empty but for pages a stopped build
    was writing). A folder with files and no manifest is not the site's (FT915)."""
    if not out.is_dir() or not any(out.iterdir()):
        return {}
    if not (out / MANIFEST).exists() and all(os.path.isdir(p) or _LEFTOVER.fullmatch(p.name) for p in out.rglob("*")):
        return {}
    marker = out / MANIFEST
    if marker.is_symlink() or not marker.is_file():
        raise InputError("FT915", path=out)
    try:
        text = read_limited(marker, MAX_MANIFEST_BYTES).decode("utf-8", "replace")
    except (OSError, Unreadable) as exc:
        raise InputError("FT915", path=out) from exc
    listed: dict[str, set[str]] = {}
    for line in text.splitlines()[1:]:
        recorded, _, name = line.partition(" ")
        if recorded.startswith("sha256:") and name:
            listed.setdefault(name, set()).add(recorded)
    return listed


def _refuse_links(out: Path, parts: list[str]) -> None:
    """Every folder on the way and the file itself: absent, or a real folder and a regular file."""
    path = out
    for depth, part in enumerate(parts, 1):
        path = path / part
        try:
            mode = os.lstat(path).st_mode
        except FileNotFoundError:
            return
        except OSError as exc:
            raise write_refused(path, exc) from exc
        last = depth == len(parts)
        if stat.S_ISLNK(mode) or (not last and not stat.S_ISDIR(mode)) or (last and not stat.S_ISREG(mode)):
            raise InputError("FT931", path=path, why=T("it is a link") if stat.S_ISLNK(mode) else T("it is not a plain file or folder"))


def _mkdir_all(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise write_refused(folder, exc) from exc


def _same(path: Path, data: bytes) -> bool:
    try:
        return os.lstat(path).st_size == len(data) and read_limited(path, MAX_SITE_FILE_BYTES) == data
    except (OSError, Unreadable):
        return False


def _mkdir(folder: Path) -> None:
    try:
        os.mkdir(folder)
    except FileExistsError:
        if folder.is_symlink() or not folder.is_dir():
            raise InputError("FT931", path=folder, why=T("it is a link")) from None
    except OSError as exc:
        raise write_refused(folder, exc) from exc


def _replace(path: Path, data: bytes) -> None:
    """A new file beside it, renamed over it: a rename replaces a link found there, never writes
    through it. No fsync per page (thousands of them): a site cut short is built again."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=".fourtwo-", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.chmod(tmp, 0o644)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError as exc:
        raise write_refused(path, exc) from exc


def _remove(out: Path, name: str, recorded: set[str], done: Written) -> None:
    """A file of the last build, removed if it is still a regular file with the bytes written;
    then its folders, while empty, up to `out`."""
    try:
        parts = split_site_name(name)
        path = inside(out, *parts)
        _refuse_links(out, parts)
        if not os.path.lexists(path):
            return
        if digest_of(read_limited(path, MAX_SITE_FILE_BYTES)) not in recorded:
            done.kept.append(name)
            return
        path.unlink()
        done.removed += 1
    except (PathEscape, InputError, Unreadable, OSError):
        done.kept.append(name)  # never removed what cannot be proven to be ours
        return
    folder = path.parent
    while folder != out and folder.is_relative_to(out) and not folder.is_symlink():
        try:
            folder.rmdir()  # only an empty folder goes
        except OSError:
            break
        folder = folder.parent
