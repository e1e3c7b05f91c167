"""What checking a project found, kept by the content it was found from: a second `fourtwo check`
re-checks only the projects whose bytes changed.

A project's findings are a function of bytes, never of times, so an entry is used only when
every byte it was computed from is the same:

- the project's folder: every file in it, by name and content;
- the workspace's files every project reads (fourtwo.yaml, procedures/, templates/);
- each file or folder elsewhere in the workspace that checking the project opened, listed or
  names (its register, minutes kept in another folder), recorded while it was checked: an audit
  hook (sys.addaudithook) sees every `open` and folder listing, so a check that starts reading
  another file is covered without anyone listing it here;
- fourtwo's own code and templates (their bytes), the installed packages and Python (their
  names and versions), the language of the messages, the workspace's day, and the path the
  workspace was named by (findings name files by it).

The key is the sha256 of all of it. Entries live in the user's cache folder
($FOURTWO_CACHE_DIR, else $XDG_CACHE_HOME/fourtwo, else ~/.cache/fourtwo), never in the
workspace, so a read-only checkout or a CI runner works alike (with an empty cache: every
project is checked). A cache that cannot be read or written is no cache. Entries are pickled
values read back through an unpickler that builds only the types a finding is made of.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import pickle
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from fourtwo.files.layout import PROCEDURES_DIR, TEMPLATES_DIR, WORKSPACE_FILE
from fourtwo.i18n import language

FORMAT = b"fourtwo-cache-1"
_MISSING = "-"

# The types a finding (and an id entry) is made of; anything else in an entry makes it a miss.
_ALLOWED = {
    ("fourtwo.findings", "Diagnostic"),
    ("fourtwo.findings", "Loc"),
    ("fourtwo.findings", "Severity"),
    ("fourtwo.i18n", "Text"),
    ("fourtwo.i18n", "Term"),
    ("pathlib", "Path"),
    ("pathlib", "PosixPath"),
    ("pathlib", "WindowsPath"),
    ("pathlib", "PurePosixPath"),
    ("datetime", "date"),
    ("datetime", "datetime"),
    ("datetime", "timedelta"),
    ("decimal", "Decimal"),
    ("fractions", "Fraction"),
    ("builtins", "set"),
    ("builtins", "frozenset"),
    ("builtins", "slice"),
    ("copyreg", "_reconstructor"),
    ("builtins", "object"),
}


class _Findings(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in _ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name}")
        return super().find_class(module, name)


KEEP_FILES = 200  # workspaces whose entries are kept; the least recently written go first


def cache_folder() -> Path | None:
    """Where entries are kept; None when there is no home to keep them in (never the
    current folder, which may be the workspace)."""
    explicit = os.environ.get("FOURTWO_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):  # unset, or relative (the XDG spec says to ignore it then)
        home = os.path.expanduser("~")
        if not os.path.isabs(home):  # no HOME and no password entry: "~" stays "~"
            return None
        base = os.path.join(home, ".cache")
    return Path(base) / "fourtwo"


def code_fingerprint(folders: list[Path]) -> bytes:
    """fourtwo's own files (code, templates, catalogues) by content, and every installed
    package and Python by name and version: an upgrade of any of them is a new key."""
    h = hashlib.sha256(FORMAT)
    h.update(sys.version.encode())
    for folder in folders:
        for path in sorted(_files(folder)):
            if path.suffix in (".pyc", ".pyo"):
                continue
            h.update(str(path.relative_to(folder)).encode() + b"\0")
            with contextlib.suppress(OSError):
                h.update(path.read_bytes())
    for entry in sys.path:  # dist-info names carry each package's version
        with contextlib.suppress(OSError):
            h.update("\0".join(sorted(n for n in os.listdir(entry or ".") if n.endswith((".dist-info", ".egg-info")))).encode())
    return h.digest()


def _files(folder: Path) -> Iterator[Path]:
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
        for name in filenames:
            yield Path(dirpath) / name


class Contents:
    """The state of files and folders by content, each worked out once per run: a file's
    sha256, a folder's listing, or that it is not there."""

    def __init__(self) -> None:
        self._states: dict[str, str] = {}

    def state(self, path: str) -> str:
        """A file or folder outside a project's own: with where it really is when a link on the
        way leads elsewhere (a folder of minutes linked outside the workspace is a finding)."""
        found = self._states.get(path)
        if found is None:
            real = os.path.realpath(path)
            found = self._states[path] = ("r" + real + "\0" if real != os.path.abspath(path) else "") + _state(path)
        return found

    def tree(self, folder: Path) -> bytes:
        """Every file under a folder (links followed), by relative name and content; not memoised:
        a project's folder is hashed once."""
        h = hashlib.sha256()
        seen: set[str] = set()
        for dirpath, dirnames, filenames in os.walk(folder, followlinks=True):
            real = os.path.realpath(dirpath)
            if real in seen:  # a link back up the tree
                dirnames[:] = []
                continue
            seen.add(real)
            dirnames.sort()
            rel = os.path.relpath(dirpath, folder)
            h.update(b"d" + rel.encode("utf-8", "surrogateescape") + b"\0" + real.encode("utf-8", "surrogateescape") + b"\0")  # where it really is
            for name in sorted(filenames):
                h.update(name.encode("utf-8", "surrogateescape") + b"\0")
                h.update(_state(os.path.join(dirpath, name)).encode() + b"\0")
        return h.digest()


