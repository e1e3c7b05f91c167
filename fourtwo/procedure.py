"""Procedures are data: an ordered list of steps, each with a kind and a body that acts.

The built-in ones live in fourtwo/procedures/*.yaml; a workspace may add its own in
its procedures/ folder. Rules (quorum, majority, coverage) are added to steps as data.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from fourtwo import yamlio
from fourtwo.diagnostics import Diagnostic, diag
from fourtwo.model import Located
from fourtwo.spec import Bool, Ctx, Enum, Field, ListOf, Record, Str

STEP_KINDS = ("meeting", "canvass", "notice", "implementation")
STEP_ID = r"[a-z][a-z0-9_]*"


@dataclass(kw_only=True)
class StepDef(Located):
    id: str
    kind: str
    name: str
    body: str
    optional: bool
    description: str


@dataclass(kw_only=True)
class Procedure(Located):
    id: str
    name: str
    kind: str
    description: str
    steps: list[StepDef]

    def step(self, step_id: str) -> StepDef | None:
        return next((s for s in self.steps if s.id == step_id), None)

    def index(self, step_id: str) -> int:
        return next((i for i, s in enumerate(self.steps) if s.id == step_id), -1)

    @property
    def step_ids(self) -> list[str]:
        return [s.id for s in self.steps]


STEP = Record(
    cls=StepDef,
    title="step",
    fields={
        "id": Field(Str(pattern=STEP_ID, pattern_hint="a lower-case id such as 'branch'"), "Id used in project files and commands", required=True),
        "kind": Field(Enum(values=STEP_KINDS), "meeting, canvass, notice or implementation", required=True),
        "name": Field(Str(), "Chinese name as printed, e.g. 党支部提议", required=True),
        "body": Field(Str(), "Who acts, e.g. 村党支部委员会", default=""),
        "optional": Field(Bool(), "The step may be left out (e.g. 街道党工委评议)", default=False),
        "description": Field(Str(multiline=True), "What the step is", default=""),
    },
)

PROCEDURE = Record(
    cls=Procedure,
    title="procedure",
    fields={
        "id": Field(Str(pattern=STEP_ID, pattern_hint="a lower-case id"), "The name projects use in `procedure:`", required=True),
        "name": Field(Str(), "Chinese name", required=True),
        "kind": Field(Enum(values=("village", "community"), aliases=(("村", "village"), ("社区", "community"))), "Which kind of organisation it is for", required=True),
        "description": Field(Str(multiline=True), "What it is and where it comes from", default=""),
        "steps": Field(ListOf(STEP), "The steps in order", required=True),
    },
)


def load_procedure_file(path: Path) -> tuple[Procedure | None, list[Diagnostic]]:
    doc, findings = yamlio.load(path, "procedure")
    if doc is None:
        return None, findings
    ctx = Ctx(path)
    proc = PROCEDURE.convert(doc.root, ctx, "")
    findings += ctx.findings
    if proc:
        seen: set[str] = set()
        for step in proc.steps:
            if step.id in seen:
                findings.append(diag("FT211", step.at("id"), step=step.id))
            seen.add(step.id)
    return (proc or None), findings


def builtin_procedures() -> dict[str, Procedure]:
    """The procedures shipped in the package; a finding here is a bug, so it raises."""
    procs: dict[str, Procedure] = {}
    folder = resources.files("fourtwo.procedures")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".yaml"):
            continue
        with resources.as_file(entry) as path:
            proc, findings = load_procedure_file(Path(path))
        if proc is None or findings:
            raise RuntimeError(f"built-in procedure {entry.name} is broken: {[f.message for f in findings]}")
        procs[proc.id] = proc
    return procs
