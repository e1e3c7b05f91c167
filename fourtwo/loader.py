"""The pipeline: find the files under the given paths, load them, build the model, run the checks.

files ──load──▶ model ──checks──▶ findings. Each stage adds findings; none raises for a
problem in a user's file. Only a path that cannot be used at all raises InputError.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from fourtwo import yamlio
from fourtwo.diagnostics import Diagnostic, Loc, diag, unique
from fourtwo.errors import FindingsError, InputError
from fourtwo.model.household import Register, load_register
from fourtwo.model.visit import CANVASS_FILE, Visits, load_visits
from fourtwo.model.project import PROJECT, PROJECT_FILE, Project
from fourtwo.model.workspace import WORKSPACE, WORKSPACE_FILE, Workspace
from fourtwo.procedure import Procedure, builtin, is_builtin, load_procedure_file, resolve
from fourtwo.spec import Ctx

if TYPE_CHECKING:
    from fourtwo.coverage import Coverage
    from fourtwo.progress import StepState

PROJECTS_DIR = "projects"
HOUSEHOLDS_DIR = "households"
PROCEDURES_DIR = "procedures"
REGISTER_SUFFIXES = (".csv", ".xlsx")
_SKIP_DIRS = {".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv", "notices"}


@dataclass
class Model:
    """Everything loaded from one workspace, ready for the checks."""

    workspace: Workspace
    procedures: dict[str, Procedure] = field(default_factory=dict)
    projects: list[Project] = field(default_factory=list)
    registers: dict[Path, Register] = field(default_factory=dict)
    visits: dict[Path, Visits] = field(default_factory=dict)  # by project folder
    complete: bool = True  # False when only part of the workspace was asked for
    part: int = 0  # k > 0: part k of several checked side by side (fourtwo.runner); 0: the whole
    # Several checks ask for the same coverage and paths: computed once per project.
    _coverage: dict[Path, Coverage | None] = field(default_factory=dict, repr=False)
    _register_paths: dict[str, Path | None] = field(default_factory=dict, repr=False)
    _timelines: dict[Path, list[StepState]] = field(default_factory=dict, repr=False)

    def timeline(self, project: Project) -> list[StepState] | None:
        """Each step of the project's procedure with its records and status, judged once;
        None when the procedure is unknown (a finding says so)."""
        from fourtwo.progress import timeline

        proc = self.procedures.get(project.procedure_id)
        if proc is None:
            return None
        if project.folder not in self._timelines:
            self._timelines[project.folder] = timeline(project, proc, self.coverage(project))
        return self._timelines[project.folder]

    def coverage(self, project: Project) -> Coverage | None:
        """The project's canvass coverage, or None without a usable register."""
        if project.folder not in self._coverage:
            self._coverage[project.folder] = self._compute_coverage(project)
        return self._coverage[project.folder]

    def _compute_coverage(self, project: Project) -> Coverage | None:
        from fourtwo.coverage import compute

        path = self.register_path(project)
        register = self.registers.get(path) if path else None
        proc = self.procedures.get(project.procedure_id)
        step = next((s for s in proc.steps if s.kind == "canvass"), None) if proc else None
        if register is None or step is None:
            return None
        visits = self.visits.get(project.folder, Visits())
        outside = self.outside_window(project, visits)
        if outside:
            visits = visits.take(i for i, day in enumerate(visits.date) if day not in outside)
        return compute(register, project.data.households, visits, step.threshold)

    def outside_window(self, project: Project, visits: Visits) -> set[dt.date]:
        """The days among these visits' that fall outside the canvass window (a canvass has few days)."""
        opens, closes = self.canvass_window(project)
        return {d for d in visits.days if (opens is not None and d < opens) or (closes is not None and d > closes)}

    def canvass_window(self, project: Project) -> tuple[dt.date | None, dt.date | None]:
        """Visits count from the last step before the canvass to the first step recorded after it."""
        proc = self.procedures.get(project.procedure_id)
        if proc is None:
            return None, None
        at = next((i for i, s in enumerate(proc.steps) if s.kind == "canvass"), -1)
        before = {s.id for s in proc.steps[:at]}
        after = {s.id for s in proc.steps[at + 1 :]}
        records = project.data.steps
        opens = max((r.date for r in records if r.step in before and r.date), default=None)
        closes = min((r.date for r in records if r.step in after and r.date), default=None)
        return opens, closes

    def register_problem(self, project: Project) -> str:
        """Why the project has no usable register, in words for FT504 ('' when it has one)."""
        path = self.register_path(project)
        if path is None:
            return "project.yaml names none under 'households: register:'"
        shown = project.data.households.register if project.data.households else str(path)
        if not path.is_relative_to(self.workspace.root.resolve()):
            return f"{shown} is outside the workspace"
        if not path.is_file():
            return f"{shown} is not there"
        register = self.registers.get(path)
        if register is None:
            return f"{shown} was not read"
        if not register.households:
            return f"{shown} has no household that could be read" + (f" ({register.problem})" if register.problem else "")
        return ""

    def register_path(self, project: Project) -> Path | None:
        ref = project.data.households
        name = ref.register if ref and ref.register else ""
        if name not in self._register_paths:  # a hundred projects name the same register: resolved once
            self._register_paths[name] = (self.workspace.root / name).resolve() if name else None
        return self._register_paths[name]


