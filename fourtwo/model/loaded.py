"""Everything loaded from one workspace: typed values, no rules.

What the rules make of it (coverage, each step's standing) is fourtwo.judge's work.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from fourtwo.files.reading import real
from fourtwo.model.household import Register
from fourtwo.model.procedure import Procedure
from fourtwo.model.project import Project
from fourtwo.model.visit import Visits
from fourtwo.model.workspace import Workspace


@dataclass
class Model:
    """One workspace as loaded: its settings, procedures, projects, registers and visits."""

    workspace: Workspace
    procedures: dict[str, Procedure] = field(default_factory=dict)
    projects: list[Project] = field(default_factory=list)
    registers: dict[Path, Register] = field(default_factory=dict)  # those loaded
    register_files: list[Path] = field(default_factory=list)  # every register the workspace has
    visits: dict[Path, Visits] = field(default_factory=dict)  # by project folder
    complete: bool = True  # False when only part of the workspace was loaded
    # A hundred projects name the same register: its path is resolved once.
    _register_paths: dict[str, Path | None] = field(default_factory=dict, repr=False)
    ignored: dict[Path, bool] = field(default_factory=dict, repr=False)  # registers git ignores, asked once a run

    def one(self, project: Project, visits: Visits) -> Model:
        """The workspace with one project and its visits: each project is judged on its own,
        beside the registers every project shares."""
        return Model(
            self.workspace, self.procedures, [project], self.registers, self.register_files, {project.folder: visits}, False, self._register_paths, self.ignored
        )

    def procedure(self, project: Project) -> Procedure | None:
        return self.procedures.get(project.procedure_id)

    def register_path(self, project: Project) -> Path | None:
        """The register the project names, resolved; None when it names none."""
        ref = project.data.households
        name = ref.register if ref and ref.register else ""
        if name not in self._register_paths:
            self._register_paths[name] = real(self.workspace.root / name) if name else None
        return self._register_paths[name]

    def register(self, project: Project) -> Register | None:
        path = self.register_path(project)
        return self.registers.get(path) if path else None

    def project_visits(self, project: Project) -> Visits:
        return self.visits.get(project.folder, Visits())
