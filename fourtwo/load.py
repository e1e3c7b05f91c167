"""Files → model: find the workspaces under the paths given and load them, with positions.

Each file adds its findings; none raises for a problem in a user's file. Only a path
that cannot be used at all raises InputError.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fourtwo.files.layout import (
    CANVASS_FILE,
    HOUSEHOLDS_DIR,
    PROCEDURES_DIR,
    PROJECT_FILE,
    PROJECTS_DIR,
    REGISTER_SUFFIXES,
    SCHEMA_DIR,
    TEMPLATES_DIR,
    WORKSPACE_FILE,
    WORKSPACE_SEARCH_DEPTH,
    find_root,
    is_runtime,
    stray_project,
    walk,
)
from fourtwo.files.reading import NotRegular, Outside, check_folder, check_regular, inside, kind_of, leads_to, not_found, real, unreadable
from fourtwo.files.record import read_file
from fourtwo.files.values import DEFAULT_TIMEZONE, today
from fourtwo.findings import Diagnostic, Loc, diag
from fourtwo.findings.errors import InputError
from fourtwo.findings.printers import display_path
from fourtwo.i18n import N_, T, Term
from fourtwo.model.household import load_register
from fourtwo.model.loaded import Model
from fourtwo.model.procedure import (
    KIND_NAMES,
    Procedure,
    builtin,
    is_builtin,
    load_procedure_file,
    resolve,
)
from fourtwo.model.project import PROJECT, Project, typed
from fourtwo.model.visit import Visits
from fourtwo.model.visitfile import load_visits
from fourtwo.model.workspace import WORKSPACE, Workspace


@dataclass(frozen=True)
class Target:
    root: Path
    scope: Path | None = None  # only projects under this folder (None: the whole workspace)


def resolve_targets(paths: list[Path]) -> list[Target]:
    """Turn command-line paths into workspaces to load; InputError for an unusable path."""
    targets: list[Target] = []
    for raw in paths:
        path = real(raw)
        if not path.exists():
            raise not_found(raw)
        if path.is_file():
            if path.name not in (WORKSPACE_FILE, PROJECT_FILE):
                raise InputError("FT906", path=raw)
            root = find_root(path.parent)
            if root is None:
                raise InputError("FT902", path=raw)
            if path.name == PROJECT_FILE and stray_project(root, path.parent):
                raise InputError("FT920", path=raw, projects=root / PROJECTS_DIR)
            targets.append(Target(root, None if path.name == WORKSPACE_FILE else path.parent))
            continue
        root = find_root(path)
        if root is not None:
            stray = stray_project(root, path)
            if stray is not None:
                raise InputError("FT920", path=raw / stray.parent.relative_to(path), projects=root / PROJECTS_DIR)
            targets.append(Target(root, None if path == root else path))
            continue
        nested = [Target(f.parent) for f in walk(path, WORKSPACE_FILE, depth=WORKSPACE_SEARCH_DEPTH, nested=False)]
        if not nested:
            raise InputError("FT902", path=raw)
        targets.extend(nested)
    return list(dict.fromkeys(targets))


def workspace_today(path: Path) -> dt.date:
    """Today in the time zone of the workspace holding `path`; China's when there is none or
    its file does not read (the command that loads it says why)."""
    root = find_root(path if path.is_dir() else path.parent)
    zone = DEFAULT_TIMEZONE
    if root is not None:
        settings, _ = read_file(root / WORKSPACE_FILE, N_("workspace file"), WORKSPACE)
        zone = getattr(settings, "timezone", "") or DEFAULT_TIMEZONE
    return today(zone)


def open_workspace(root: Path) -> tuple[Model, list[Diagnostic]]:
    """What every project of a workspace shares: fourtwo.yaml and the procedures. Its
    projects are loaded one at a time (load_project), its registers when first needed."""
    root = real(root)  # once: every "is it inside?" below compares with it as it is
    ws_path = root / WORKSPACE_FILE
    settings, findings = read_file(ws_path, N_("workspace file"), WORKSPACE, within=root)
    if not settings:
        settings = WORKSPACE.empty(Loc(ws_path, 1, 1))
    model = Model(Workspace(root, settings))
    findings += _load_procedures(model)
    return model, findings + layout_findings(root)


def layout_findings(root: Path) -> list[Diagnostic]:
    """The workspace's own folders, where they are there, as folders inside it; and under
    projects/, nothing that cannot be a project's folder (a FIFO, a device, a link that loops
    or leads nowhere): a workspace whose projects/ is a file would otherwise check clean."""
    found = []
    for name in (PROJECTS_DIR, HOUSEHOLDS_DIR, TEMPLATES_DIR, SCHEMA_DIR):
        try:
            check_folder(root / name, root)
        except FileNotFoundError:
            if os.path.islink(root / name):  # a link leading nowhere
                found.append(unreadable(root / name, name, FileNotFoundError(2, "dangling", str(root / name))))
        except OSError as exc:
            found.append(unreadable(root / name, name, exc))
    projects = root / PROJECTS_DIR
    if projects.is_dir() and not os.path.islink(projects):
        with os.scandir(projects) as entries:
            for entry in entries:
                path, name = Path(entry.path), f"{PROJECTS_DIR}/{entry.name}"
                if entry.is_symlink() and not os.path.exists(path):  # leading nowhere, or round in a loop
                    found.append(unreadable(path, name, FileNotFoundError(2, "no such file", entry.path)))
                elif not (entry.is_symlink() or entry.is_file(follow_symlinks=False) or entry.is_dir(follow_symlinks=False)):
                    found.append(unreadable(path, name, NotRegular(path, kind_of(entry.stat(follow_symlinks=False).st_mode))))
                elif entry.is_dir(follow_symlinks=False) and not os.path.lexists(path / PROJECT_FILE) and os.access(path, os.R_OK | os.X_OK):
                    found.append(diag("FT017", Loc(path), path=name, name=entry.name, folder=display_path(root)))
                # a linked folder is FT014 where projects are listed; a plain file is no project and harms none
    for folder in (root, root / PROJECTS_DIR, root / HOUSEHOLDS_DIR, root / SCHEMA_DIR):
        found += _leftovers(folder)
    return found


# What atomic_write leaves when it is stopped before its rename: `.NAME.XXXXXXXX.tmp` beside the
# file it was writing (tempfile's eight letters, digits or _).
LEFT_BY_A_WRITE = re.compile(r"\.(.+)\.[a-z0-9_]{8}\.tmp")


def _leftovers(folder: Path) -> list[Diagnostic]:
    """FT016 for each copy a stopped write left in `folder` (not below it); none when it cannot be listed."""
    try:
        with os.scandir(folder) as entries:
            return [_left(Path(e.path), e.name) for e in entries if LEFT_BY_A_WRITE.fullmatch(e.name) and e.is_file(follow_symlinks=False)]
    except OSError:
        return []


def _left(path: Path, name: str) -> Diagnostic:
    match = LEFT_BY_A_WRITE.fullmatch(name)
    return diag("FT016", Loc(path), path=name, name=match.group(1) if match else name)


def linked_folder(root: Path, path: Path) -> Diagnostic:
    """A folder under projects/ that is a link (the listing never follows one): a project never vanishes without a word."""
    target = real(path)
    if not target.is_relative_to(real(root)):
        return diag("FT011", Loc(path), what=path.name, target=target)
    return diag("FT014", Loc(path), what=path.name, target=os.path.relpath(target, real(root)))


@dataclass
class Loaded:
    """One project as loaded: its record, its visits, its findings so far, the register it
    names, and the own findings of each register first read for it in this process."""

    file: Path
    project: Project | None
    visits: Visits
    findings: list[Diagnostic]
    register: Path | None = None
    registers: dict[Path, list[Diagnostic]] = field(default_factory=dict)
    folders: frozenset[str] | None = None  # the folders in the project's folder, as read_inputs saw them


def load_project(path: Path, model: Model, visits: bool = True, registers: bool = True) -> Loaded:
    """A project, with its visits, and its register read into the workspace's model (once in a
    process: a hundred projects name the same one). Only regular files inside the workspace
    are read: a link out of it, a FIFO or a device is a finding, never opened."""
    loaded = load_record(path, model)
    read_inputs(loaded, model, visits, registers)
    return loaded


def load_record(path: Path, model: Model) -> Loaded:
    """A project's record alone (project.yaml): its id, and what it depends on."""
    project, findings = _project(path, model)
    return Loaded(path, project, Visits(), findings, model.register_path(project) if project is not None else None)


