"""The workspaces under the paths given, as the office's rows: the pipeline's one fan-out,
with rows.project_rows as the per-project function (its values come back from the workers),
then what each workspace holds of its own (its findings, its thresholds)."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from fourtwo.files.layout import PROJECTS_DIR
from fourtwo.files.reading import real
from fourtwo.findings import Diagnostic, Severity
from fourtwo.office.rows import ProjectRows, Row, finding_rows, project_rows, workspace_row


@dataclass
class Gathered:
    rows: ProjectRows = field(default_factory=ProjectRows)
    workspaces: list[Row] = field(default_factory=list)


def gather(paths: list[Path], base: Path, on: dt.date | None = None, jobs: int = 0) -> Gathered:
    """Every project under `paths` as it stands on `on` taken as today (default: today; a visit
    after it is not counted), each made into its rows where it is judged (in forked parts when
    there is enough work); folders are shown relative to `base` (where the command runs) when
    below it, so the same records give the same rows wherever they are checked out."""
    from fourtwo import pipeline

    outcome = pipeline.run(paths, partial(project_rows, on=on), jobs=jobs)
    gathered = Gathered()
    for ws in sorted(outcome.workspaces, key=lambda w: str(w.model.workspace.root)):
        model = ws.model
        root = real(model.workspace.root)
        ids: dict[Path, object] = {}
        for done in ws.projects:
            if done.value is not None:
                gathered.rows.extend(done.value)
                ids[real(done.file.parent)] = done.value.projects[0][3]
        unread = [f for done in ws.projects if not done.read for f in done.findings]
        for folder, found in sorted(_by_project([*ws.findings, *unread], root).items()):  # the workspace's own, and projects that could not be read
            gathered.rows.findings += finding_rows(model, "" if folder == root else str(ids.get(folder, folder.name)), 0, found)
        own = sum(1 for f in ws.findings if f.severity is Severity.ERROR and real(f.path) == real(model.workspace.file))
        gathered.workspaces.append(workspace_row(model, len(ws.projects), own))
    shown = {r[0]: _shown(Path(str(r[0])), base) for r in gathered.workspaces}
    gathered.workspaces = [(shown[r[0]], *r[1:]) for r in gathered.workspaces]
    for name in ("projects", "steps", "canvass", "notices", "objections", "findings"):
        setattr(gathered.rows, name, [(shown.get(r[0], r[0]), *r[1:]) for r in getattr(gathered.rows, name)])
    return gathered


def _by_project(findings: list[Diagnostic], root: Path) -> dict[Path, list[Diagnostic]]:
    """Each finding under the project folder it is in (projects/NAME), else the workspace's folder."""
    found: dict[Path, list[Diagnostic]] = {}
    for f in findings:
        path = real(f.path)
        parts = path.relative_to(root).parts if path.is_relative_to(root) else ()
        folder = root / parts[0] / parts[1] if len(parts) > 2 and parts[0] == PROJECTS_DIR else root
        found.setdefault(folder, []).append(f)
    return found


def _shown(root: Path, base: Path) -> str:
    try:
        return Path(os.path.relpath(root, base)).as_posix() if root.is_relative_to(base) else root.as_posix()
    except ValueError:  # pragma: no cover - another drive on Windows
        return root.as_posix()
