"""The commands a hint names to record, correct or hold a step again, in the reader's words."""

from __future__ import annotations

from fourtwo.i18n import T, Term, Text
from fourtwo.model.procedure import StepDef

STANDING = ("notice", "canvass")  # taken for good: a posted notice stays posted, a visit heard stays heard


def stands_taken(step: Term, project: str) -> Text:
    """The hint where a step cannot be held again because what followed it stands (FT406, FT416)."""
    return T(
        "what followed it stands as taken (a posted notice, visits heard): if '{step}' was corrected wrongly, correct it again "
        "(fourtwo correct meeting {project} {step} --present … --for … --reason …); a matter to decide again starts in a new project",
        step=step,
        project=project,
    )


def how_to_record(step: StepDef, project: str) -> str | Text:
    """The command that records `step` of `project`, as a hint gives it (a step and a notice kind in the reader's words)."""
    if step.kind == "meeting":
        return f"fourtwo review {step.term} {project} --members … --present … --for … --date …"
    if step.kind == "canvass":
        return T("fourtwo canvass record {project} HOUSEHOLD OPINION --date …", project=project)
    if step.kind == "notice":
        return f"fourtwo publish {project} {T(step.notice)}"
    return f"fourtwo implement {project} --completed … --cost …"


def how_to_correct_date(step: StepDef, project: str) -> str:
    """The command that corrects the day `step` of `project` is recorded on, as a hint gives it."""
    if step.kind == "meeting":
        return f"fourtwo correct meeting {project} {step.term} --date … --reason …"
    if step.kind == "implementation":
        return f"fourtwo correct implementation {project} --completed … --reason …"
    return f"fourtwo publish {project} {T(step.notice)} --date …"