def read_inputs(loaded: Loaded, model: Model, visits: bool = True, registers: bool = True) -> None:
    """The rest of a loaded project: its folder looked over, its visits and its register."""
    project = loaded.project
    root = model.workspace.root
    if project is None:
        return
    found, loaded.folders = _folder_findings(project.folder, root)
    loaded.findings += found
    if visits:
        loaded.visits, found = load_visits(project.folder / CANVASS_FILE, root)
        loaded.findings += found
    register = loaded.register
    if registers and register is not None and register not in model.registers and _usable(register, root):
        loaded.registers[register] = load_register_into(model, register)


def _folder_findings(folder: Path, root: Path) -> tuple[list[Diagnostic], frozenset[str]]:
    """A link out of the workspace, a FIFO, a device or a socket anywhere in a project's
    folder: said once, never read (the files the loader reads say it themselves). A plain
    file or folder costs nothing more than the listing. With the folders in the project's
    folder (a link to one included, as Path.is_dir has it)."""
    found: list[Diagnostic] = []
    pending = [folder]
    folders: frozenset[str] = frozenset()
    while pending:
        here = pending.pop()
        try:
            entries = list(os.scandir(here))
        except OSError:
            continue
        if here == folder:
            folders = frozenset(e.name for e in entries if _is_dir(e))
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                pending.append(Path(entry.path))
                continue
            if entry.is_file(follow_symlinks=False) or (here == folder and entry.name in (PROJECT_FILE, CANVASS_FILE)):
                if here == folder and LEFT_BY_A_WRITE.fullmatch(entry.name):
                    found.append(_left(Path(entry.path), entry.name))
                continue
            path = Path(entry.path)
            what = path.relative_to(folder).as_posix()
            try:
                if entry.is_symlink() and entry.is_dir():  # a linked folder is not walked into: only where it leads matters
                    if not inside(path, root):
                        raise Outside(path, leads_to(path))
                    continue
                check_regular(path, root)
            except FileNotFoundError:
                continue  # a link to nothing: a record naming it says it is missing
            except OSError as exc:
                found.append(unreadable(path, what, exc))
    return found, folders


