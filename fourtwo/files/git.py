"""Asking git: which files differ from a revision, and which files it tracks.

`fourtwo check --changed REF`, for large workspaces in CI: a project is checked again when
any file it depends on differs from the revision by content, or its folder holds other files
(fourtwo.load.dependencies), and every project when something they all share (fourtwo.yaml,
a procedure, a template) does."""

from __future__ import annotations

import bisect
import hashlib
import os
import posixpath
import re
import stat
import subprocess
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from fourtwo.files.layout import PROCEDURES_DIR, TEMPLATES_DIR, WORKSPACE_FILE, is_runtime
from fourtwo.files.limits import MAX_CANVASS_BYTES, MAX_NOTICE_BYTES, MAX_REGISTER_BYTES, Unreadable, read_limited
from fourtwo.findings.errors import InputError
from fourtwo.i18n import T, Text, os_reason

_LINK, _GITLINK = "120000", "160000"
_GONE = ""  # a file that is not there: differs from any file that is
_FILTERED = "filtered"  # differs from every blob id
_UNREADABLE = "unreadable"  # something is there that is not read as a file (a folder, a FIFO, a link out or to nowhere): a finding, so a change
_LARGEST = max(MAX_CANVASS_BYTES, MAX_NOTICE_BYTES, MAX_REGISTER_BYTES)  # any file a project depends on


@dataclass
class Changes:
    """What the revision of `fourtwo check --changed REF` holds, to compare files with by
    content: each file's blob as the revision has it (links followed as the revision has
    them), against the blob of the bytes on disk now (links followed as they are now). Not
    `git diff`: its answer bends to git's settings and index flags (diff.relative,
    assume-unchanged, skip-worktree) and to ranges, where this asks git only what a
    revision holds."""

    top: Path  # the repository's top, as the workspace's path reaches it
    root: Path  # the workspace: nothing outside it is read
    tree: dict[str, tuple[str, str]]  # at the revision: path from the top → (mode, blob id)
    filtered: frozenset[str] = frozenset()  # paths a clean/smudge filter (git-lfs) stands between the blob and the file
    shared: bool = False  # fourtwo.yaml, a procedure or a template differs: every project may judge otherwise
    ignored: frozenset[str] = frozenset()  # files git ignores (absolute paths): one not there now may have been there then
    _now: dict[str, str] = field(default_factory=dict)  # blob ids of the files read, this run only
    _names: list[str] = field(default_factory=list)  # the tree's paths in order: a folder's are one run of them

    def __post_init__(self) -> None:
        self._names = sorted(self.tree)

    def touch(self, paths: Iterable[Path], folders: Iterable[Path] = ()) -> bool:
        """Whether any of these files differs from the revision, or any folder holds other
        files than it held (a file deleted since is a change); one that is there but not read
        as a file, or that git ignores and is not there now, is never known to be the same."""
        for path in paths:  # named by the records or listed by the caller: a runtime file's name is left out there
            now = self.blob_now(path)
            if now == _UNREADABLE or now != self.blob_then(path) or (now == _GONE and os.path.abspath(path) in self.ignored):
                return True
        return any(self.names_now(folder) != self.names_then(folder) for folder in folders)

    def _relative(self, path: Path) -> str | None:
        """The path from the top as written, `..` kept: it is taken after the link before it,
        as the system takes it (`households/cur/../r.csv` with cur a link)."""
        text = str(path) if path.is_absolute() else os.path.join(os.getcwd(), path)
        top = str(self.top).rstrip(os.sep) + os.sep
        return text[len(top) :].replace(os.sep, "/") if text.startswith(top) else None

    def _resolve(self, rel: str) -> str | None:
        """`rel` with every link on its way followed as the revision has them, part by part;
        None when one leads out of the repository or round in a loop."""
        done: list[str] = []
        todo, hops = rel.split("/"), 0
        while todo:
            part = todo.pop(0)
            if part in ("", "."):
                continue
            if part == "..":
                if not done:
                    return None
                done.pop()
                continue
            here = "/".join([*done, part])
            if self.tree.get(here, ("", ""))[0] != _LINK:
                done.append(part)
                continue
            hops += 1
            target = self._link_then(here)
            if target is None or hops > 40 or posixpath.isabs(target):
                return None
            todo = [*target.split("/"), *todo]  # from the link's own folder, `done`
        return "/".join(done) or "."

    def _link_then(self, here: str) -> str | None:
        """What the revision's link at `here` points to, when the link there now points to the
        same (its blob id is that of its target's text): no blob is read from git, so a partial
        clone fetches nothing and writes nothing. None when it points elsewhere now, or is no
        link: what lies beyond it then differs."""
        try:
            target = os.readlink(self.top / here)
        except OSError:
            return None
        data = os.fsencode(target)
        now = hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()
        return target.replace(os.sep, "/") if now == self.tree[here][1] else None

    def blob_then(self, path: Path) -> str:
        rel = self._relative(path)
        real = self._resolve(rel) if rel is not None else None
        mode, blob = self.tree.get(real, ("", _GONE)) if real is not None else ("", _GONE)
        if real in self.filtered:  # what the revision checks out is not its blob (git-lfs): never shown the same
            return _FILTERED
        return _GONE if mode in (_LINK, _GITLINK) else blob

    def blob_now(self, path: Path) -> str:
        real = os.path.realpath(path)
        if real not in self._now:
            try:  # inside the workspace, a regular file of a size fourtwo reads: else check says why
                data = read_limited(Path(real), _LARGEST, self.root)
            except (OSError, Unreadable):  # not a file (a FIFO is never opened), too large, outside: check says why
                self._now[real] = _UNREADABLE if os.path.lexists(path) else _GONE
            else:
                self._now[real] = hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()
        return self._now[real]

    def names_then(self, folder: Path) -> set[str]:
        rel = self._relative(folder)
        real = self._resolve(rel) if rel is not None else None
        if real is None:
            return set()
        prefix = "" if real == "." else real + "/"
        found, at = set(), bisect.bisect_left(self._names, prefix)  # one project's run, not the whole tree per project
        while at < len(self._names) and self._names[at].startswith(prefix):
            name = self._names[at]
            if not is_runtime(posixpath.basename(name)):
                found.add(name[len(prefix) :])
            at += 1
        return found

    def names_now(self, folder: Path, every: bool = False) -> set[str]:
        """The files in `folder` now; `every`: a runtime file's name too (the loader reads a
        procedure named ~$x.yaml, which Office would give a lock file)."""
        found = set()
        for top, dirs, names in os.walk(folder, followlinks=False):
            dirs[:] = [d for d in dirs if d != ".git"]
            rel = os.path.relpath(top, folder)
            for name in [*names, *(d for d in dirs if os.path.islink(os.path.join(top, d)))]:
                if every or not is_runtime(name):
                    found.add(name if rel == "." else f"{rel}/{name}".replace(os.sep, "/"))
        return found