def _state(path: str) -> str:
    """What a path holds, and where it leads when it is a link (a register linked from inside
    the workspace to outside it is a finding: the same bytes elsewhere are another state)."""
    link = ""
    if os.path.islink(path):
        link = "l" + os.path.realpath(path) + "\0"
    return link + _content(path)


def _content(path: str) -> str:
    try:
        if os.path.isdir(path):
            return "d" + hashlib.sha256("\0".join(sorted(os.listdir(path))).encode("utf-8", "surrogateescape")).hexdigest()
        with open(path, "rb") as handle:
            return "f" + hashlib.file_digest(handle, "sha256").hexdigest()
    except FileNotFoundError:
        return _MISSING
    except OSError as exc:  # unreadable now: the same error next time is the same state
        return f"e{exc.errno}"


class _Recorder:
    """Paths opened or listed while a project is checked (see the module's docstring)."""

    paths: set[str] | None = None
    installed = False

    @classmethod
    def hook(cls, event: str, args: tuple[Any, ...]) -> None:
        if cls.paths is None or event not in ("open", "os.listdir", "os.scandir"):
            return
        target = args[0] if args else "."
        if target is None:
            target = "."
        if isinstance(target, int):
            return  # a file descriptor already opened (and so already recorded)
        with contextlib.suppress(TypeError, ValueError):
            cls.paths.add(os.path.abspath(os.fsdecode(target)))


@contextlib.contextmanager
def recording() -> Iterator[set[str]]:
    """Every path opened or listed inside the block."""
    if not _Recorder.installed:
        sys.addaudithook(_Recorder.hook)
        _Recorder.installed = True
    paths: set[str] = set()
    outer, _Recorder.paths = _Recorder.paths, paths
    try:
        yield paths
    finally:
        _Recorder.paths = outer


Entry = tuple[bytes, dict[str, str], bytes]  # key, the states of what else it read, the pickled value


class Store:
    """The entries of one workspace, loaded at the start of a run and written once at its end."""

    def __init__(self, file: Path | None, entries: dict[str, Entry]) -> None:
        self.file = file
        self.entries = entries
        self.added: dict[str, Entry] = {}
        self.contents = Contents()

    @classmethod
    def open(cls, name: str) -> Store:
        folder = cache_folder()
        if folder is None:
            return cls(None, {})
        file = folder / f"check-{hashlib.sha256(name.encode('utf-8', 'surrogateescape')).hexdigest()[:24]}.pickle"
        try:
            with open(file, "rb") as handle:
                entries = _Findings(io.BytesIO(handle.read())).load()
            if not isinstance(entries, dict):
                entries = {}
        except Exception:  # none yet, unreadable, or written by another version: start empty
            entries = {}
        return cls(file, entries)

    def get(self, name: str, key: bytes) -> Any | None:
        """The value kept for `name` under `key`, when everything else it read is unchanged."""
        entry = self.entries.get(name)
        if entry is None or entry[0] != key:
            return None
        if any(self.contents.state(path) != state for path, state in entry[1].items()):
            return None
        try:
            return _Findings(io.BytesIO(entry[2])).load()
        except Exception:  # a type no finding is made of: check again
            return None

    def put(self, name: str, key: bytes, read: set[str], value: Any) -> None:
        try:
            data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # a value that does not pickle is checked every time
            return
        self.added[name] = (key, {path: self.contents.state(path) for path in sorted(read)}, data)

    def save(self) -> None:
        """Write the entries added and those kept before whose file is still there, atomically."""
        if self.file is None or not self.added:
            return
        entries = {name: e for name, e in self.entries.items() if name not in self.added and os.path.exists(name.removeprefix("register:"))}
        entries.update(self.added)
        import tempfile

        with contextlib.suppress(OSError):
            self.file.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd, tmp = tempfile.mkstemp(prefix=".check-", suffix=".tmp", dir=self.file.parent)
            try:
                with os.fdopen(fd, "wb") as handle:
                    pickle.dump(entries, handle, protocol=pickle.HIGHEST_PROTOCOL)
                os.replace(tmp, self.file)
            except OSError:
                Path(tmp).unlink(missing_ok=True)
                raise
            _prune(self.file.parent)


