"""`check`'s way through a workspace: project by project, each loaded, checked and let go,
and what was found from the same bytes before reused (fourtwo.files.cache says when).

A project's visits live only while it is checked, so 10 projects of 20,000 visits or
5,000 of 200 never sit in memory at once. A register is read only when a project being
checked needs it, or to report its own findings when the cache holds none for its bytes.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fourtwo.checks import project_checks, workspace_wide_checks
from fourtwo.checks.project import IdEntry
from fourtwo.files import cache
from fourtwo.findings import Diagnostic
from fourtwo.i18n import language
from fourtwo.judge import Judgement
from fourtwo.load import load_project, load_project_visits, load_register_into, register_files
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
        return cls(store, cache.digest(cache.code(), language(), str(root), model.workspace.today().isoformat(), *cache.shared(root, store.contents)))


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
            elsewhere = cache.outside(path.parent, root, read | named_paths(model, project))
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
    if reuse is None:
        return read[path] if path in read else load_register_into(model, path)
    key = cache.digest(reuse.base, "register", str(path), reuse.store.contents.state(str(path)))
    if path not in read:
        kept = reuse.store.get(f"register:{path}", key)
        if kept is not None:
            return list(kept)
    found = read[path] if path in read else load_register_into(model, path)
    reuse.store.put(f"register:{path}", key, set(), found)
    return found


def named_paths(model: Model, project: Project | None) -> set[str]:
    """The files a project names (its register, minutes, archived notices): a check may only
    look for one (is it there?) without opening it, which the recording would not see."""
    if project is None:
        return set()
    ref = project.data.households
    paths = [model.register_path(project), model.workspace.root / ref.register if ref and ref.register else None]  # resolved, and as named
    for record in project.data.steps:
        minutes: Any = getattr(record, "minutes", "")
        if minutes:
            paths.append(project.folder / minutes)
        paths += [project.folder / name for name in [*getattr(record, "files", []), getattr(record, "facts", "")] if name]
    return {os.path.abspath(p) for p in paths if p is not None}