def dependencies(model: Model, project: Project) -> tuple[set[Path], bool]:
    """Every file the project's findings depend on besides the workspace's shared files
    (fourtwo.yaml, procedures/, templates/): its folder's files, its register, and the minutes
    and notices its records name, as named (a `..` after a link taken as the system takes it)
    and where they lead; and whether one the records name is not there now (a git-ignored
    register, a minutes scan: no revision shows its absence is old, so the project is checked)."""
    # Files only: git holds no folder, so a folder would always read as changed; nor a program's runtime file.
    found = {Path(os.path.abspath(p)) for p in project.folder.rglob("*") if not is_runtime(p.name) and (p.is_symlink() or not p.is_dir())}
    ref = project.data.households
    named: list[Path] = [model.workspace.root / ref.register] if ref and ref.register else []
    for record in project.data.steps:
        minutes: Any = getattr(record, "minutes", "")
        facts: Any = getattr(record, "facts", "")
        named += [project.folder / minutes] * bool(minutes) + [project.folder / facts] * bool(facts)
        named += [project.folder / name for name in getattr(record, "files", [])]
    missing = not all(map(os.path.isfile, named))
    found.update([*named, project.folder / CANVASS_FILE])  # canvass.csv there or not: one deleted since is a change
    found.update(real(path) for path in [*named, *(p for p in [model.register_path(project)] if p is not None)])
    return found, missing


def _is_dir(entry: os.DirEntry[str]) -> bool:
    """A folder, or a link to one; not a link that loops or leads nowhere (those are findings)."""
    try:
        return entry.is_dir()
    except OSError:
        return False


def _usable(path: Path, root: Path) -> bool:
    """A register (resolved) that is inside the workspace and there; else a check says why."""
    try:
        return path.is_relative_to(root) and path.is_file()  # the root is resolved when found
    except OSError:  # a name too long, a folder that may not be entered: the register's check says why
        return False


