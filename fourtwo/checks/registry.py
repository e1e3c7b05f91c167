"""Checks are plain functions over a judged workspace, registered by what they look at.

A project check looks at one project (and may read the workspace around it); a
workspace check looks at what every project shares (fourtwo.yaml, registers,
templates). The pipeline decides where each runs: in one process, or once per part
of a workspace checked side by side (workspace checks in the first part only).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from fourtwo.files.layout import NOTICES_DIR
from fourtwo.findings import Diagnostic
from fourtwo.judge import Judgement
from fourtwo.model.project import Project

ProjectCheck = Callable[[Judgement, Project], Iterable[Diagnostic]]
WorkspaceCheck = Callable[[Judgement], Iterable[Diagnostic]]
PROJECT_CHECKS: list[ProjectCheck] = []
WORKSPACE_CHECKS: list[WorkspaceCheck] = []


def per_project(fn: ProjectCheck) -> ProjectCheck:
    PROJECT_CHECKS.append(fn)
    return fn


def per_workspace(fn: WorkspaceCheck) -> WorkspaceCheck:
    WORKSPACE_CHECKS.append(fn)
    return fn


def has_notices(project: Project) -> bool:
    """Whether the project's folder holds notices/: as loading saw it (a stat less a check), else as it is now."""
    return NOTICES_DIR in project.folders if project.folders is not None else (project.folder / NOTICES_DIR).is_dir()
