"""`check`'s way through a workspace: project by project, each loaded, checked and let go,
and what was found from the same bytes before reused (fourtwo.files.cache says when).

A project's visits live only while it is checked, so 10 projects of 20,000 visits or
5,000 of 200 never sit in memory at once. A register is read only when a project being
checked needs it, or to report its own findings when the cache holds none for its bytes.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from fourtwo.checks import project_checks, workspace_wide_checks
from fourtwo.checks.project import IdEntry
from fourtwo.files import cache
from fourtwo.files.layout import PROCEDURES_DIR, TEMPLATES_DIR, WORKSPACE_FILE
from fourtwo.findings import Diagnostic
from fourtwo.i18n import language
from fourtwo.judge import Judgement
from fourtwo.load import load_project, load_project_visits, load_register_into, register_files, workspace_today
from fourtwo.model.loaded import Model
from fourtwo.model.project import Project


@dataclass
class Streamed:
    findings: list[Diagnostic] = field(default_factory=list)
    ids: list[IdEntry] = field(default_factory=list)
    projects: int = 0


class Reuse:
    """The cache of one run over one workspace, with the parts of every key the run shares."""

    def __init__(self, store: cache.Store, base: bytes) -> None:
        self.store = store
        self.base = base

    @classmethod
    def open(cls, model: Model, store: cache.Store) -> Reuse:
        root = model.workspace.root
        return cls(store, cache.digest(code(), language(), str(root), model.workspace.today().isoformat(), *_shared(root, store.contents)))


def _shared(root: Path, contents: cache.Contents) -> list[str]:
    """The state of what every project's check or report reads from the workspace."""
    return [contents.state(str(root / WORKSPACE_FILE)), contents.tree(root / PROCEDURES_DIR).hex(), contents.tree(root / TEMPLATES_DIR).hex()]


V = TypeVar("V")


def remembered(kind: str, folder: Path, root: Path, parts: list[str], compute: Callable[[], tuple[V, set[str]]]) -> V:
    """What `compute` gives for a project's folder, or what it gave before from the same bytes.

    The key is the check's (fourtwo's code, the language, the workspace's day and shared files,
    every file in the folder) with `parts` (the options); compute returns its value and the
    paths it names without necessarily opening them (fourtwo.files.cache). Only a value
    returned is kept: a refusal raised is worked out again each time."""
    store = cache.Store.open(f"{kind}:{root}")
    base = cache.digest(code(), language(), str(root), workspace_today(root).isoformat(), *_shared(root, store.contents), *parts)
    key = cache.digest(base, str(folder), store.contents.tree(folder))
    kept = store.get(str(folder), key)
    if kept is not None:
        value: V = kept
        return value
    with cache.recording() as read:
        value, named = compute()
    store.put(str(folder), key, _outside(folder, root, read | named), value)
    store.save()
    return value


_CODE: list[bytes] = []


def code() -> bytes:
    """fourtwo's code fingerprint, worked out once (before workers fork, so once a run)."""
    if not _CODE:
        from importlib import resources

        import fourtwo

        _CODE.append(cache.code_fingerprint([Path(fourtwo.__file__).parent, Path(str(resources.files("fourtwo.templates")))]))
    return _CODE[0]


def stream(judged: Judgement, files: list[Path], reuse: Reuse | None, workspace_checks: bool, whole: bool) -> Streamed:
    """Check each project file in turn (reusing what was found when its bytes are the same),
    then the registers, then (for the part that runs them) the workspace's own checks."""
    model = judged.model
    root = model.workspace.root
    done = Streamed()
    named: set[Path | None] = set()
    registers: dict[Path, list[Diagnostic]] = {}  # the findings of each register read, by its path
    for path in files:
        key = b""
        if reuse is not None:
            key = cache.digest(reuse.base, str(path), reuse.store.contents.tree(path.parent))
            kept = reuse.store.get(str(path), key)
            if kept is not None:
                done.findings += kept[0]
                done.ids += kept[1]
                done.projects += kept[3]
                named.add(None if kept[2] is None else Path(kept[2]))
                continue
        with cache.recording() as read:
            project, found = load_project(path, model.workspace, model.procedures)
            ids = []
            register = None
            if project is not None:
                register = model.register_path(project)
                if register is not None and register not in registers and register.is_file() and register.is_relative_to(root.resolve()):
                    registers[register] = load_register_into(model, register)  # reported with the registers, below
                found += load_project_visits(model, project)
                found += project_checks(judged, project)
                model.visits.pop(project.folder, None)
                judged.forget(project)
                if project.data.id:
                    ids.append((project.data.id, project.data.at("id"), str(project.file.relative_to(root))))
        done.findings += found
        done.ids += ids
        done.projects += project is not None
        named.add(register)
        if reuse is not None:
            elsewhere = _outside(path.parent, root, read | named_paths(model, project))
            reuse.store.put(str(path), key, elsewhere, (found, ids, None if register is None else str(register), int(project is not None)))
    paths, found = register_files(model, root, whole and workspace_checks, named)
    done.findings += found
    for register in paths:
        done.findings += _register_findings(model, register, reuse, registers)
    if workspace_checks:
        done.findings += workspace_wide_checks(judged)
    return done


def _register_findings(model: Model, path: Path, reuse: Reuse | None, read: dict[Path, list[Diagnostic]]) -> list[Diagnostic]:
    """A register's own findings, from its reading by a project, or kept by its bytes as a
    project's are, or by reading it now."""
    if path in read:
        found = read[path]
    elif reuse is not None:
        key = cache.digest(reuse.base, "register", str(path), reuse.store.contents.state(str(path)))
        kept = reuse.store.get(f"register:{path}", key)
        if kept is not None:
            return list(kept)
        found = load_register_into(model, path)
    else:
        found = load_register_into(model, path)
    if reuse is not None:
        key = cache.digest(reuse.base, "register", str(path), reuse.store.contents.state(str(path)))
        reuse.store.put(f"register:{path}", key, set(), found)
    return found


def named_paths(model: Model, project: Project | None) -> set[str]:
    """The files a project names (its register, minutes, archived notices): a check may only
    look for one (is it there?) without opening it, which the recording would not see."""
    if project is None:
        return set()
    paths = [model.register_path(project)]
    for record in project.data.steps:
        minutes: Any = getattr(record, "minutes", "")
        if minutes:
            paths.append(project.folder / minutes)
        paths += [project.folder / name for name in getattr(record, "files", [])]
    return {os.path.abspath(p) for p in paths if p is not None}


def _outside(folder: Path, root: Path, paths: set[str]) -> set[str]:
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