def changes(root: Path, ref: str) -> Changes:
    """The revision `ref` (one commit, never a range or an option) of the repository that holds
    the workspace at `root`, and whether the files every project shares differ from it."""

    def git(*args: str) -> bytes:
        try:
            done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=False, env=git_env(root))
        except OSError as exc:
            raise InputError("FT911", ref=ref, reason=T("git cannot be run ({why})", why=os_reason(exc))) from exc
        if done.returncode != 0:
            raise InputError("FT911", ref=ref, reason=_git_reason(done.stderr.decode("utf-8", "replace").strip(), ref))
        return done.stdout

    top_real = os.path.realpath(git("rev-parse", "--show-toplevel").decode("utf-8", "surrogateescape").strip())
    if not ref or ref.startswith("-") or ".." in ref or ":" in ref:  # an option, a range or a path: git would take it as such
        raise InputError("FT911", ref=ref, reason=T("git knows no revision '{ref}' here", ref=ref))
    pinned = _pinned_by_superproject(Path(top_real), ref)
    if pinned is not None:
        commit = pinned
    else:
        try:
            commit = git("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").decode().strip()
        except InputError:
            raise InputError("FT911", ref=ref, reason=T("git knows no revision '{ref}' here", ref=ref)) from None
    if not commit:  # the superproject held no such submodule then: every file differs
        return Changes(Path(os.path.abspath(root)), Path(os.path.realpath(root)), {}, shared=True)
    # The top as the workspace's own path reaches it, so that links inside are followed by the revision.
    top = Path(os.path.abspath(root)) / os.path.relpath(top_real, os.path.realpath(root))
    tree: dict[str, tuple[str, str]] = {}
    for entry in git("ls-tree", "-r", "-z", "--full-tree", commit).decode("utf-8", "surrogateescape").split("\0"):
        if entry:
            meta, _, name = entry.partition("\t")
            mode, _, blob = meta.split(" ")
            tree[name] = (mode, blob)
    found = Changes(Path(os.path.normpath(top)), Path(os.path.realpath(root)), tree)
    inside = os.path.relpath(os.path.realpath(root), top_real).replace(os.sep, "/")
    attributes = _attributes_differ(found, Path(top_real), inside, git)
    # A .gitattributes git cannot read as a file (a FIFO: check-attr would wait on it for ever): every file differs.
    found.filtered = frozenset(tree) if attributes is None else _filtered(Path(top_real), list(tree))
    base = Path(os.path.abspath(root))
    found.shared = (
        bool(attributes)
        or found.touch([base / WORKSPACE_FILE], [base / PROCEDURES_DIR, base / TEMPLATES_DIR])
        or any(found.touch([base / d / name]) for d in (PROCEDURES_DIR, TEMPLATES_DIR) for name in found.names_now(base / d, every=True))
    )
    return found


