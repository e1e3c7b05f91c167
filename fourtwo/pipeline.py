"""The one driver: targets → load → judge → check, for every command that reads a workspace.

    run(paths)                      every workspace under the paths, checked (fourtwo check, status)
    open_project(path)              one project's workspace, judged, for a command about it

`process` is the pipeline itself, for one workspace or one part of it: load the files
into the model (fourtwo.load), judge it (fourtwo.judge), run the checks
(fourtwo.checks). Each stage adds findings; none raises for a problem in a user's file.

A workspace of 1,000 projects is mostly independent work, so from MIN_PROJECTS up
its project files are dealt out to worker processes (forked, so nothing is imported
twice), each running the same pipeline over its part; the first part runs the
workspace's own checks, and the one check across projects (an id used twice) runs
here over every part's ids. What is reported is what one process would report.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from fourtwo.checks import run_checks
from fourtwo.checks.project import IdEntry, duplicate_ids, id_entries
from fourtwo.files import cache
from fourtwo.files.cache import Entry
from fourtwo.files.layout import project_files, project_folder
from fourtwo.findings import Diagnostic, unique
from fourtwo.findings.errors import FindingsError
from fourtwo.judge import Judgement
from fourtwo.load import Target, load_workspace, resolve_targets
from fourtwo.model.loaded import Model
from fourtwo.model.project import Project
from fourtwo.stream import Reuse
from fourtwo.stream import stream as stream_projects

_STORE: list[cache.Store] = []  # the cache of the workspace being checked, when asked for; workers inherit it

# Below this many projects, starting workers costs more than it saves (measured: about
# 30 ms per worker against about 1 ms per project).
MIN_PROJECTS = 100
MAX_JOBS = 8


@dataclass
class Processed:
    """One workspace (or part) through the pipeline: what was loaded, judged and found."""

    judged: Judgement
    findings: list[Diagnostic]
    ids: list[IdEntry]
    projects: int
    cached: dict[str, Entry] = field(default_factory=dict)  # what this run adds to the cache

    @property
    def model(self) -> Model:
        return self.judged.model


def process(
    target: Target,
    files: list[Path] | None = None,
    checks: bool = True,
    workspace_checks: bool = True,
    visits: bool = True,
    registers: bool = True,
    stream: bool = False,
) -> Processed:
    """Load → judge → check one workspace, or the part of it in `files`.

    `stream` (for `check`, which keeps only findings) loads each project's visits when it
    checks that project and lets them go after, with what was worked out from them: the
    model then never holds every project's visits at once (10 projects of 20,000 visits,
    or 5,000 of 200). The model returned has no visits then."""
    stream = stream and checks and visits
    if stream:
        model, findings = load_workspace(target.root, target.scope, visits=False, registers=False, files=[])
        judged = Judgement(model)
        reuse = Reuse.open(model, _STORE[0]) if _STORE else None
        done = stream_projects(judged, project_files(target.root, target.scope) if files is None else files, reuse, workspace_checks, target.scope is None)
        return Processed(judged, findings + done.findings, done.ids, done.projects, reuse.store.added if reuse else {})
    model, findings = load_workspace(target.root, target.scope, visits=visits, registers=registers, files=files)
    judged = Judgement(model)
    if checks:
        findings += run_checks(judged, workspace_checks=workspace_checks)
    return Processed(judged, findings, id_entries(model) if checks else [], len(model.projects))


@dataclass
class Outcome:
    """What the pipeline found over every target, and over how much."""

    findings: list[Diagnostic] = field(default_factory=list)
    projects: int = 0
    workspaces: int = 0
    judged: list[Judgement] = field(default_factory=list)  # kept only when asked for


def run(paths: list[Path], changed_since: str | None = None, jobs: int = 0, keep: bool = False, reuse: bool = False) -> Outcome:
    """Every workspace under `paths`, checked; `jobs` 0 decides by the machine and the size,
    1 keeps one process; `keep` keeps the judged models (one process then); `reuse` takes
    what a check found before from the same bytes (fourtwo.files.cache)."""
    targets = resolve_targets(paths)
    outcome = Outcome(workspaces=len(targets))
    for target in targets:
        only = None
        if changed_since is not None:
            from fourtwo.files.git import changed_projects

            only = changed_projects(target.root, changed_since)
        files = project_files(target.root, target.scope, only)
        workers = 1 if keep else worker_count(jobs, len(files))
        _STORE[:] = [cache.Store.open(str(target.root))] if reuse and not keep else []
        if _STORE:
            cache.code()  # worked out once, before any worker forks
        if workers <= 1:
            done = process(target, files, stream=not keep)
            parts = [Part.of(done)]
            if keep:
                outcome.judged.append(done.judged)
        else:
            parts = _in_parallel(target, [files[i::workers] for i in range(workers)])
        order = {str(f.relative_to(target.root)): n for n, f in enumerate(files)}
        ids = sorted((entry for part in parts for entry in part.ids), key=lambda entry: order.get(entry[2], -1))
        for part in parts:
            outcome.findings += part.findings
            outcome.projects += part.projects
            if _STORE:
                _STORE[0].added.update(part.cached)
        if _STORE:
            _STORE.pop().save()
        outcome.findings += duplicate_ids(ids)
    outcome.findings = unique(outcome.findings)  # two targets in one workspace reach its files twice
    return outcome


def open_project(path: Path, checks: bool = False, visits: bool = True, registers: bool = True) -> tuple[Model, Judgement, Project, list[Diagnostic]]:
    """One project's workspace (its folder or its project.yaml), loaded and judged, checked if asked."""
    folder, root = project_folder(path)
    done = process(Target(root, folder), checks=checks, visits=visits, registers=registers)
    project = next((p for p in done.model.projects if p.folder.resolve() == folder), None)
    if project is None:  # unreadable: its findings say why
        raise FindingsError([f for f in done.findings if f.path.resolve().is_relative_to(folder)] or done.findings)
    return done.model, done.judged, project, done.findings + duplicate_ids(done.ids)


def worker_count(jobs: int, projects: int) -> int:
    if jobs == 1 or projects < 2 or not _can_fork():
        return 1
    if jobs <= 0:
        if projects < MIN_PROJECTS:
            return 1
        jobs = min(_cores(), MAX_JOBS)
    return max(1, min(jobs, projects))


def _can_fork() -> bool:
    """Forking keeps what is imported; macOS frameworks are not safe to fork, Windows cannot."""
    import multiprocessing

    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))  # the cores this process may use (a CI container's share)
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


@dataclass
class Part:
    """What one worker sends back: picklable values only."""

    findings: list[Diagnostic]
    projects: int
    ids: list[IdEntry]
    cached: dict[str, Entry]

    @classmethod
    def of(cls, done: Processed) -> Part:
        return cls(unique(done.findings), done.projects, done.ids, done.cached)


def _in_parallel(target: Target, parts: list[list[Path]]) -> list[Part]:
    """The first part is checked here while workers check the others: every core works."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    rest = range(1, len(parts))
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(len(rest), mp_context=context, initializer=_worker_started) as pool:
        others = pool.map(_check_part, [target] * len(rest), parts[1:])
        first = Part.of(process(target, parts[0], stream=True))  # the first part runs the workspace's own checks
        return [first, *others]


def _worker_started() -> None:
    """Ctrl-C is the parent's to handle: a worker printing its own traceback would reach the user."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _check_part(target: Target, files: list[Path]) -> Part:
    return Part.of(process(target, files, workspace_checks=False, stream=True))
