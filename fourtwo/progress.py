"""Where a project stands: which steps are recorded, the last one reached, the next one due."""

from __future__ import annotations

from dataclasses import dataclass

from fourtwo.model.project import Project, StepRecord
from fourtwo.procedure import Procedure, StepDef


@dataclass(frozen=True)
class StepState:
    step: StepDef
    records: list[StepRecord]  # in the order written; a failed meeting held again has two

    @property
    def latest(self) -> StepRecord | None:
        return self.records[-1] if self.records else None


def timeline(project: Project, procedure: Procedure) -> list[StepState]:
    by_step: dict[str, list[StepRecord]] = {}
    for record in project.data.steps:
        by_step.setdefault(record.step, []).append(record)
    return [StepState(step, by_step.get(step.id, [])) for step in procedure.steps]


def reached(states: list[StepState]) -> StepState | None:
    """The furthest step in procedure order that has a record."""
    done = [s for s in states if s.records]
    return done[-1] if done else None


def next_due(states: list[StepState]) -> StepState | None:
    """The first step after the furthest recorded one that is not optional, or the first step."""
    last = reached(states)
    start = states.index(last) + 1 if last else 0
    for state in states[start:]:
        if not state.step.optional:
            return state
    return None