@dataclass(frozen=True)
class Target:
    root: Path
    scope: Path | None = None  # only projects under this folder (None: the whole workspace)


def find_root(start: Path) -> Path | None:
    """The nearest folder at or above `start` holding fourtwo.yaml."""
    here = start.resolve()
    for folder in (here, *here.parents):
        if (folder / WORKSPACE_FILE).is_file():
            return folder
    return None


def _walk(top: Path, name: str) -> list[Path]:
    found = []
    for folder, dirs, files in os.walk(top):
        dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS and not d.startswith("."))
        if name in files:
            found.append(Path(folder) / name)
    return found


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
            targets.append(Target(root, None if path.name == WORKSPACE_FILE else path.parent))
            continue
        root = find_root(path)
        if root is not None:
            targets.append(Target(root, None if path == root else path))
            continue
        nested = [Target(f.parent) for f in _walk(path, WORKSPACE_FILE)]
        if not nested:
            raise InputError("FT902", path=raw)
        targets.extend(nested)
    unique: list[Target] = []
    for t in targets:
        if t not in unique:
            unique.append(t)
    return unique


def load_workspace(root: Path, scope: Path | None = None, visits: bool = True, registers: bool = True, only: set[Path] | None = None,
                   files: list[Path] | None = None) -> tuple[Model, list[Diagnostic]]:
    """Load one workspace (all of it, or the projects under `scope`).

    `visits=False` leaves canvass.csv unread and `registers=False` the registers:
    recording one visit must not cost more in a project with many. `only` keeps just
    these project folders (the ones changed since a git revision); `files` names the
    project files to load, already found by project_files.
    """
    with gc_paused():
        return _load_workspace(root, scope, visits, registers, only, files)


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Loading builds tens of thousands of rows and no cycles: the cycle collector would
    walk them again and again as they are made (a third of the time, measured). What was
    built is then frozen out of its sight, or its first pass after would walk it all once
    more (0.2 s on 1,000 projects); it is freed by reference counting as ever."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()
            gc.enable()