def _prune(folder: Path) -> None:
    """Keep the files of the KEEP_FILES workspaces written last (a test run or CI makes a new
    workspace each time): removing an entry only makes the next check of it cold."""
    files = [e for e in os.scandir(folder) if e.name.startswith("check-") and e.name.endswith(".pickle")]
    if len(files) <= KEEP_FILES:
        return
    files.sort(key=lambda e: e.stat().st_mtime, reverse=True)
    for old in files[KEEP_FILES:]:
        with contextlib.suppress(OSError):
            os.unlink(old.path)


def digest(*parts: bytes | str) -> bytes:
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogateescape") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little") + data)
    return h.digest()


_CODE: list[bytes] = []


def code() -> bytes:
    """fourtwo's code fingerprint, worked out once (before workers fork, so once a run)."""
    if not _CODE:
        from importlib import resources

        import fourtwo

        _CODE.append(code_fingerprint([Path(fourtwo.__file__).parent, Path(str(resources.files("fourtwo.templates")))]))
    return _CODE[0]


def shared(root: Path, contents: Contents) -> list[str]:
    """The state of what every project's check or report reads from the workspace."""
    return [contents.state(str(root / WORKSPACE_FILE)), contents.tree(root / PROCEDURES_DIR).hex(), contents.tree(root / TEMPLATES_DIR).hex()]


V = TypeVar("V")


def remembered(kind: str, folder: Path, root: Path, parts: list[str], compute: Callable[[], tuple[V, set[str], str]]) -> V:
    """What `compute` gives for a project's folder, or what it gave before from the same bytes.

    The key is the check's (fourtwo's code, the language, the workspace's shared files, every
    file in the folder) with `parts` (the options); compute returns its value, the paths it
    names without necessarily opening them, and the time zone the workspace's settings gave
    it. The value is kept with that zone and the day it was then, and used again only on the
    same day there: the zone comes from the same bytes of fourtwo.yaml, so nothing is parsed
    to reuse a value. A refusal raised is worked out again each time."""
    from fourtwo.files.values import today

    store = Store.open(f"{kind}:{root}")
    key = digest(code(), language(), str(root), *shared(root, store.contents), *parts, str(folder), store.contents.tree(folder))
    kept = store.get(str(folder), key)
    if isinstance(kept, tuple) and len(kept) == 3 and isinstance(kept[0], str) and today(kept[0]).isoformat() == kept[1]:
        value: V = kept[2]
        return value
    with recording() as read:
        value, named, zone = compute()
    store.put(str(folder), key, outside(folder, root, read | named), (zone, today(zone).isoformat(), value))
    store.save()
    return value


def outside(folder: Path, root: Path, paths: set[str]) -> set[str]:
    """Of the paths read, those in the workspace but outside the project's folder and the shared
    files the key already covers; what is outside the workspace is fourtwo's and Python's own."""
    inside, own = os.path.abspath(root), os.path.abspath(folder)
    covered = {os.path.join(inside, WORKSPACE_FILE), os.path.join(inside, PROCEDURES_DIR), os.path.join(inside, TEMPLATES_DIR)}
    kept = set()
    for path in paths:
        if not _under(path, inside) or _under(path, own) or any(_under(path, c) for c in covered):
            continue
        kept.add(path)
    return kept


def _under(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)