def _pinned_by_superproject(top: Path, ref: str) -> str | None:
    """When the workspace's repository is a submodule and the command runs in its superproject
    (CI of the superproject), REF is the superproject's: the submodule's revision is the commit
    the superproject pinned it at then ('' when it held no submodule there). None otherwise:
    REF is the workspace's own repository's."""
    try:
        cwd = os.path.realpath(os.getcwd())
        found = subprocess.run(["git", "-C", str(top), "rev-parse", "--show-superproject-working-tree"], capture_output=True, check=False, env=git_env(top))
    except OSError:
        return None
    above = found.stdout.decode("utf-8", "surrogateescape").strip()
    if found.returncode != 0 or not above or not Path(cwd).is_relative_to(os.path.realpath(above)) or Path(cwd).is_relative_to(top):
        return None
    where = os.path.relpath(top, os.path.realpath(above)).replace(os.sep, "/")
    listed = subprocess.run(["git", "-C", above, "ls-tree", "-z", f"{ref}^{{commit}}", "--", where], capture_output=True, check=False, env=git_env(Path(above)))
    if listed.returncode != 0:
        raise InputError("FT911", ref=ref, reason=T("git knows no revision '{ref}' here", ref=ref))
    entry = listed.stdout.decode("utf-8", "surrogateescape").split("\0")[0]
    meta = entry.partition("\t")[0].split(" ")
    if len(meta) != 3 or meta[0] != _GITLINK:
        return ""
    have = subprocess.run(["git", "-C", str(top), "cat-file", "-e", f"{meta[2]}^{{commit}}"], capture_output=True, check=False, env=git_env(top))
    if have.returncode != 0:
        raise InputError(
            "FT911",
            ref=ref,
            reason=T("the workspace's repository does not hold {commit}, which {ref} pinned it at (git submodule update)", commit=meta[2][:12], ref=ref),
        )
    return meta[2]


def _attributes_differ(found: Changes, top: Path, inside: str, git: Callable[..., bytes]) -> bool | None:
    """Whether a .gitattributes git reads for the workspace's files (in its folders, and those
    above it up to the repository's top) differs from the revision's: what they say decides
    what a checkout writes (a filter dropped since, a line ending), so every file may differ.
    None when one is not a regular file: git would open a FIFO and wait."""
    parts = [] if inside == "." else inside.split("/")
    folders = {"/".join(parts[:n]) for n in range(len(parts) + 1)}
    below = "" if inside == "." else inside + "/"
    for name in found.tree:
        if name.startswith(below):
            folder = posixpath.dirname(name)
            while folder and folder not in folders:
                folders.add(folder)
                folder = posixpath.dirname(folder)
    files = []
    for folder in folders:
        rel = f"{folder}/.gitattributes" if folder else ".gitattributes"
        try:
            mode = os.lstat(top / rel).st_mode
        except OSError:
            if rel in found.tree:
                return True  # deleted since
            continue
        if not stat.S_ISREG(mode):
            return None if not stat.S_ISLNK(mode) else True  # a link: read or not by the git version; never known the same
        files.append(rel)
    if any(rel not in found.tree for rel in files):
        return True  # new since
    if not files:
        return False
    now = git("hash-object", "--no-filters", "--", *(str(top / rel) for rel in files)).decode().split()
    return now != [found.tree[rel][1] for rel in files]


def _filtered(root: Path, names: list[str]) -> frozenset[str]:
    """The revision's paths a clean/smudge filter applies to (.gitattributes `filter=`), in one call."""
    if not names:
        return frozenset()
    done = subprocess.run(
        ["git", "-C", str(root), "check-attr", "-z", "--stdin", "filter"],
        input="".join(f"{n}\0" for n in names).encode("utf-8", "surrogateescape"),
        capture_output=True,
        check=False,
        env=git_env(root),
    )
    fields = done.stdout.decode("utf-8", "surrogateescape").split("\0")
    return frozenset(fields[i] for i in range(0, len(fields) - 2, 3) if fields[i + 2] not in ("unspecified", "unset", ""))


def _git_reason(said: str, ref: str) -> Text | str:
    """What git said, in the reader's words where it is one of the usual (git speaks English
    unless its own translations are installed)."""
    if "not a git repository" in said:
        return T("the folder is not in a git repository")
    if re.search(r"bad revision|unknown revision|ambiguous argument|invalid object name", said):
        return T("git knows no revision '{ref}' here", ref=ref)
    lines = [line.strip() for line in said.splitlines() if line.strip()]
    why = next((line.split(":", 1)[1].strip() for line in lines if line.startswith(("fatal:", "error:"))), lines[0] if lines else "")
    return why or T("git failed")  # git's own words for why, not the command it suggests after them


