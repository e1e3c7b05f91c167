"""Reading a file people keep: only a regular file, and only inside the folder it belongs to.

A project folder is committed to git, and git commits links and FIFOs as they are: a
`canvass.csv` that is a link to /dev/zero would fill memory, a FIFO would block a read
forever, and a link to a file outside the workspace would have fourtwo read (and perhaps
print) what it was never given. Every reader of a workspace's files goes through
`read_bytes`, so the rule is kept in one place: a device, FIFO or socket is never opened,
and a link is followed only to a file inside `within`.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from fourtwo.findings import Diagnostic, Loc, diag
from fourtwo.i18n import N_, T, Text, os_reason

if TYPE_CHECKING:
    from fourtwo.findings.errors import InputError


class NotRegular(OSError):
    """A FIFO, a device, a socket or a folder where a file was expected; or, `folder`, anything
    but a folder where a folder was."""

    def __init__(self, path: Path, kind: str, folder: bool = False) -> None:
        super().__init__(f"{path} is {kind}, not a {'folder' if folder else 'file'}")
        self.path = path
        self.kind = kind
        self.folder = folder


class Outside(OSError):
    """A link that leads out of the folder the file belongs to."""

    def __init__(self, path: Path, target: Path) -> None:
        super().__init__(f"{path} links to {target}, outside the workspace")
        self.path = path
        self.target = target


_KINDS = (
    (stat.S_ISFIFO, N_("a FIFO (named pipe)")),
    (stat.S_ISCHR, N_("a device")),
    (stat.S_ISBLK, N_("a device")),
    (stat.S_ISSOCK, N_("a socket")),
    (stat.S_ISDIR, N_("a folder")),
    (stat.S_ISREG, N_("a file")),
)


def real(path: Path | str) -> Path:
    """Where a path leads, every link followed as far as it goes. Never raises for a link that
    loops or leads nowhere (Path.resolve raises RuntimeError on a loop): what is found there is
    said by whoever reads it (FT001, FT010, FT011)."""
    try:
        return Path(os.path.realpath(path))
    except ValueError:  # a NUL in the path: nothing can be there
        return Path(os.path.abspath(path))


def kind_of(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), N_("a special file"))


def not_a_file(path: Path, shown: object) -> Text:
    """Why `path` is no file to read, in words: not there, a link leading nowhere or round in a
    loop, or what is there instead (a FIFO, a folder): never 'not there' for what is there."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return T("{path} is a link that leads nowhere", path=shown) if os.path.islink(path) else T("{path} is not there", path=shown)
    except OSError as exc:  # a link round in a loop, a folder that may not be entered
        return T("{path} cannot be read ({why})", path=shown, why=os_reason(exc))
    return T("{path} is {kind}, not a file", path=shown, kind=T(kind_of(mode)))


def not_found(raw: Path, what: object = "") -> InputError:
    """The error for a path given on the command line that leads to nothing: FT901 when nothing
    is there; when a link is, why it leads nowhere (round in a loop, or to a name not there)."""
    from fourtwo.findings.errors import InputError

    if not os.path.islink(raw):
        return InputError("FT901", path=raw)
    try:
        os.stat(raw)
        reason: Text = T("it cannot be reached")
    except FileNotFoundError:
        reason = T("it is a link to {target}, which is not there", target=str(leads_to(raw)))
    except OSError as exc:  # round in a loop
        reason = os_reason(exc)
    return InputError("FT001", Loc(raw), what=what or T("'{name}'", name=str(raw)), reason=reason)


def inside(path: Path | str, within: Path | str) -> bool:
    """Whether `path`, every link on its way followed, is inside `within`."""
    return inside_stat(path, within) is not False


def inside_stat(path: Path | str, within: Path | str) -> os.stat_result | bool:
    """Whether `path`, every link on its way followed, is inside `within`: False if not; else
    the lstat of `path` itself when no link is on its way (what a reader would stat again),
    True when there is one, or nothing there."""
    top = os.path.abspath(within)
    here = os.fspath(path)
    if not os.path.isabs(here):
        here = os.path.join(os.getcwd(), here)  # not normalised: "link/.." is not "."
    if here.startswith(top + os.sep) and ".." not in here[len(top) :].split(os.sep):
        # Below `within` as written: inside unless a link on the way leads out. A few lstat
        # calls, where realpath would resolve every folder from the root.
        step = top
        for part in here[len(top) + 1 :].split(os.sep):
            step = step + os.sep + part if part else os.path.join(step, part)
            try:
                found = os.lstat(step)
            except OSError:
                return True  # nothing there: nothing read from outside either
            if stat.S_ISLNK(found.st_mode):
                break
        else:
            return found
    return os.path.realpath(here).startswith(os.path.realpath(top) + os.sep)


def leads_to(path: Path) -> Path:
    """Where a link says it leads, as `ls -l` shows it (where it really is, for a file inside a linked folder)."""
    try:
        return Path(os.readlink(path))
    except OSError:
        return Path(os.path.realpath(path))


def check_regular(path: Path, within: Path | None = None) -> None:
    """Raise as reading would, without opening anything: FileNotFoundError, Outside, NotRegular."""
    if within is not None and not inside(path, within):
        raise Outside(path, leads_to(path))
    mode = os.stat(path).st_mode
    if not stat.S_ISREG(mode):
        raise NotRegular(path, kind_of(mode))


def check_folder(path: Path, within: Path) -> None:
    """Raise as listing it would be refused: FileNotFoundError, Outside (a link out of
    `within`), NotRegular (a FIFO or a file where a folder should be)."""
    if not inside(path, within):
        raise Outside(path, leads_to(path))
    mode = os.stat(path).st_mode
    if not stat.S_ISDIR(mode):
        raise NotRegular(path, kind_of(mode), folder=True)


def named_file(path: Path, what: object) -> None:
    """A file named on the command line is there and a regular file: FT901 when it is not there,
    else why not (FT010 a FIFO or a device, FT001 a link that loops), never 'no such file'."""
    from fourtwo.findings.errors import InputError

    try:
        check_regular(path)
    except FileNotFoundError:
        raise InputError("FT901", path=path) from None
    except OSError as exc:
        raise InputError.of(unreadable(path, T("{path} (given to {option})", path=str(path), option=what), exc)) from None


def read_bytes(path: Path, within: Path | None = None) -> bytes:
    """A regular file's bytes. Raises FileNotFoundError, Outside (a link out of `within`),
    NotRegular (a FIFO, device, socket: never opened), or another OSError."""
    check_regular(path, within)
    # Opened without blocking and looked at again: a FIFO put in its place since the stat
    # must not hang the read.
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegular(path, kind_of(mode))
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read()
    finally:
        os.close(fd)


def read_text(path: Path, within: Path | None = None) -> str:
    """A regular file's UTF-8 text, as Path.read_text would give it (raises UnicodeDecodeError)."""
    return read_bytes(path, within).decode("utf-8")


def unreadable(path: Path, what: object, exc: OSError, loc: Loc | None = None) -> Diagnostic:
    """The finding for a file that could not be read: why, said plainly. `what` is a word (the
    household register) or a file's name, which is quoted: 'x.fifo' is a FIFO, “x.fifo”是命名管道."""
    if isinstance(what, str):
        what = T("'{name}'", name=what)
    at = loc or Loc(path)
    if isinstance(exc, Outside):
        return diag("FT011", at, what=what, target=exc.target)
    if isinstance(exc, NotRegular):
        return diag("FT019" if exc.folder else "FT010", at, what=what, kind=T(exc.kind))
    return diag("FT001", at, what=what, reason=os_reason(exc))
