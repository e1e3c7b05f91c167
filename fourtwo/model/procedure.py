"""Procedures are data: an ordered list of steps, each with a kind, a body and its rules.

The built-in ones live in fourtwo/procedures/*.yaml and the named rule sets in
fourtwo/rulesets.yaml; a workspace may add procedures (or stricter profiles that
`extends:` one and replace some steps' rules) in its procedures/ folder.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

from fourtwo.files.record import Record, read_file
from fourtwo.files.spec import Bool, Enum, Field, ListOf, Str
from fourtwo.findings import Diagnostic, Loc, diag
from fourtwo.i18n import N_, T, Term, fold, listing
from fourtwo.model import Located
from fourtwo.model.rules import FractionKind, Rule, RulePeriod
from fourtwo.model.rulesets import RuleSet, RulesKind, load_rulesets, periods_of
from fourtwo.model.visit import CHANNEL_ALIASES, CHANNELS
from fourtwo.model.workspace import KIND_ALIASES, ORGANISATION_KINDS

STEP_KINDS = ("meeting", "canvass", "notice", "implementation")
KIND_NAMES = {"meeting": "会议", "canvass": "入户征求意见", "notice": "公示", "implementation": "组织实施"}
# What a notice step may require the project to state (`requires:`).
NOTICE_REQUIREMENTS = ("matter", "budget", "funding", "place")
NOTICE_KINDS = (N_("resolution"), N_("result"), N_("progress"))
NOTICE_ALIASES = (
    ("决议", "resolution"),
    ("决议公开", "resolution"),
    ("结果", "result"),
    ("实施结果", "result"),
    ("结果公开", "result"),
    ("实施结果公开", "result"),
    ("进展", "progress"),
    ("过程", "progress"),
    ("实施过程", "progress"),
    ("过程公开", "progress"),
)
STEP_ID = r"[a-z][a-z0-9_]*"


def listed(procedures: dict[str, Procedure]) -> Term:
    """The procedures a workspace knows, as a person reads a list of them: ids in English, names in Chinese."""
    ordered = [procedures[k] for k in sorted(procedures)]
    return Term(", ".join(p.id for p in ordered), "、".join(p.name for p in ordered))


def decision_notice(steps: list[StepDef]) -> StepDef | None:
    """The notice step that makes the decision public, whose period must end before work starts
    (先干后议): the resolution notice where the procedure has one, else its first notice step (the
    seed's form: the progress notice, which states the plan once the canvass is reached). The one
    definition: implement, check and the office's report all judge the work by it."""
    notices = [s for s in steps if s.kind == "notice"]
    return next((s for s in notices if s.notice == "resolution"), notices[0] if notices else None)


@dataclass(kw_only=True)
class Form(Located):
    """One way a meeting step may be held, e.g. 村民代表会议 or 村民会议."""

    id: str
    name: str
    body: str  # who meets, as a notice names it: 村民会议; the form's name when empty
    rules: Any  # as written (a rule set's name, rules, periods) until resolved, then list[RulePeriod]


@dataclass(kw_only=True)
class StepDef(Located):
    id: str
    kind: str
    name: str
    body: str
    optional: bool
    description: str
    rules: Any  # as Form.rules
    forms: list[Form]
    merges: list[str]  # earlier steps this one may absorb when one person holds both posts (一肩挑)
    threshold: Fraction | None  # canvass: share of households that must be visited
    channels: list[str]  # canvass: the channels whose contacts count toward the rate
    notice: str  # notice steps: which notice (resolution, result, progress ...)
    title: str  # notice steps: the title, {title} standing for the project's
    requires: list[str]  # notice steps: keys of project.yaml a notice of this step may not be without
    aliases: list[str]  # other words people type for it (党支部, 支部): its id and name are accepted too
    merged_names: dict[str, str] = field(default_factory=dict)  # the names of the steps in `merges`, set when the procedure is resolved

    @property
    def term(self) -> Term:
        """The step as a person reads it: its id in English, its name in Chinese."""
        return Term(self.id, self.name)

    def called(self, word: str) -> bool:
        """Whether a typed word names this step: its id, its name, an alias, or one of its forms' names."""
        word = fold(word)
        return word in (self.id, fold(self.name)) or word in map(fold, self.aliases) or any(word == fold(f.name) for f in self.forms)

    def form(self, form_id: str | None) -> Form | None:
        """The form a record names, or the first; None when the step has forms and none matches."""
        if not self.forms:
            return None
        if not form_id:
            return self.forms[0]
        return next((f for f in self.forms if f.id == form_id), None)

    def period_for(self, form_id: str | None, day: dt.date | None) -> RulePeriod | None:
        """The rules in force on `day` for the form held (the latest period when undated);
        None when none is in force then."""
        form = self.form(form_id)
        periods = form.rules if form else self.rules
        if not isinstance(periods, list):
            return None
        found = [p for p in periods if isinstance(p, RulePeriod) and p.covers(day)]
        return found[-1] if found else None

    def rules_for(self, form_id: str | None, day: dt.date | None) -> list[Rule]:
        period = self.period_for(form_id, day)
        return list(period.rules) if period else []


@dataclass(kw_only=True)
class Procedure(Located):
    id: str
    name: str
    kind: str
    extends: str
    description: str
    steps: list[StepDef] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    basis: str = ""  # the rule that makes the procedure binding, as a notice cites it
    pending: str = ""  # why that rule is not quoted from its text yet ('' when it is)

    def step(self, step_id: str) -> StepDef | None:
        return next((s for s in self.steps if s.id == step_id), None)

    def find(self, word: str) -> StepDef | None:
        """The step a person typed, by id or in Chinese (`党支部` → branch): an exact id first, then names and aliases."""
        return self.step(fold(word)) or next((s for s in self.steps if s.called(word)), None)

    @property
    def term(self) -> Term:
        return Term(self.id, self.name)

    def called(self, word: str) -> bool:
        word = fold(word)
        return word in (self.id, fold(self.name)) or word in map(fold, self.aliases)

    def index(self, step_id: str) -> int:
        return next((i for i, s in enumerate(self.steps) if s.id == step_id), -1)

    def term_of(self, step_id: str) -> Term:
        """A step a record names by its id, as a person reads it (its name in Chinese); the id
        alone when the procedure has no such step."""
        step = self.step(step_id)
        return step.term if step else Term(step_id)

    @property
    def step_ids(self) -> list[str]:
        return [s.id for s in self.steps]

    @property
    def decision_notice(self) -> StepDef | None:
        return decision_notice(self.steps)

    def listed(self, kind: str = "") -> Term:
        """Its steps (of one kind) as a list a person reads: ids in English, names in Chinese."""
        steps = [s for s in self.steps if not kind or s.kind == kind]
        return Term(", ".join(s.id for s in steps), "、".join(s.name for s in steps))


FORM = Record(
    cls=Form,
    title="form",
    fields={
        "id": Field(Str(pattern=STEP_ID, pattern_hint=N_("a lower-case id")), "Id a record names in `form:`", required=True),
        "name": Field(Str(), "Chinese name, e.g. 村民会议", required=True),
        "body": Field(Str(), "Who meets, as a notice names it; the form's name by default", default=""),
        "rules": Field(RulesKind(), "Rule set name or rules", required=True),
    },
)

# Kind and name are required of a full procedure's steps; an `extends:` profile writes
# only what it changes, so the requirement is checked after loading (_complete).
STEP = Record(
    cls=StepDef,
    title="step",
    fields={
        "id": Field(Str(pattern=STEP_ID, pattern_hint=N_("a lower-case id such as 'branch'")), "Id used in project files and commands", required=True),
        "kind": Field(Enum(values=STEP_KINDS), "meeting, canvass, notice or implementation", default=""),
        "name": Field(Str(), "Chinese name as printed, e.g. 党支部提议", default=""),
        "body": Field(Str(), "Who acts, e.g. 村党支部委员会", default=""),
        "optional": Field(Bool(), "The step may be left out (e.g. 街道党工委评议)", default=False),
        "description": Field(Str(multiline=True), "What the step is", default=""),
        "rules": Field(RulesKind(), "Meeting steps: a rule set of fourtwo/rulesets.yaml, or rules written out", default=[]),
        "forms": Field(ListOf(FORM), "Meeting steps held in one of several forms, each with its rules", default=[]),
        "merges": Field(ListOf(Str()), "Earlier steps this one may absorb where one person is both secretary and director (一肩挑)", default=[]),
        "threshold": Field(FractionKind(), "Canvass steps: share of households to visit, e.g. 80% (inclusive)", default=None),
        "channels": Field(
            ListOf(Enum(values=CHANNELS, aliases=tuple(CHANNEL_ALIASES.items()))),
            "Canvass steps: the channels whose contacts count toward the rate; in_person (入户) only by default, as 入户率 means",
            default=["in_person"],
        ),
        "notice": Field(
            Str(pattern=STEP_ID, pattern_hint=N_("a lower-case id such as 'resolution'")),
            "Notice steps: which notice: resolution, result, progress, or another with its own templates (KIND.html.j2 ...)",
            default="",
        ),
        "title": Field(Str(), "Notice steps: the notice's title, {title} standing for the project's, e.g. 关于{title}实施进展的公示", default=""),
        "requires": Field(
            ListOf(Enum(values=NOTICE_REQUIREMENTS)),
            "Notice steps: what the project must state before the notice publishes (matter, budget, funding)",
            default=[],
        ),
        "aliases": Field(ListOf(Str()), "Other words people type for the step in commands, e.g. 党支部, 支部", default=[]),
    },
)

PROCEDURE = Record(
    cls=Procedure,
    title="procedure",
    fields={
        "id": Field(Str(pattern=r"[a-z][a-z0-9_-]*", pattern_hint=N_("a lower-case id")), "The name projects use in `procedure:`", required=True),
        "name": Field(Str(), "Chinese name", required=True),
        "kind": Field(Enum(values=ORGANISATION_KINDS, aliases=KIND_ALIASES), "Which kind of organisation it is for", required=True),
        "extends": Field(Str(), "Start from this procedure and replace the steps listed (a stricter profile)", default=""),
        "description": Field(Str(multiline=True), "What it is and where it comes from", default=""),
        "steps": Field(ListOf(STEP), "The steps in order (with extends: only those that change)", default=[]),
        "aliases": Field(ListOf(Str()), "Other words people type for the procedure, e.g. 村", default=[]),
        "basis": Field(
            Str(multiline=True),
            "The rule that makes the procedure binding, as notices cite it, e.g. 中国共产党农村基层组织工作条例（2019）第十九条; a profile takes its base's",
            default="",
        ),
        "pending": Field(Str(multiline=True), "Set when `basis` could not yet be quoted from its text: what is awaited", default=""),
    },
)


def load_procedure_file(path: Path, within: Path | None = None) -> tuple[Procedure | None, list[Diagnostic]]:
    proc, findings = read_file(path, N_("procedure"), PROCEDURE, within)
    if not proc:
        return None, findings
    seen: set[str] = set()
    for step in proc.steps:
        if step.id in seen:
            findings.append(diag("FT211", step.at("id"), step=step.id))
        seen.add(step.id)
    return proc, findings


def resolve(procs: dict[str, Procedure], rulesets: dict[str, RuleSet]) -> list[Diagnostic]:
    """Apply `extends:` and turn rule set names into rules; findings for what cannot be."""
    findings: list[Diagnostic] = []
    for proc in [p for p in procs.values() if p.extends]:
        base = procs.get(proc.extends)
        if base is None or base.extends:
            findings.append(
                diag(
                    "FT415",
                    proc.at("extends"),
                    what=T("procedure '{id}'", id=proc.id),
                    problem=T("extends '{extends}', which is not a full procedure here", extends=proc.extends),
                )
            )
            proc.steps = []
            continue
        if proc.kind != base.kind:
            findings.append(
                diag(
                    "FT415",
                    proc.at("kind"),
                    what=T("procedure '{id}'", id=proc.id),
                    problem=T("is for a {kind} but extends '{id}', which is for a {kind2}", kind=proc.kind, id=base.id, kind2=base.kind),
                )
            )
        proc.steps = _overlay(base, proc, findings)
        if "basis" not in proc.locs:
            proc.basis, proc.pending = base.basis, base.pending
    for proc in procs.values():
        for step in proc.steps:
            findings += _complete(step)
            if step.kind == "meeting" and step.forms and step.rules:
                findings.append(
                    diag(
                        "FT415",
                        step.at("rules"),
                        what=T("step '{id}'", id=step.id),
                        problem=T("has forms, each with its rules: 'rules:' beside them would be ignored"),
                    )
                )
            elif step.kind == "meeting" and not step.forms and not step.rules:
                findings.append(diag("FT415", step.loc, what=T("meeting step '{id}'", id=step.id), problem=T("has no rules: any counts would pass")))
            holders: list[StepDef | Form] = [step, *step.forms]
            for holder in holders:
                if step.kind == "meeting" or holder is not step:
                    holder.rules = periods_of(holder, holder.rules, T("step '{id}'", id=step.id), rulesets, findings)
            step.merged_names = {m: proc.steps[proc.index(m)].name for m in step.merges if proc.index(m) >= 0}
            for merged in step.merges:
                if proc.index(merged) < 0 or proc.index(merged) >= proc.index(step.id):
                    findings.append(
                        diag(
                            "FT415",
                            step.at("merges"),
                            what=T("step '{id}'", id=step.id),
                            problem=T("can only merge an earlier step, not '{merged}'", merged=merged),
                        )
                    )
    return findings


def _overlay(base: Procedure, profile: Procedure, findings: list[Diagnostic]) -> list[StepDef]:
    steps = [copy.copy(s) for s in base.steps]
    for change in profile.steps:
        index = base.index(change.id)
        if index < 0:
            findings.append(diag("FT209", change.at("id"), step=change.id, procedure=base.id, known=listing(base.step_ids)))
            continue
        merged = copy.copy(steps[index])
        merged.locs = dict(merged.locs)
        for attr in STEP.fields:
            name = STEP.fields[attr].attr or attr
            if name in change.locs and name != "id":  # only what the profile wrote
                setattr(merged, name, getattr(change, name))
                merged.locs[name] = change.locs[name]  # findings about it point into the profile
        steps[index] = merged
    return steps


def _complete(step: StepDef) -> list[Diagnostic]:
    missing = [k for k in ("kind", "name") if not getattr(step, k)]
    return [diag("FT101", step.loc, key=k, where=T(" in step '{id}'", id=step.id), example="") for k in missing]


# The package's own files, read where it is installed (as fourtwo/i18n.py reads its catalogues):
# importlib.resources, for a package that may be zipped, cost every command 3 ms of imports.
PACKAGE = Path(__file__).parent.parent


@functools.lru_cache(maxsize=1)
def builtin() -> tuple[dict[str, Procedure], dict[str, RuleSet]]:
    """The procedures and rule sets shipped in the package; a finding here is a bug, so it raises."""
    rulesets, findings = load_rulesets(PACKAGE / "rulesets.yaml")
    procs: dict[str, Procedure] = {}
    for path in sorted((PACKAGE / "procedures").iterdir(), key=lambda p: p.name):
        if path.name.endswith(".yaml"):
            proc, found = load_procedure_file(path)
            findings += found
            if proc:
                procs[proc.id] = proc
    findings += resolve(procs, rulesets)
    if findings:
        raise RuntimeError(f"built-in procedures are broken: {[f.message for f in findings]}")
    return procs, rulesets


def is_builtin(loc: Loc) -> bool:
    return loc.path.parent.name == "procedures" and loc.path.parent.parent.name == "fourtwo"
