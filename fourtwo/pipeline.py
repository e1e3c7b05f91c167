"""The one driver: every project of the workspaces given, each on its own, then what they share.

    run(paths, per_project)     check, status, site, report: resolve → each workspace's
                                shared files → each project → the workspace's own findings
    open_project(path)          one project, judged, for a command about it

Each project goes the same way down: loaded (its record, visits, findings so far and the
files it depends on; fourtwo.load), judged on its own (fourtwo.judge), checked (fourtwo.checks),
then handed to the command's own function, whose value comes back with the findings.
Nothing is kept from one project to the next but the registers, read once in a process.
Projects are independent, so from enough work on they are dealt out to forked workers
(fourtwo.parallel), across every workspace of the call at once. What the workspace shares
is judged after, from every project's result: its registers, its own checks, and the ids
used twice. Nothing is remembered between runs: every result is computed from the files.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar

from fourtwo.files.layout import CANVASS_FILE, PROJECT_FILE, project_files, project_folder
from fourtwo.files.limits import Unreadable, read_limited, where_named
from fourtwo.files.pending import finish_left
from fourtwo.files.reading import real, unreadable
from fourtwo.files.yamlio import MAX_YAML_BYTES
from fourtwo.findings import Diagnostic, Loc, unique
from fourtwo.findings.errors import FindingsError
from fourtwo.i18n import T
from fourtwo.judge import Judgement
from fourtwo.load import (
    Target,
    dependencies,
    keep_registers,
    linked_folder,
    load_project,
    load_record,
    load_register_into,
    open_workspace,
    read_inputs,
    register_files,
    resolve_targets,
)
from fourtwo.model.loaded import Model
from fourtwo.model.project import Project
from fourtwo.parallel import can_fork, cores, in_parts

if TYPE_CHECKING:  # the checks (and git) are imported where they run: a command on one project does without them (start-up)
    from fourtwo.checks.project import IdEntry
    from fourtwo.files.git import Changes

R = TypeVar("R")
# What a command makes of one judged project and its findings (a picklable value: it may
# come back from a worker).
PerProject = Callable[[Judgement, Project, list[Diagnostic]], R]

MAX_JOBS = 8
# Below this much work, starting a worker costs more than it saves (measured: about 30 ms
# per worker; a project costs about 1 ms, and 1 ms more for every WORK_BYTES of visits).
MIN_WORK = 100
WORK_BYTES = 40_000


@dataclass
class Done(Generic[R]):
    """One project through the pipeline, as a worker sends it back."""

    file: Path
    findings: list[Diagnostic]
    id: IdEntry | None = None
    register: Path | None = None
    registers: dict[Path, list[Diagnostic]] = field(default_factory=dict)  # own findings of those first read here
    value: R | None = None  # the command's, when the project was read and gone through
    loaded: int = 0  # how many of the findings, from the first, are the loader's (the rest the checks')
    read: bool = True  # False: project.yaml could not be read (its findings say why)
    checked: bool = True  # False: nothing it depends on changed since --changed's revision


@dataclass
class Opened:
    """One workspace of the call: what its projects share, and which of them to go through."""

    model: Model  # fourtwo.yaml and the procedures; the registers once read
    findings: list[Diagnostic]  # of fourtwo.yaml and the procedures
    files: list[Path]
    whole: bool  # every project of it, not only some folders'
    changes: Changes | None = None  # what differs from --changed's revision; None: go through all


@dataclass
class Judged(Generic[R]):
    """One workspace after the pipeline: its own findings and each project's result."""

    model: Model
    findings: list[Diagnostic]  # fourtwo.yaml, procedures, registers, the workspace's checks, ids used twice
    projects: list[Done[R]]
    loaded: int = 0  # how many of the findings, from the first, are the loader's (the rest the checks')


@dataclass
class Outcome(Generic[R]):
    workspaces: list[Judged[R]]

    @property
    def findings(self) -> list[Diagnostic]:
        return unique(f for ws in self.workspaces for f in [*ws.findings, *(f for done in ws.projects for f in done.findings)])

    @property
    def projects(self) -> int:
        """How many projects were read and gone through."""
        return sum(done.read and done.checked for ws in self.workspaces for done in ws.projects)