def _load_procedures(model: Model) -> list[Diagnostic]:
    """The built-in procedures, and the workspace's own beside them."""
    findings: list[Diagnostic] = []
    procedures, rulesets = builtin()
    model.procedures = dict(procedures)
    local: dict[str, Procedure] = {}
    proc_dir = model.workspace.root / PROCEDURES_DIR
    try:
        check_folder(proc_dir, model.workspace.root)
    except FileNotFoundError:
        pass
    except OSError as exc:  # a link out of the workspace, a FIFO: named, never listed
        return [*findings, unreadable(proc_dir, PROCEDURES_DIR, exc)]
    if proc_dir.is_dir():
        for path in sorted(p for p in proc_dir.iterdir() if p.suffix in (".yaml", ".yml")):
            if path.is_dir():
                findings.append(unreadable(path, f"{PROCEDURES_DIR}/{path.name}", NotRegular(path, "a folder")))
                continue
            proc, found = load_procedure_file(path, model.workspace.root)
            findings += found
            if not proc:
                continue
            if proc.id in model.procedures:  # a stricter profile takes a name of its own
                other = model.procedures[proc.id].loc
                findings.append(diag("FT212", proc.at("id"), id=proc.id, other=T("built in") if is_builtin(other) else str(other.path)))
                continue
            model.procedures[proc.id] = local[proc.id] = proc
    if local:
        findings += resolve(model.procedures, rulesets)
    return findings


def register_files(model: Model, root: Path, whole: bool, named: set[Path | None]) -> tuple[list[Path], list[Diagnostic]]:
    """The registers a workspace has: in households/ (for the whole workspace) and those projects
    name (a hundred projects share one), resolved and inside the workspace; kept in the model."""
    findings: list[Diagnostic] = []
    register_paths: set[Path] = set()
    inside = real(root)
    if whole and (root / HOUSEHOLDS_DIR).is_dir():
        for path in sorted(p for p in (root / HOUSEHOLDS_DIR).iterdir() if not is_runtime(p.name)):
            if path.suffix.lower() in REGISTER_SUFFIXES and not path.is_file():  # a FIFO, a folder, a link that loops or leads nowhere
                try:
                    check_regular(path)
                except OSError as exc:
                    findings.append(unreadable(path, f"{HOUSEHOLDS_DIR}/{path.name}", exc))
            if path.suffix.lower() in REGISTER_SUFFIXES and path.is_file():
                target = real(path)
                if target.is_relative_to(inside):
                    register_paths.add(target)
                else:  # a link to a file elsewhere (/etc/passwd): named where it is, never read
                    findings.append(diag("FT204", Loc(path), key=f"{HOUSEHOLDS_DIR}/{path.name}", value=str(target)))
    for named_path in named:
        if named_path is not None and _usable(named_path, inside):
            register_paths.add(named_path)
    model.register_files = sorted(register_paths)
    return model.register_files, findings


# The households a process keeps read at once (about 25 MB): beyond them the registers used
# longest ago are let go, and read again if a later project names them. A hundred projects
# share one register, which stays; ten estates of 20,000 households do not all stay at once.
KEPT_HOUSEHOLDS = 50_000


def keep_registers(model: Model, used: Path | None) -> None:
    """The register just used kept as the most recent, the oldest let go past KEPT_HOUSEHOLDS."""
    registers = model.registers
    if used is not None and used in registers:
        registers[used] = registers.pop(used)  # dicts keep order: the last is the most recent
    total = sum(len(r.households) for r in registers.values())
    while total > KEPT_HOUSEHOLDS and len(registers) > 1:
        oldest = next(iter(registers))
        total -= len(registers.pop(oldest).households)


def load_register_into(model: Model, path: Path) -> list[Diagnostic]:
    """One register into the model, once; its findings the first time only."""
    if path in model.registers:
        return []
    model.registers[path], findings = load_register(path)
    return findings


def _project(path: Path, model: Model) -> tuple[Project | None, list[Diagnostic]]:
    """A project file, each step's record typed by the kind of its step in the project's procedure."""
    data, findings = read_file(path, N_("project file"), PROJECT, within=model.workspace.root)
    if not data:
        return None, findings
    project = Project(path.parent, data, data.procedure or model.workspace.default_procedure)
    procedure = model.procedures.get(project.procedure_id)
    if procedure is not None:  # else FT107 says so, and the records stay as written
        records = []
        for record in data.steps:
            step = procedure.step(record.step)
            if step is None:  # FT209
                records.append(record)
                continue
            kept, stray = typed(record, step.kind)
            findings += [diag("FT214", record.key_at(key), key=_key_name(key), kind=Term(step.kind, KIND_NAMES[step.kind]), step=step.term) for key in stray]
            records.append(kept)
        data.steps = records
    return project, findings


def _key_name(attr: str) -> str:
    return "for" if attr == "votes_for" else attr
