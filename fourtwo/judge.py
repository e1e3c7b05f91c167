"""Model → judged: what the rules make of each loaded project, worked out once and on demand.

The model holds what the files say; a Judgement holds what follows from it by the
rules: the canvass window, the coverage counted within it, and each step's standing
(the timeline). The checks, the step commands, the notices and the views all read
it, so a project is judged once per command however many of them ask.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from itertools import compress
from operator import not_
from pathlib import Path
from typing import TypeVar

from fourtwo.canvass.coverage import compute
from fourtwo.canvass.window import Window, canvass_window, outside
from fourtwo.deliberation.timeline import StepState, timeline
from fourtwo.files.limits import MAX_NOTICE_BYTES, Unreadable, read_limited
from fourtwo.model.coverage import Coverage
from fourtwo.model.loaded import Model
from fourtwo.model.project import Project

V = TypeVar("V")
_NONE = object()


class Judgement:
    """One workspace's model and what the rules make of it, per project, computed when first asked."""

    def __init__(self, model: Model) -> None:
        self.model = model
        self._coverage: dict[Path, Coverage | None] = {}
        self._timelines: dict[Path, list[StepState] | None] = {}
        self._texts: dict[Path, str | OSError | UnicodeDecodeError] = {}
        self._kept: dict[tuple[Path, object], object] = {}

    def text(self, path: Path) -> str:
        """A file's UTF-8 text, read once however many checks look at it (an archived notice:
        its digest and its personal data); raises as Path.read_text would, each time.
        Kept until forget_texts: the pipeline keeps one project's at a time."""
        if path not in self._texts:
            try:
                self._texts[path] = read_limited(path, MAX_NOTICE_BYTES, self.model.workspace.root).decode("utf-8")
            except Unreadable as exc:  # larger than any notice: never read whole
                self._texts[path] = OSError(str(exc))
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
        self._kept = {k: v for k, v in self._kept.items() if k[0] != project.folder}

    def kept(self, project: Project, key: object, make: Callable[[], V]) -> V:
        """What is worked out from a project's judgement once, however many of its notices
        state it (the canvass's figures, a meeting's line): let go with the project."""
        found = self._kept.get((project.folder, key), _NONE)
        if found is _NONE:
            found = self._kept[(project.folder, key)] = make()
        return found  # type: ignore[return-value]

    def window(self, project: Project) -> Window:
        return canvass_window(self.model.procedure(project), project)

    def coverage(self, project: Project) -> Coverage | None:
        """The project's canvass coverage within its window; None without a usable register or canvass step."""
        if project.folder not in self._coverage:
            self._coverage[project.folder] = self._count(project)
        return self._coverage[project.folder]

    def on(self, project: Project, day: dt.date) -> tuple[Coverage | None, list[StepState] | None]:
        """The coverage and the timeline as they stand on `day` taken as today (a report's date):
        a visit after it not counted, as one after today is not. Not kept: check judges by today."""
        first, last = sorted((day, self.model.workspace.today()))
        if not any(first < d <= last for d in self.model.project_visits(project).days):  # no visit the two days count apart
            return self.coverage(project), self.timeline(project)
        coverage = self._count(project, day)
        proc = self.model.procedure(project)
        return coverage, None if proc is None else timeline(project, proc, coverage)

    def _count(self, project: Project, today: dt.date | None = None) -> Coverage | None:
        """Against the scope a later step froze, when one has; else against the register as it is."""
        register = self.model.register(project)
        proc = self.model.procedure(project)
        step = next((s for s in proc.steps if s.kind == "canvass"), None) if proc else None
        frozen = project.data.frozen_scope
        if (register is None and frozen is None) or step is None:
            return None
        visits = self.model.project_visits(project)
        late = outside(self.window(project), visits, today or self.model.workspace.today())
        if late:
            visits = visits.take(compress(range(len(visits)), map(not_, map(late.__contains__, visits.date))))  # over the column
        data = project.data
        threshold = frozen[1].threshold if frozen and frozen[1].threshold is not None else step.threshold  # the share in force on its day
        cov = compute(register, data.households, visits, threshold, step.channels, data.exclusions, frozen[1] if frozen else None)
        cov.frozen_by = (frozen[0].step, frozen[0].date) if frozen else None
        return cov

    def timeline(self, project: Project) -> list[StepState] | None:
        """Each step of the project's procedure with its records and standing;
        None when the procedure is unknown (a finding says so)."""
        if project.folder not in self._timelines:
            proc = self.model.procedure(project)
            self._timelines[project.folder] = None if proc is None else timeline(project, proc, self.coverage(project))
        return self._timelines[project.folder]