def run(
    paths: list[Path], per_project: PerProject[R], jobs: int = 0, changed_since: str | None = None, checks: bool = True, finish: bool = False
) -> Outcome[R]:
    """Every project of every workspace under `paths` through the pipeline, `per_project`
    making the command's value of each; `jobs` 0 decides by the machine and the work,
    1 keeps one process; `changed_since` goes through only the projects a file changed
    for since that git revision (every project's id is still read, for ids used twice);
    `finish` (check) first finishes or undoes, in each project, what a killed publish left."""
    import fourtwo.checks  # noqa: F401 - here, before the workers fork, or each would import the checks again

    opened = [_open(root, scopes, changed_since) for root, scopes in _by_workspace(resolve_targets(paths)).items()]
    items = [(n, path) for n, ws in enumerate(opened) for path in ws.files]
    workers = worker_count(jobs, items)
    parts = _deal(items, workers) if workers > 1 else [items]

    def one(item: tuple[int, Path]) -> Done[R]:
        left = finish_left(item[1].parent) if finish else []
        try:
            done = _through(opened[item[0]], item[1], per_project, checks)
        except OSError as exc:  # a name the system refuses (too long), a folder it may not enter: said, never a crash
            named = os.path.basename(exc.filename) if isinstance(exc.filename, str) else ""
            what = T("'{name}', which the project names", name=named) if named else T("a file the project names")
            found = unreadable(item[1], what, exc, where_named(item[1], named))
            done = Done(item[1], [found], read=False, loaded=1)
        if left:  # said first, with the loader's findings: it is about the files
            done.findings[:0] = left
            done.loaded += len(left)
        return done

    results: list[list[Done[R]]] = [[] for _ in opened]
    for part, part_done in zip(parts, in_parts(parts, one), strict=True):
        for (n, _path), result in zip(part, part_done, strict=True):
            results[n].append(result)
    return Outcome([_shared(ws, _in_file_order(r, ws.files), checks) for ws, r in zip(opened, results, strict=True)])


def findings_only(judged: Judgement, project: Project, findings: list[Diagnostic]) -> None:
    """For `check`: the findings are all it needs."""
    return None


def _in_file_order(done: list[Done[R]], files: list[Path]) -> list[Done[R]]:
    place = {path: n for n, path in enumerate(files)}
    return sorted(done, key=lambda d: place[d.file])


def _by_workspace(targets: list[Target]) -> dict[Path, list[Path] | None]:
    """Each workspace once, with the folders it was reached by (None: the whole of it): two
    paths in one workspace reach its files once."""
    merged: dict[Path, list[Path] | None] = {}
    for target in targets:
        if target.scope is None:
            merged[target.root] = None
        else:
            scopes = merged.setdefault(target.root, [])
            if scopes is not None:
                scopes.append(target.scope)
    return merged


def _open(root: Path, scopes: list[Path] | None, changed_since: str | None) -> Opened:
    model, findings = open_workspace(root)
    reached: list[Path | None] = list(scopes) if scopes is not None else [None]
    linked: list[Path] = []
    refused: list[OSError] = []
    files = list(dict.fromkeys(path for scope in reached for path in project_files(root, scope, links=linked, refused=refused)))
    findings = [*findings, *(linked_folder(root, path) for path in dict.fromkeys(linked))]
    findings += [unreadable(Path(e.filename), T("'{name}'", name=os.path.basename(e.filename)), e) for e in refused if isinstance(e.filename, str)]
    from fourtwo.files.git import changes, ignored

    found = changes(root, changed_since) if changed_since is not None else None
    if found is not None:  # a canvass.csv git ignores and that is gone: no revision shows it was never there
        found.ignored = frozenset(os.path.abspath(p) for p in ignored(root, [path.parent / CANVASS_FILE for path in files]))
    return Opened(model, findings, files, scopes is None, None if found is None or found.shared else found)


def _through(ws: Opened, path: Path, per_project: PerProject[R], checks: bool) -> Done[R]:
    """One project down the pipeline: load → (unchanged? its id only) → judge → check → the command's value."""
    model = ws.model
    loaded = load_record(path, model)
    project = loaded.project
    if project is None:
        return Done(path, loaded.findings, read=False, loaded=len(loaded.findings))
    entry = (project.data.id, project.data.at("id"), str(path.relative_to(model.workspace.root))) if project.data.id else None
    unchanged = False
    if ws.changes is not None and model.procedure(project) is not None:
        files, missing = dependencies(model, project)
        unchanged = not missing and not ws.changes.touch(files, [project.folder])
    if unchanged:  # an unknown procedure (a local one removed since, say) is checked whatever changed
        return Done(path, [], entry, model.register_path(project), checked=False)
    read_inputs(loaded, model)
    project.folders = loaded.folders  # nothing writes in the folder before its checks, here: they may take the listing as it is
    judged = Judgement(model.one(project, loaded.visits))
    from fourtwo.checks import project_checks

    findings = unique(loaded.findings + (project_checks(judged, project) if checks else []))  # once each, as check prints them
    value = per_project(judged, project, findings)
    keep_registers(model, loaded.register)
    return Done(path, findings, entry, loaded.register, loaded.registers, value, loaded=len(loaded.findings))


