"""Writing files so a crash or a full disk never leaves half a file behind."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from fourtwo.files.layout import LOCK_NAME
from fourtwo.files.refused import write_refused
from fourtwo.findings.errors import InputError


def atomic_write(path: Path, text: str, encoding: str = "utf-8") -> None:
    """Write to a temporary file beside `path`, flush it to disk, then rename over it."""
    atomic_write_bytes(path, text.encode(encoding))


def atomic_write_bytes(path: Path, data: bytes) -> None:
    if os.path.islink(path):  # written where it is read (the loader let only a link inside the workspace through): the link stays
        path = Path(os.path.realpath(path))
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:  # a read-only folder, a full disk, a folder that is not there
        raise write_refused(path, exc) from exc
    try:
        # mkstemp makes the file 0600: keep the mode of the file replaced, or the umask's default.
        os.chmod(tmp, _mode_for(path))
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise write_refused(path, exc) from exc


def _mode_for(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def make_dirs(path: Path) -> None:
    try:
        path.mkdir(parents=True, exist_ok=True)
    except FileExistsError as exc:  # a FIFO or a file where the folder goes: said to be one, never 'it exists already'
        from fourtwo.files.reading import NotRegular, kind_of, unreadable
        from fourtwo.findings.printers import display_path

        try:
            kind = kind_of(os.stat(path).st_mode)
        except OSError:  # a link to nowhere
            raise write_refused(path, exc) from exc
        raise InputError.of(unreadable(path, display_path(path), NotRegular(path, kind, folder=True))) from exc
    except OSError as exc:
        raise write_refused(path, exc) from exc


def check_writable(folder: Path) -> None:
    """Make `folder` and prove a file can be written in it, before anything else is written: a
    folder of copies (publish --out), never among any workspace's records (FT013)."""
    from fourtwo.files.outdir import among_records

    why = among_records(folder)
    if why:
        raise InputError("FT013", path=folder, why=why)
    make_dirs(folder)
    try:
        fd, tmp = tempfile.mkstemp(prefix=".fourtwo-", suffix=".tmp", dir=folder)
        os.close(fd)
        os.unlink(tmp)
    except OSError as exc:
        raise write_refused(folder, exc) from exc


LOCK_TIMEOUT = 30.0


@contextlib.contextmanager
def locked(folder: Path, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold the folder's lock while reading, deciding and writing, so two commands never interleave."""
    from filelock import FileLock, Timeout

    path = folder / LOCK_NAME
    try:  # a lock file that is no plain file (a link, a socket, a FIFO) is said as check says it, never opened
        mode = os.lstat(path).st_mode
    except OSError:
        mode = None
    if mode is not None and not stat.S_ISREG(mode):
        from fourtwo.files.reading import NotRegular, Outside, inside, kind_of, leads_to, unreadable
        from fourtwo.i18n import N_, T

        why: OSError = NotRegular(path, kind_of(mode))
        if stat.S_ISLNK(mode):
            why = Outside(path, leads_to(path)) if not inside(path, folder) else NotRegular(path, N_("a link"))
        raise InputError.of(unreadable(path, T("the lock file {name}", name=LOCK_NAME), why))
    lock = FileLock(path, timeout=timeout)
    try:
        lock.acquire()
    except Timeout as exc:
        raise InputError("FT910", path=folder, seconds=int(timeout)) from exc
    except OSError as exc:
        raise write_refused(folder / LOCK_NAME, exc) from exc
    try:
        yield
    finally:
        lock.release()
