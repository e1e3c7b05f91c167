"""Model → judged: what the rules make of each loaded project, worked out once and on demand.

The model holds what the files say; a Judgement holds what follows from it by the
rules: the canvass window, the coverage counted within it, and each step's standing
(the timeline). The checks, the step commands, the notices and the views all read
it, so a project is judged once per command however many of them ask.
"""

from __future__ import annotations

from pathlib import Path

from fourtwo.canvass.coverage import compute
from fourtwo.canvass.window import Window, canvass_window, outside
from fourtwo.deliberation.timeline import StepState, timeline
from fourtwo.files.reading import read_text
from fourtwo.model.coverage import Coverage
from fourtwo.model.loaded import Model
from fourtwo.model.project import Project


class Judgement:
    """One workspace's model and what the rules make of it, per project, computed when first asked."""

    def __init__(self, model: Model) -> None:
        self.model = model
        self._coverage: dict[Path, Coverage | None] = {}
        self._timelines: dict[Path, list[StepState] | None] = {}
        self._texts: dict[Path, str | OSError | UnicodeDecodeError] = {}

    def text(self, path: Path) -> str:
        """A file's UTF-8 text, read once however many checks look at it (an archived notice:
        its digest and its personal data); raises as Path.read_text would, each time.
        Kept until forget_texts: the pipeline keeps one project's at a time."""
        if path not in self._texts:
            try:
                self._texts[path] = read_text(path, self.model.workspace.root)
            except (OSError, UnicodeDecodeError) as exc:
                self._texts[path] = exc
        found = self._texts[path]
        if isinstance(found, str):
            return found
        raise found

    def forget_texts(self) -> None:
        self._texts.clear()

    def forget(self, project: Project) -> None:
        """Let go of what was worked out for the project (its coverage holds its visits):
        a pipeline streaming projects keeps one project's at a time."""
        self._coverage.pop(project.folder, None)
        self._timelines.pop(project.folder, None)

    def window(self, project: Project) -> Window:
        return canvass_window(self.model.procedure(project), project)

    def coverage(self, project: Project) -> Coverage | None:
        """The project's canvass coverage within its window; None without a usable register or canvass step."""
        if project.folder not in self._coverage:
            self._coverage[project.folder] = self._count(project)
        return self._coverage[project.folder]

    def _count(self, project: Project) -> Coverage | None:
        register = self.model.register(project)
        proc = self.model.procedure(project)
        step = next((s for s in proc.steps if s.kind == "canvass"), None) if proc else None
        if register is None or step is None:
            return None
        visits = self.model.project_visits(project)
        late = outside(self.window(project), visits)
        if late:
            visits = visits.take(i for i, day in enumerate(visits.date) if day not in late)
        return compute(register, project.data.households, visits, step.threshold, step.channels)

    def timeline(self, project: Project) -> list[StepState] | None:
        """Each step of the project's procedure with its records and standing;
        None when the procedure is unknown (a finding says so)."""
        if project.folder not in self._timelines:
            proc = self.model.procedure(project)
            self._timelines[project.folder] = None if proc is None else timeline(project, proc, self.coverage(project))
        return self._timelines[project.folder]
