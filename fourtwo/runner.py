"""`fourtwo check` over whole workspaces, in parts side by side when they are large.

A workspace of 1,000 projects is mostly independent work: each project's file, its
visits, its coverage and its steps. Where the machine has more than one core, the
projects are dealt out to worker processes (forked, so nothing is imported twice); each
loads and checks its part and sends back findings. The one check across projects, an id
used twice, runs here over every part's ids. What is reported is what one process would
report: workspace-wide findings, which every part reaches, are kept once.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from fourtwo.diagnostics import Diagnostic, unique
from fourtwo.loader import Target, gc_paused, load_workspace, project_files, resolve_targets

if TYPE_CHECKING:
    from fourtwo.checks.project import IdEntry

# Below this many projects, starting workers costs more than it saves (measured: about
# 30 ms per worker against about 1 ms per project).
MIN_PROJECTS = 100
MAX_JOBS = 8


@dataclass
class Outcome:
    """What the check found, and over how much."""

    findings: list[Diagnostic] = field(default_factory=list)
    projects: int = 0
    workspaces: int = 0


@dataclass
class Part:
    """What one worker sends back: picklable values only."""

    findings: list[Diagnostic]
    projects: int
    ids: list[IdEntry]


def check(paths: list[Path], changed_since: str | None = None, jobs: int = 0) -> Outcome:
    """Load and check every target; `jobs` 0 decides by the machine and the workspace's size, 1 keeps one process."""
    from fourtwo.checks import run_checks
    from fourtwo.checks.project import duplicate_ids

    targets = resolve_targets(paths)
    outcome = Outcome(workspaces=len(targets))
    for target in targets:
        only = None
        if changed_since is not None:
            from fourtwo.changes import changed_projects

            only = changed_projects(target.root, changed_since)
        files = project_files(target.root, target.scope, only)
        workers = worker_count(jobs, len(files))
        with gc_paused():  # loading and checking make no cycles, and the model is large
            if workers <= 1:
                model, found = load_workspace(target.root, target.scope, files=files)
                outcome.findings += found + run_checks(model)
                outcome.projects += len(model.projects)
                continue
            parts = _in_parallel(target, [files[i::workers] for i in range(workers)])
        order = {str(f.relative_to(target.root)): n for n, f in enumerate(files)}
        ids = sorted((entry for part in parts for entry in part.ids), key=lambda entry: order.get(entry[2], -1))
        for part in parts:
            outcome.findings += part.findings
            outcome.projects += part.projects
        outcome.findings += duplicate_ids(ids)
    outcome.findings = unique(outcome.findings)
    return outcome


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


def _in_parallel(target: Target, parts: list[list[Path]]) -> list[Part]:
    """The first part is checked here while workers check the others: every core works."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    rest = range(1, len(parts))
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(len(rest), mp_context=context, initializer=_worker_started) as pool:
        others = pool.map(_check_part, [target.root] * len(rest), [target.scope] * len(rest), parts[1:], [n + 1 for n in rest])
        first = _check_part(target.root, target.scope, parts[0], 1)
        return [first, *others]


def _worker_started() -> None:
    """Ctrl-C is the parent's to handle: a worker printing its own traceback would reach the user."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _check_part(root: Path, scope: Path | None, files: list[Path], number: int) -> Part:
    from fourtwo.checks import run_checks
    from fourtwo.checks.project import project_id_entries

    with gc_paused():
        model, found = load_workspace(root, scope, files=files)
        model.part = number
        return Part(unique(found + run_checks(model)), len(model.projects), project_id_entries(model))