def tracked(root: Path, paths: list[Path]) -> tuple[list[Path], Text | str]:
    """Those of `paths` (inside `root`) that git tracks, and why git could not be asked ('' when
    it answered, or when no repository holds them). Asked from each file's folder, once per
    folder: the repository that holds it answers, a submodule or a repository nested in the
    workspace too."""
    found: list[Path] = []
    why: Text | str = ""
    folders: dict[Path, list[Path]] = {}
    for path in paths:
        folders.setdefault(path.parent, []).append(path)
    for folder, group in folders.items():
        names = [p.name for p in group]
        try:
            listed = subprocess.run(
                ["git", "--literal-pathspecs", "-C", str(folder), "ls-files", "-z", "--", *names], capture_output=True, check=False, env=git_env(folder)
            )
        except OSError as exc:  # no git here: whether anything is committed is unknown only where there is a repository
            if any((up / ".git").exists() for up in (folder, *folder.parents)):
                why = T("git cannot be run ({why})", why=os_reason(exc))
            continue
        said = listed.stderr.decode("utf-8", "replace")
        if listed.returncode != 0:
            # "not a git repository" where a .git is there (a gitfile to a repository moved away):
            # git refuses to answer; only where none is there is nothing committed
            if "not a git repository" not in said or any(os.path.lexists(up / ".git") for up in (folder, *folder.parents)):
                why = _git_reason(said.strip(), "")
            continue
        shown = set(listed.stdout.decode("utf-8", "surrogateescape").split("\0"))
        found += [p for p in group if p.name in shown]
        found += _tracked_above(root, folder, [p for p in group if p.name not in shown])
    return found, why


def _tracked_above(root: Path, folder: Path, paths: list[Path]) -> list[Path]:
    """Those of `paths` that the repository holding the workspace tracks when `folder` is in a
    repository nested inside the workspace (`git init households` after the register was
    committed): the outer one still commits it."""
    if not paths or not any(os.path.lexists(up / ".git") for up in [folder, *folder.parents] if up.is_relative_to(root) and up != root):
        return []
    try:
        listed = subprocess.run(
            ["git", "--literal-pathspecs", "-C", str(root), "ls-files", "-z", "--", *(os.path.relpath(p, root) for p in paths)],
            capture_output=True,
            check=False,
            env=git_env(root),
        )
    except OSError:
        return []
    shown = set(listed.stdout.decode("utf-8", "surrogateescape").split("\0")) if listed.returncode == 0 else set()
    return [p for p in paths if os.path.relpath(p, root).replace(os.sep, "/") in shown]


def git_env(near: Path) -> dict[str, str]:
    """The environment git is run in, about the folder `near`: the repository is the one that
    holds it. GIT_DIR and the other variables that name a repository are dropped (a hook sets
    GIT_DIR, a linked worktree's, with the work tree left to the current folder), unless they
    name it whole: GIT_WORK_TREE set and `near` inside it (a --git-dir set-up). Nothing is
    fetched into a partial clone (git 2.44+), and no optional lock (the index's refresh) is
    taken, so asking git writes nothing."""
    env = dict(os.environ)
    here = _current_folder()
    for key in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_COMMON_DIR", "GIT_OBJECT_DIRECTORY"):
        if env.get(key) and here and not os.path.isabs(env[key]):
            env[key] = os.path.join(here, env[key])  # as git reads it from the current folder, not from -C
    tree = env.get("GIT_WORK_TREE", "")
    if not (env.get("GIT_DIR") and tree and Path(os.path.realpath(near)).is_relative_to(os.path.realpath(tree))):
        env = {k: v for k, v in env.items() if k not in _LOCATING}
    env["GIT_NO_LAZY_FETCH"] = "1"
    env["GIT_OPTIONAL_LOCKS"] = "0"
    return env


def _current_folder() -> str:
    try:
        return os.getcwd()
    except OSError:
        return ""


_LOCATING = frozenset(
    {"GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_COMMON_DIR", "GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_NAMESPACE", "GIT_PREFIX"}
)


def ignored(root: Path, paths: list[Path]) -> list[Path]:
    """Those of `paths` that git ignores (.gitignore), whether or not they exist; none outside a repository."""
    if not paths:
        return []
    listed = "".join(f"{p}\0" for p in paths).encode("utf-8", "surrogateescape")
    try:
        done = subprocess.run(["git", "-C", str(root), "check-ignore", "-z", "--stdin"], input=listed, capture_output=True, check=False, env=git_env(root))
    except OSError:  # no git here: nothing is ignored
        return []
    names = set(done.stdout.decode("utf-8", "surrogateescape").split("\0"))
    return [p for p in paths if str(p) in names]
