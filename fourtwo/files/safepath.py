"""Paths and links built from data (a project id, a file name a record names) stay in their folder.

Every output path made from data goes through `inside` (a file) or `site_name` (a page of
the site, as a relative name): each part is one plain name, never empty, `.` or `..`, never
holding a separator, a control character, a drive or a scheme's colon, so the result cannot
leave the folder it is joined to, whatever the data says. `link` makes the href of such a
name: percent-quoted and relative, so a page can never carry a `javascript:` or other scheme.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

from fourtwo.i18n import T, Text

MAX_NAME_BYTES = 200  # below every file system's 255, with room for a temporary file's suffix
# Characters no part of a path made from data may hold: separators of every system, the
# drive and scheme colon, what Windows forbids, and control characters (NUL, line breaks).
_FORBIDDEN = re.compile(r'[/\\:*?"<>|\x00-\x1f\x7f\u2028\u2029]')


class PathEscape(ValueError):
    """A name from data that would not stay one plain name in its folder."""

    def __init__(self, name: str, why: Text) -> None:
        super().__init__(str(why))
        self.name = name
        self.why = why


# The names Windows keeps for devices, whatever follows a dot (aux.txt is AUX): a repository
# cloned there cannot hold them, and clerks work on Windows.
_RESERVED = re.compile(r"(?i)con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]")


def name_problem(name: str) -> Text | None:
    """Why `name` cannot be one part of a path in its folder; None when it can."""
    if not name or not name.strip():
        return T("it is empty")
    if name in (".", "..") or set(name) == {"."}:
        return T("it names a folder above, not a file in it")
    found = _FORBIDDEN.search(name)
    if found:
        return T("it holds {char}, which a file name made from data may not", char=repr(found[0]))
    if name != name.strip():
        return T("it begins or ends with a space")
    if name.endswith("."):
        return T("it ends with a dot, which Windows drops")
    if _RESERVED.fullmatch(name.split(".")[0]):
        return T("Windows keeps the name {name} for a device: a folder cloned there would lose it", name=name.split(".")[0])
    if len(name.encode("utf-8")) > MAX_NAME_BYTES:
        return T("it is longer than {limit} bytes", limit=MAX_NAME_BYTES)
    return None


PROJECT_ID = r"[A-Za-z0-9][A-Za-z0-9._-]{0,79}"


def id_problem(pid: str) -> Text | None:
    """Why `pid` cannot be a project's id (its folder, its page on the site, its name on a
    notice), the same for every command; None when it can."""
    if not re.fullmatch(PROJECT_ID, pid) or ".." in pid:
        return T("it holds a character other than a letter, a digit, '-', '_' or '.', or begins with none of the first two")
    return name_problem(pid) or name_problem(f"{pid}.html")


def check_name(name: str) -> str:
    why = name_problem(name)
    if why is not None:
        raise PathEscape(name, why)
    return name


def inside(folder: Path, *names: str) -> Path:
    """`folder` joined with each of `names`, each checked to be one plain name (PathEscape if not):
    the path cannot leave `folder`, whatever the names say."""
    path = folder.joinpath(*map(check_name, names))
    if not path.is_relative_to(folder):  # cannot happen with checked names; a guard for the future
        raise PathEscape("/".join(names), T("it leaves its folder"))
    return path


def site_name(*names: str) -> str:
    """A file of a site as a relative name ('org/project.html'), each part checked."""
    return "/".join(map(check_name, names))


def split_site_name(name: str) -> list[str]:
    """The parts of a relative name made by site_name, each checked again (PathEscape if not)."""
    return [check_name(part) for part in name.split("/")]


def link(name: str) -> str:
    """The href of a site-relative name: each part checked and percent-quoted, so it stays a
    relative link (no scheme, no host, no leading slash) to a file of the site."""
    return "/".join(quote(check_name(part), safe="") for part in name.split("/"))
