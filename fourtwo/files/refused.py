"""Why a write failed, as the clerk can act on it (every writer raises through here)."""

from __future__ import annotations

import errno
from pathlib import Path

from fourtwo.findings.errors import InputError
from fourtwo.i18n import os_reason


def write_refused(path: Path, exc: OSError) -> InputError:
    """Why a write failed, as the clerk can act on it: the path itself (a name too long, a file
    where a folder should be: FT018) or the folder and the disk (no permission, full: FT908)."""
    if exc.errno in _PATH_ERRORS:
        return InputError("FT018", path=path, reason=os_reason(exc))
    return InputError("FT908", path=path, reason=os_reason(exc))


_PATH_ERRORS = {errno.ENAMETOOLONG, errno.ENOTDIR, errno.ELOOP, errno.EEXIST, errno.EISDIR}