def _load_workspace(root: Path, scope: Path | None, visits: bool, registers: bool, only: set[Path] | None, files: list[Path] | None) -> tuple[Model, list[Diagnostic]]:
    findings: list[Diagnostic] = []
    ws_path = root / WORKSPACE_FILE
    doc, found = yamlio.load(ws_path, "workspace file")
    findings += found
    settings = None
    if doc is not None:
        ctx = Ctx(ws_path)
        settings = WORKSPACE.convert(doc.root, ctx, "")
        findings += ctx.findings
    if not settings:
        settings = WORKSPACE.empty(Loc(ws_path, 1, 1))
    WORKSPACE.fill_sections(settings)
    model = Model(Workspace(root, settings), complete=scope is None)

    procedures, rulesets = builtin()
    model.procedures = dict(procedures)
    local: dict[str, Procedure] = {}
    proc_dir = root / PROCEDURES_DIR
    if proc_dir.is_dir():
        for path in sorted(p for p in proc_dir.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file()):
            proc, found = load_procedure_file(path)
            findings += found
            if not proc:
                continue
            if proc.id in model.procedures:  # a stricter profile takes a name of its own
                other = model.procedures[proc.id].loc
                findings.append(diag("FT212", proc.at("id"), id=proc.id, other="built in" if is_builtin(other) else str(other.path)))
                continue
            model.procedures[proc.id] = local[proc.id] = proc
    if local:
        findings += resolve(model.procedures, rulesets)

    for path in project_files(root, scope, only) if files is None else files:
        project, found = load_project(path, model.workspace)
        findings += found
        if project is not None:
            model.projects.append(project)
            if visits:
                model.visits[project.folder], found = load_visits(project.folder / CANVASS_FILE)
                findings += found

    if not registers:
        return model, findings
    register_paths: set[Path] = set()
    inside = root.resolve()
    if scope is None and (root / HOUSEHOLDS_DIR).is_dir():
        for path in sorted((root / HOUSEHOLDS_DIR).iterdir()):
            if path.suffix.lower() in REGISTER_SUFFIXES and path.is_file():
                target = path.resolve()
                if target.is_relative_to(inside):
                    register_paths.add(target)
                else:  # a link to a file elsewhere (/etc/passwd): named where it is, never read
                    findings.append(diag("FT204", Loc(path), key=f"{HOUSEHOLDS_DIR}/{path.name}", value=str(target)))
    for named in {model.register_path(project) for project in model.projects}:  # a hundred projects share a register
        if named is not None and named.is_file() and named.is_relative_to(inside):
            register_paths.add(named)
    for path in sorted(register_paths):
        register, found = load_register(path)
        findings += found
        model.registers[path] = register
    return model, findings


def project_files(root: Path, scope: Path | None = None, only: set[Path] | None = None) -> list[Path]:
    """The project.yaml files of a workspace (under `scope`, among `only`), in path order."""
    projects_dir = root / PROJECTS_DIR
    files = _walk(projects_dir, PROJECT_FILE) if projects_dir.is_dir() else []
    if scope is not None:
        files = [f for f in files if f.is_relative_to(scope) or scope.is_relative_to(f.parent)]
    if only is not None:
        files = [f for f in files if f.parent.resolve() in only]
    return files


def load_project(path: Path, workspace: Workspace) -> tuple[Project | None, list[Diagnostic]]:
    doc, findings = yamlio.load(path, "project file")
    if doc is None:
        return None, findings
    ctx = Ctx(path)
    data = PROJECT.convert(doc.root, ctx, "")
    findings += ctx.findings
    if not data:
        return None, findings
    return Project(path.parent, data, data.procedure or workspace.default_procedure), findings


def project_folder(path: Path) -> tuple[Path, Path]:
    """A project's folder and its workspace root, from its folder or project.yaml; nothing loaded."""
    target = path.resolve()
    if not target.exists():
        raise InputError("FT901", path=path)
    folder = target.parent if target.is_file() else target
    if target.is_file() and target.name != PROJECT_FILE or not (folder / PROJECT_FILE).is_file():
        raise InputError("FT907", path=path)
    root = find_root(folder)
    if root is None:
        raise InputError("FT902", path=path)
    return folder, root


def open_project(path: Path, checks: bool = True, visits: bool = True, registers: bool = True) -> tuple[Model, Project, list[Diagnostic]]:
    """Load the workspace of one project (its folder or its project.yaml), and check it."""
    from fourtwo.checks import run_checks

    folder, root = project_folder(path)
    model, findings = load_workspace(root, scope=folder, visits=visits, registers=registers)
    project = next((p for p in model.projects if p.folder.resolve() == folder), None)
    if project is None:  # unreadable: its findings say why
        raise FindingsError([f for f in findings if f.path.resolve().is_relative_to(folder)] or findings)
    return model, project, findings + (run_checks(model) if checks else [])


def run(paths: list[Path]) -> tuple[list[Model], list[Diagnostic]]:
    """Load and check every target, keeping the models (`fourtwo status` shows them;
    `fourtwo check` needs only findings and goes through fourtwo.runner)."""
    from fourtwo.checks import run_checks

    models: list[Model] = []
    findings: list[Diagnostic] = []
    for target in resolve_targets(paths):
        with gc_paused():  # the checks make no cycles either, and the model is large
            model, found = load_workspace(target.root, target.scope)
            models.append(model)
            findings += found
            findings += run_checks(model)
    return models, unique(findings)  # two targets in one workspace reach its files twice
