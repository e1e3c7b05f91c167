"""How large a file fourtwo reads may be, and reading within that bound.

Each kind of file has a limit (docs/robustness.md lists them all, with those kept beside
their readers: YAML in yamlio.py, registers in model/household.py, workbooks in
workbook.py). Above it a file is a finding (FT009), never read; a file that is not a
regular file (a FIFO, a device, a socket) is a finding too (FT021), never opened for
reading, since reading one could wait for ever. Under its limit a canvass.csv or a visit
sheet is read as it streams, so a command's memory stays bounded (tests hold it under
200 MB for a file just under the limit).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

from fourtwo.findings import Diagnostic, Loc, diag
from fourtwo.findings.errors import InputError
from fourtwo.i18n import T, Text

MiB = 1024 * 1024
MAX_CANVASS_BYTES = 16 * MiB  # 200,000 visits of 80 bytes: ten rounds of a 20,000-household estate
MAX_SHEET_BYTES = 16 * MiB  # a filled-in visit sheet (CSV or XLSX) to import: no more than canvass.csv may hold
MAX_TEMPLATE_BYTES = 1 * MiB  # a workspace's own notice template (the built-in ones are under 20 kB)
MAX_NOTICE_BYTES = 20 * MiB  # an archived notice (HTML, Markdown, text, PDF), read to check it and to put it on the site
MAX_SITE_FILE_BYTES = 20 * MiB  # a file of a built site, read by `check --site` to scan it
MAX_MANIFEST_BYTES = 16 * MiB  # the site's list of the files it wrote


class Unreadable(Exception):
    """A file refused before it is read: too large, or not a regular file."""

    def __init__(self, code: str, **args: Any) -> None:
        super().__init__(code)
        self.code = code
        self.args_ = args

    def finding(self, loc: Loc, what: str | Text) -> Diagnostic:
        return diag(self.code, loc, what=what, **self.args_)

    def to_input_error(self, loc: Loc, what: str | Text) -> InputError:
        return InputError(self.code, loc, what=what, **self.args_)


def checked_size(path: Path, limit: int) -> int:
    """The size of `path`, a regular file no larger than `limit` bytes; Unreadable if it is not
    one or is larger (OSError as os.stat raises it, FileNotFoundError included)."""
    info = os.stat(path)
    if not stat.S_ISREG(info.st_mode):
        raise Unreadable("FT021", kind=_kind(info.st_mode))
    if info.st_size > limit:
        raise Unreadable("FT009", size=f"{info.st_size:,}", limit=f"{limit:,}")
    return info.st_size


def read_limited(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes (Unreadable otherwise); opened without
    blocking, so a FIFO put in its place since it was looked at cannot hang the command."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise Unreadable("FT021", kind=_kind(info.st_mode))
        if info.st_size > limit:
            raise Unreadable("FT009", size=f"{info.st_size:,}", limit=f"{limit:,}")
        with os.fdopen(os.dup(fd), "rb") as handle:
            data = handle.read(limit + 1)  # a file growing while read is bounded all the same
    finally:
        os.close(fd)
    if len(data) > limit:
        raise Unreadable("FT009", size=f"more than {limit:,}", limit=f"{limit:,}")
    return data


def _kind(mode: int) -> Text:
    if stat.S_ISDIR(mode):
        return T("a folder")
    if stat.S_ISFIFO(mode):
        return T("a FIFO (named pipe)")
    if stat.S_ISSOCK(mode):
        return T("a socket")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return T("a device")
    return T("not a regular file")
