"""Files → model: find the workspaces under the paths given and load them, with positions.

Each file adds its findings; none raises for a problem in a user's file. Only a path
that cannot be used at all raises InputError.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from fourtwo.files.layout import (
    CANVASS_FILE,
    HOUSEHOLDS_DIR,
    PROCEDURES_DIR,
    PROJECT_FILE,
    PROJECTS_DIR,
    REGISTER_SUFFIXES,
    WORKSPACE_FILE,
    WORKSPACE_SEARCH_DEPTH,
    find_root,
    project_files,
    stray_project,
    walk,
)
from fourtwo.files.spec import read_file
from fourtwo.files.values import DEFAULT_TIMEZONE, today
from fourtwo.findings import Diagnostic, Loc, diag
from fourtwo.findings.errors import InputError
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
from fourtwo.model.visit import load_visits
from fourtwo.model.workspace import WORKSPACE, Workspace


@dataclass(frozen=True)
class Target:
    root: Path
    scope: Path | None = None  # only projects under this folder (None: the whole workspace)


def resolve_targets(paths: list[Path]) -> list[Target]:
    """Turn command-line paths into workspaces to load; InputError for an unusable path."""
    targets: list[Target] = []
    for raw in paths:
        path = raw.resolve()
        if not path.exists():
            raise InputError("FT901", path=raw)
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


def load_workspace(
    root: Path,
    scope: Path | None = None,
    visits: bool = True,
    registers: bool = True,
    files: list[Path] | None = None,
) -> tuple[Model, list[Diagnostic]]:
    """Load one workspace (all of it, or the projects under `scope`, or the project `files`).

    `visits=False` leaves canvass.csv unread and `registers=False` the registers:
    recording one visit must not cost more in a project with many.
    """
    findings: list[Diagnostic] = []
    ws_path = root / WORKSPACE_FILE
    settings, found = read_file(ws_path, N_("workspace file"), WORKSPACE)
    findings += found
    if not settings:
        settings = WORKSPACE.empty(Loc(ws_path, 1, 1))
    WORKSPACE.fill_sections(settings)
    model = Model(Workspace(root, settings), complete=scope is None)
    findings += _load_procedures(model)

    for path in project_files(root, scope) if files is None else files:
        project, found = load_project(path, model.workspace, model.procedures)
        findings += found
        if project is not None:
            model.projects.append(project)
            if visits:
                findings += load_project_visits(model, project)
    if registers:
        findings += _load_registers(model, root, whole=scope is None)
    return model, findings


def load_project_visits(model: Model, project: Project) -> list[Diagnostic]:
    """The project's canvass.csv into the model (a pipeline that streams projects loads each
    project's visits only when it checks that project, and lets them go after)."""
    model.visits[project.folder], findings = load_visits(project.folder / CANVASS_FILE)
    return findings


def _load_procedures(model: Model) -> list[Diagnostic]:
    """The built-in procedures, and the workspace's own beside them."""
    findings: list[Diagnostic] = []
    procedures, rulesets = builtin()
    model.procedures = dict(procedures)
    local: dict[str, Procedure] = {}
    proc_dir = model.workspace.root / PROCEDURES_DIR
    if proc_dir.is_dir():
        for path in sorted(p for p in proc_dir.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file()):
            proc, found = load_procedure_file(path)
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


def _load_registers(model: Model, root: Path, whole: bool) -> list[Diagnostic]:
    """Every register in households/ (for the whole workspace) and every one a project names."""
    paths, findings = register_files(model, root, whole, {model.register_path(project) for project in model.projects})
    for path in paths:
        findings += load_register_into(model, path)
    return findings


def register_files(model: Model, root: Path, whole: bool, named: set[Path | None]) -> tuple[list[Path], list[Diagnostic]]:
    """The registers a workspace has: in households/ (for the whole workspace) and those projects
    name (a hundred projects share one), resolved and inside the workspace; kept in the model."""
    findings: list[Diagnostic] = []
    register_paths: set[Path] = set()
    inside = root.resolve()
    if whole and (root / HOUSEHOLDS_DIR).is_dir():
        for path in sorted((root / HOUSEHOLDS_DIR).iterdir()):
            if path.suffix.lower() in REGISTER_SUFFIXES and path.is_file():
                target = path.resolve()
                if target.is_relative_to(inside):
                    register_paths.add(target)
                else:  # a link to a file elsewhere (/etc/passwd): named where it is, never read
                    findings.append(diag("FT204", Loc(path), key=f"{HOUSEHOLDS_DIR}/{path.name}", value=str(target)))
    for named_path in named:
        if named_path is not None and named_path.is_file() and named_path.is_relative_to(inside):
            register_paths.add(named_path)
    model.register_files = sorted(register_paths)
    return model.register_files, findings


def load_register_into(model: Model, path: Path) -> list[Diagnostic]:
    """One register into the model, once; its findings the first time only."""
    if path in model.registers:
        return []
    model.registers[path], findings = load_register(path)
    return findings


def load_project(path: Path, workspace: Workspace, procedures: dict[str, Procedure]) -> tuple[Project | None, list[Diagnostic]]:
    """A project file, each step's record typed by the kind of its step in the project's procedure."""
    data, findings = read_file(path, N_("project file"), PROJECT)
    if not data:
        return None, findings
    project = Project(path.parent, data, data.procedure or workspace.default_procedure)
    procedure = procedures.get(project.procedure_id)
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
