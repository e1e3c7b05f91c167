"""The workspaces under the paths given, as the office's rows: the one place the office
asks the pipeline for judged models (one process; the per-project work is rows.project_rows,
a pure function a fan-out can run in parts)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from fourtwo.files.layout import PROJECTS_DIR
from fourtwo.findings import Diagnostic
from fourtwo.judge import Judgement
from fourtwo.office.rows import ProjectRows, Row, finding_rows, project_rows, workspace_row


@dataclass
class Gathered:
    rows: ProjectRows = field(default_factory=ProjectRows)
    workspaces: list[Row] = field(default_factory=list)


def gather(paths: list[Path], base: Path) -> Gathered:
    """Every project under `paths`; folders are shown relative to `base` (where the command
    runs) when below it, so the same records give the same rows wherever they are checked out.
    One workspace at a time: its model (with every visit) is let go once its rows are taken."""
    from fourtwo import pipeline
    from fourtwo.load import resolve_targets

    gathered = Gathered()
    for target in sorted(resolve_targets(paths), key=lambda t: (str(t.root), str(t.scope or ""))):
        outcome = pipeline.run([target.scope or target.root], keep=True)
        for judged in outcome.judged:
            _take(judged, outcome.findings, gathered)
    shown = {r[0]: _shown(Path(str(r[0])), base) for r in gathered.workspaces}
    gathered.workspaces = [(shown[r[0]], *r[1:]) for r in gathered.workspaces]
    for name in ("projects", "steps", "canvass", "notices", "objections", "findings"):
        setattr(gathered.rows, name, [(shown.get(r[0], r[0]), *r[1:]) for r in getattr(gathered.rows, name)])
    return gathered


def _take(judged: Judgement, found: list[Diagnostic], gathered: Gathered) -> None:
    model = judged.model
    root = model.workspace.root.resolve()
    findings = _by_project(found, [root])
    ids = {p.folder.resolve(): p.id for p in model.projects}
    for project in sorted(model.projects, key=lambda p: p.id):
        gathered.rows.extend(project_rows(judged, project, findings.pop(project.folder.resolve(), [])))
    for folder in sorted(findings):  # the workspace's own, and project folders that could not be read
        name = "" if folder == root else ids.get(folder, folder.name)
        gathered.rows.findings += finding_rows(model, name, 0, findings[folder])
    gathered.workspaces.append(workspace_row(model, len(model.projects)))


def _by_project(findings: list[Diagnostic], roots: list[Path]) -> dict[Path, list[Diagnostic]]:
    """Each finding under the project folder it is in (projects/NAME), else its workspace's folder."""
    found: dict[Path, list[Diagnostic]] = {}
    for f in findings:
        path = f.path.resolve()
        root = next((r for r in roots if path.is_relative_to(r)), None)
        if root is None:
            continue
        parts = path.relative_to(root).parts
        folder = root / parts[0] / parts[1] if len(parts) > 2 and parts[0] == PROJECTS_DIR else root
        found.setdefault(folder, []).append(f)
    return found


def _shown(root: Path, base: Path) -> str:
    try:
        return Path(os.path.relpath(root, base)).as_posix() if root.is_relative_to(base) else root.as_posix()
    except ValueError:  # pragma: no cover - another drive on Windows
        return root.as_posix()
