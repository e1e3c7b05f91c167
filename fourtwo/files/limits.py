"""How large a file fourtwo reads may be, and reading within that bound.

Each kind of file has a limit (docs/robustness.md lists them all, with those kept beside
their readers: YAML in yamlio.py, registers in model/household.py, workbooks in
workbook.py). Above it a file is a finding (FT009), never read; a file that is not a
regular file (a FIFO, a device, a socket) or a link out of the workspace is never opened
(files/reading.py: FT010, FT011), since reading one could wait for ever. Under its limit a canvass.csv or a visit
sheet is read as it streams, so a command's memory stays bounded (tests hold it under
200 MB for a file just under the limit).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from fourtwo.files.reading import NotRegular, Outside, inside_stat, kind_of, leads_to
from fourtwo.findings import Diagnostic, Loc, diag
from fourtwo.findings.errors import InputError
from fourtwo.i18n import Text

MiB = 1024 * 1024
MAX_REGISTER_BYTES = 50 * MiB  # a household register, CSV or XLSX
MAX_CANVASS_BYTES = 16 * MiB  # 200,000 visits of 80 bytes: ten rounds of a 20,000-household estate
MAX_SHEET_BYTES = 16 * MiB  # a filled-in visit sheet (CSV or XLSX) to import: no more than canvass.csv may hold
MAX_TEMPLATE_BYTES = 1 * MiB  # a workspace's own notice template (the built-in ones are under 20 kB)
MAX_NOTICE_BYTES = 20 * MiB  # an archived notice (HTML, Markdown, text, PDF), read to check it and to put it on the site
MAX_SITE_FILE_BYTES = 20 * MiB  # a file of a built site, read by `check --site` to scan it
MAX_MANIFEST_BYTES = 16 * MiB  # the site's list of the files it wrote


class Unreadable(Exception):
    """A file refused before it is read because it is larger than its limit (FT009). A file that
    is not a regular file, or a link out of its folder, is refused as files/reading.py does it
    (NotRegular, Outside: FT010, FT011)."""

    def __init__(self, size: str, limit: int) -> None:
        super().__init__(f"{size} bytes, limit {limit:,}")
        self.args_ = {"size": size, "limit": f"{limit:,}"}

    def finding(self, loc: Loc, what: str | Text) -> Diagnostic:
        return diag("FT009", loc, what=what, **self.args_)

    def to_input_error(self, loc: Loc, what: str | Text) -> InputError:
        return InputError("FT009", loc, what=what, **self.args_)


def checked_size(path: Path, limit: int, within: Path | None = None) -> int:
    """The size of `path`, a regular file (inside `within`) no larger than `limit` bytes:
    Unreadable if larger; FileNotFoundError, NotRegular, Outside as files/reading.py raises them."""
    return _regular(path, limit, within).st_size


def _regular(path: Path, limit: int, within: Path | None) -> os.stat_result:
    """The stat of `path`, a regular file (inside `within`) no larger than `limit` bytes."""
    found = inside_stat(path, within) if within is not None else True
    if found is False:
        raise Outside(path, leads_to(path))
    if found is True:  # a link on the way (inside), or no `within`: where it leads
        found = os.stat(path)
    if not stat.S_ISREG(found.st_mode):  # a FIFO, a device or a socket is never opened
        raise NotRegular(path, kind_of(found.st_mode))
    if found.st_size > limit:
        raise Unreadable(f"{found.st_size:,}", limit)
    return found


def read_limited(path: Path, limit: int, within: Path | None = None) -> bytes:
    """The bytes of a regular file (inside `within`) of at most `limit` bytes; opened without
    blocking and looked at again through its descriptor, so a FIFO put in its place since it
    was looked at cannot hang the command."""
    _regular(path, limit, within)
    return read_checked(path, limit)


def read_checked(path: Path, limit: int) -> bytes:
    """The bytes of a file just found to be regular and inside its folder (read_limited,
    checked_size): opened without blocking and looked at again through its descriptor, so a
    FIFO put in its place since cannot hang the command."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        found = os.fstat(fd)
        if not stat.S_ISREG(found.st_mode):
            raise NotRegular(path, kind_of(found.st_mode))
        if found.st_size > limit:
            raise Unreadable(f"{found.st_size:,}", limit)
        # os.read, not a file object: a third of the cost of reading a small file. A file
        # growing while read is bounded all the same (at most limit + 1 bytes are taken).
        chunks = [os.read(fd, min(found.st_size, limit) + 1)]
        size = len(chunks[0])
        while chunks[-1] and size <= limit:
            chunks.append(os.read(fd, min(limit + 1 - size, 1 << 20)))
            size += len(chunks[-1])
    finally:
        os.close(fd)
    data = b"".join(chunks) if len(chunks) > 1 else chunks[0]
    if len(data) > limit:
        raise Unreadable(f"more than {limit:,}", limit)
    return data


def where_named(record: Path, name: str) -> Loc:
    """Where the record (a YAML file already read) writes `name`: a finding about a file it names
    that the system refused is located at the value, not at the record's first line."""
    try:
        text = read_limited(record, 5 * MiB).decode("utf-8", "replace")
    except (OSError, Unreadable):
        return Loc(record)
    at = text.find(name) if name else -1
    if at < 0:
        return Loc(record)
    return Loc(record, text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at))
