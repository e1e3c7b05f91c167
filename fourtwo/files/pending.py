"""Where a file a command writes waits until the record naming it is written.

A publish writes its notices and facts document under hidden pending names first, then
project.yaml (the moment the change happens), then renames them into place; what a
killed command left is finished or undone by the next one (finish_pending, under its lock).
"""

from __future__ import annotations

import contextlib
import os
import re
from pathlib import Path

from fourtwo.files.atomic import locked
from fourtwo.files.layout import NOTICES_DIR, PROJECT_FILE
from fourtwo.files.reading import read_bytes
from fourtwo.findings import Diagnostic, Loc, diag
from fourtwo.findings.errors import InputError
from fourtwo.i18n import N_, T, listing

PENDING = ".pending"


def pending_name(path: Path) -> Path:
    """Hidden, so no check reads it as a notice: notices/.2024-04-28-resolution.html.pending."""
    return path.with_name(f".{path.name}{PENDING}")


def final_name(path: Path) -> str:
    """The name a pending file waits to take ('' for any other file)."""
    name = path.name
    return name[1 : -len(PENDING)] if name.startswith(".") and name.endswith(PENDING) else ""


def finish_pending(folder: Path) -> list[Diagnostic]:
    """Complete or undo what a killed command left, under the lock before anything is read:
    a pending file project.yaml names is put in place (its publish was recorded), any other
    is deleted (it never was), and the temporary files of killed atomic writes are removed.
    Returns what was done, as information (FT657); what cannot be done stays for `check`
    to name (FT655, FT656)."""
    notices = folder / NOTICES_DIR
    leftovers = _leftovers(folder)
    if not leftovers:
        return []
    try:
        named = read_bytes(folder / PROJECT_FILE, folder).decode("utf-8", errors="replace")  # a FIFO is never opened
    except OSError:
        return []
    finished, undone = [], []
    for path in leftovers:
        final = final_name(path)
        with contextlib.suppress(OSError):
            if final and re.search(re.escape(f"{NOTICES_DIR}/{final}") + r"(?![\w.-])", named) and not (notices / final).exists():
                os.replace(path, notices / final)
                finished.append(f"{NOTICES_DIR}/{final}")
            else:
                path.unlink()
                if final:
                    undone.append(f"{NOTICES_DIR}/{final}")
    where = Loc(folder / PROJECT_FILE)
    return [diag("FT657", where, what=T(what), files=listing(files)) for what, files in ((N_("finished"), finished), (N_("undone"), undone)) if files]


def _leftovers(folder: Path) -> list[Path]:
    """Pending files and temporary files a killed command left (one listing per folder)."""
    found = []
    for where in (folder, folder / NOTICES_DIR):
        if os.path.islink(where):  # notices/ linked elsewhere: nothing there is this command's to finish or delete
            continue
        with contextlib.suppress(OSError), os.scandir(where) as entries:
            found += [where / e.name for e in entries if e.name.startswith(".") and (e.name.endswith(".tmp") or (where != folder and final_name(Path(e.name))))]
    return found


def finish_left(folder: Path) -> list[Diagnostic]:
    """Finish or undo what a killed publish left in a project's folder, as the next command on it
    would (for `fourtwo check`, project by project as it goes): a project another command is
    writing is left to it, one whose folder cannot be written is left for check to name
    (FT655, FT656). One listing of its notices/ folder; nothing is locked where nothing was left."""
    if os.path.islink(folder) or os.path.islink(folder / NOTICES_DIR):
        return []
    try:
        with os.scandir(folder / NOTICES_DIR) as entries:
            waiting = any(e.name.startswith(".") and (e.name.endswith(".tmp") or final_name(Path(e.name))) for e in entries)
    except OSError:
        return []
    if not waiting:
        return []
    done: list[Diagnostic] = []
    with contextlib.suppress(InputError), locked(folder, timeout=0):  # locked by another command, or read-only
        done += finish_pending(folder)
    return done