def _shared(ws: Opened, projects: list[Done[R]], checks: bool) -> Judged[R]:
    """The workspace's own findings, from every project's result: its registers (each read
    once, by whichever project needed it first, or here), its checks, the ids used twice."""
    model = ws.model
    findings = list(ws.findings)
    read: dict[Path, list[Diagnostic]] = {}
    for done in projects:
        for path, found in done.registers.items():
            read.setdefault(path, found)
    paths, found = register_files(model, model.workspace.root, ws.whole, {d.register for d in projects})
    findings += found
    for path in paths:
        findings += read[path] if path in read else load_register_into(model, path)
        keep_registers(model, path)
    loaded = len(findings)
    model.complete = ws.whole
    judged = Judgement(model)
    from fourtwo.checks import checkable, workspace_wide_checks
    from fourtwo.checks.project import duplicate_ids

    if checks and checkable(judged):
        findings += workspace_wide_checks(judged)
    given = [done.id for done in projects if done.id is not None]
    elsewhere = _ids_elsewhere(ws)  # first: a project given is the one said to use an id twice
    twice = duplicate_ids([*elsewhere, *given])
    findings += [f for f in twice if f.path not in {e[1].path for e in elsewhere}] if elsewhere else twice
    return Judged(model, findings, projects, loaded)


_ID_LINE = re.compile(r"""^id:[ \t]*["']?([^"'#\s]+)""", re.MULTILINE)


def _ids_elsewhere(ws: Opened) -> list[IdEntry]:
    """The ids of the workspace's projects outside the folders given (none when the whole
    workspace is): a project given alone is compared with every other, as a whole check
    compares it. Read from the `id:` line alone, not parsed: ids are cheap; a project.yaml
    whose id is written otherwise is compared when it is checked itself."""
    if ws.whole:
        return []
    root, given = ws.model.workspace.root, set(ws.files)
    found: list[IdEntry] = []
    for path in project_files(root):
        if path in given:
            continue
        try:
            text = read_limited(path, MAX_YAML_BYTES, root).decode("utf-8", "replace")
        except (OSError, Unreadable):
            continue  # said when that project is checked
        if (line := _ID_LINE.search(text)) is not None:
            row = text.count("\n", 0, line.start()) + 1
            found.append((line[1], Loc(path, row, line.start(1) - line.start() + 1), str(path.relative_to(root))))
    return found


def worker_count(jobs: int, items: list[tuple[int, Path]]) -> int:
    """1 for little work (or no fork); else the cores, at most MAX_JOBS, never more than projects."""
    if jobs == 1 or len(items) < 2 or not can_fork():
        return 1
    if jobs <= 0:
        if _work(items) < MIN_WORK:
            return 1
        jobs = min(cores(), MAX_JOBS)
    return max(1, min(jobs, len(items)))


def _work(items: list[tuple[int, Path]]) -> int:
    """About how many milliseconds the projects take: MIN_WORK projects are enough without
    looking further; fewer are weighed by their visits (10 projects of 20,000 visits)."""
    if len(items) >= MIN_WORK:
        return len(items)
    return len(items) + sum(_size(path.parent / CANVASS_FILE) for _, path in items) // WORK_BYTES


def _size(path: Path) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def _deal(items: list[tuple[int, Path]], workers: int) -> list[list[tuple[int, Path]]]:
    """Parts of about equal work: in turn for many projects, by their visits' size for few."""
    if len(items) >= MIN_WORK:
        return [items[i::workers] for i in range(workers)]
    parts: list[list[tuple[int, Path]]] = [[] for _ in range(workers)]
    loads = [0] * workers
    for item in sorted(items, key=lambda i: -_size(i[1].parent / CANVASS_FILE)):
        lightest = loads.index(min(loads))
        parts[lightest].append(item)
        loads[lightest] += 1 + _size(item[1].parent / CANVASS_FILE) // WORK_BYTES
    return [part for part in parts if part]


def open_project(path: Path, checks: bool = False, visits: bool = True, registers: bool = True) -> tuple[Model, Judgement, Project, list[Diagnostic]]:
    """One project's workspace (its folder or its project.yaml), loaded and judged, checked if asked."""
    folder, root = project_folder(path)
    model, findings = open_workspace(root)
    loaded = load_project(folder / PROJECT_FILE, model, visits=visits, registers=registers)
    findings += loaded.findings + [f for found in loaded.registers.values() for f in found]
    project = loaded.project
    if project is None:  # unreadable: its findings say why
        raise FindingsError([f for f in findings if real(f.path).is_relative_to(folder)] or findings)
    judged = Judgement(model.one(project, loaded.visits))
    if checks:
        from fourtwo.checks import checkable, project_checks, workspace_wide_checks

        if checkable(judged):
            findings += project_checks(judged, project) + workspace_wide_checks(judged)
    return judged.model, judged, project, findings
