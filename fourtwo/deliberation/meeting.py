"""A recorded meeting judged by its step's rules: consistent counts, quorum, majority.

The result is always recomputed from the counts; a typed `result:` is only compared.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from fourtwo.deliberation.rules import RuleVerdict, evaluate
from fourtwo.findings import Diagnostic, diag
from fourtwo.findings.printers import display_path
from fourtwo.i18n import N_, TN, T, Term, Text, listing
from fourtwo.model.procedure import StepDef
from fourtwo.model.project import MeetingRecord
from fourtwo.model.rules import RulePeriod
from fourtwo.model.workspace import Workspace

REQUIRED_COUNTS = (("members", "members"), ("present", "present"), ("for", "votes_for"))
# The finding of a rule that fails, by its stage, and the count it is located at.
STAGE_CODES = {"composition": ("FT430", "representatives"), "quorum": ("FT401", "present"), "passing": ("FT402", "votes_for")}
# The counts as project.yaml names them, and as a clerk reads them.
COUNT_NAMES = {
    "members": "应到人数",
    "present": "实到人数",
    "for": "同意人数",
    "households": "户数",
    "households_present": "到会户数",
    "area": "专有部分面积",
    "area_present": "参与表决的面积",
    "area_for": "同意的面积",
    "representatives": "村民代表人数",
    "representatives_for": "村民代表同意人数",
}
# (part, whole): a part can never exceed its whole.
_PARTS = (("present", "members"), ("households_present", "households"), ("area_present", "area"), ("area_for", "area_present"), ("representatives", "members"))
# (part, whole, why): counts that cannot be true by what they are, quoted with the basis of
# the rule in force that counts the part: a household is represented by a person present
# (村民会议 by households); the 村民代表's own votes are among the representatives and among
# all votes for (land contracting counts only theirs).
_IMPOSSIBLE = (
    ("households_present", "present", N_("each household represented is represented by a person present, so the people present are at least the households")),
    ("representatives_for", "representatives", N_("the representatives' votes are a count of their own, never more than the representatives")),
    ("representatives_for", "for", N_("the representatives' votes for are among all the votes for")),
)


@dataclass(frozen=True)
class Meeting:
    record: MeetingRecord
    step: StepDef
    verdicts: list[RuleVerdict]
    problems: list[Diagnostic]  # counts that contradict each other, or are missing
    judged: bool  # False when the counts are missing or wrong: it cannot have passed
    period: RulePeriod | None = None  # the rules in force on the meeting's date, which judged it

    @property
    def passed(self) -> bool:
        return self.judged and all(v.ok for v in self.verdicts)

    @property
    def quorum_failed(self) -> list[RuleVerdict]:
        return [v for v in self.verdicts if v.rule.stage == "quorum" and not v.ok]

    @property
    def failed(self) -> list[RuleVerdict]:
        return [v for v in self.verdicts if not v.ok]

    @property
    def form_name(self) -> str:
        form = self.step.form(self.record.form)
        return form.name if form else self.step.name

    @property
    def title(self) -> Term:
        """The meeting as a person reads it: 'branch (小区党支部评议)' in English, the form held in Chinese."""
        return Term(f"{self.step.id} ({self.form_name})", self.form_name)


def consistency(record: MeetingRecord, step: StepDef) -> Iterator[Diagnostic]:
    """Counts that cannot all be true, located at the count that is off."""
    figures = record.figures()
    for key, attr in REQUIRED_COUNTS:
        if figures[key] is None and attr not in record.locs:  # written but unusable: the spec said why
            yield diag("FT408", record.loc, step=step.term, key=Term(key, COUNT_NAMES[key]), fix="")
    for part, whole in _PARTS:
        p, w = figures[part], figures[whole]
        if p is not None and w is not None and p > w:
            attr = "votes_for" if part == "for" else part
            yield diag("FT403", record.at(attr), part=Term(part, COUNT_NAMES[part]), value=p, whole=Term(whole, COUNT_NAMES[whole]), total=w, fix="")
    yield from _impossible(record, step, figures)
    yield from _merged_within(record, step)
    votes = [figures[k] for k in ("for", "against", "abstain")]
    present = figures["present"]
    if present is not None and all(v is not None for v in votes[:1]):
        cast = sum(v for v in votes if v is not None)
        if cast > present:
            yield diag("FT404", record.at("votes_for"), cast=cast, votes=" + ".join(str(v or 0) for v in votes), present=present, fix="")
    if record.form and (not step.forms or step.form(record.form) is None):
        known = Term(", ".join(f.id for f in step.forms), "、".join(f.name for f in step.forms)) if step.forms else T("none")
        yield diag("FT413", record.at("form"), form=record.form, step=step.term, known=known)


def _impossible(record: MeetingRecord, step: StepDef, figures: dict[str, int | Decimal | None]) -> Iterator[Diagnostic]:
    period = step.period_for(record.form, record.date)
    for part, whole, why in _IMPOSSIBLE:
        p, w = figures[part], figures[whole]
        if p is None or w is None or p <= w:
            continue
        basis = next((r.basis for r in (period.rules if period else []) for c in r.conditions if part in (c.count, c.of)), "")
        args = {"part": Term(part, COUNT_NAMES[part]), "value": p, "whole": Term(whole, COUNT_NAMES[whole]), "total": w}
        yield diag("FT431", record.at(part), **args, why=T(why), basis=T(" — {basis}", basis=basis) if basis else "", fix="")


def _merged_within(record: MeetingRecord, step: StepDef) -> Iterator[Diagnostic]:
    """一肩挑: the 支委 are members of the joint meeting, so their counts fit inside its counts:
    no more of them, no more of them present, and no more of them absent than were absent."""
    members, present = record.members, record.present
    if members is None or present is None:
        return
    for counts in record.merged:
        m, p = counts.members, counts.present
        if m is None or p is None:
            continue
        problem: Text | None = None
        if m > members:
            problem = TN(
                "its {n} member is more than the {total} of the meeting it was held within",
                "its {n} members are more than the {total} of the meeting it was held within",
                m,
                total=members,
            )
        elif p > present:
            problem = T("its {n} present are more than the {total} present at the meeting it was held within", n=p, total=present)
        elif m - p > members - present:
            problem = T("{n} of its members were absent, more than the {total} absent from the meeting it was held within", n=m - p, total=members - present)
        if problem is not None:
            yield diag(
                "FT432", counts.at("members"), merged=Term(counts.step, step.merged_names.get(counts.step, "")), step=step.term, problem=problem, project="…"
            )


def judge(record: MeetingRecord, step: StepDef) -> Meeting:
    """By the rules in force on the meeting's date (a law revised later does not reach back)."""
    problems = list(consistency(record, step))
    period = step.period_for(record.form, record.date)
    if period is None and not any(p.code == "FT413" for p in problems):
        problems.append(diag("FT422", record.at("date"), step=step.term, date=record.date))
    figures = record.figures()
    judged = not problems and all(figures[key] is not None for key, _ in REQUIRED_COUNTS)
    verdicts = [evaluate(rule, figures) for rule in period.rules] if judged and period else []
    return Meeting(record, step, verdicts, problems, judged, period)


def one_person_holds_both(workspace: Workspace) -> bool:
    """一肩挑: the party secretary is also the committee director, as fourtwo.yaml records."""
    s = workspace.settings
    secretary, director = s.party_organisation.head, s.committee.head
    return bool(secretary) and secretary == director


def merge_problem(step: StepDef, merged: str, workspace: Workspace) -> dict[str, str | Text | Term] | None:
    """Why `step` may not also serve as the earlier step `merged` (FT410's arguments), or None."""
    if merged not in step.merges:
        allowed = listing(step.merges) if step.merges else T("none")
        return {
            "step": step.term,
            "merged": merged,
            "why": T("which the procedure does not allow"),
            "hint": T("steps '{step}' may merge: {allowed}", step=step.term, allowed=allowed),
        }
    if not one_person_holds_both(workspace):
        s = workspace.settings
        who = T("secretary '{secretary}', director '{director}'", secretary=s.party_organisation.head or "?", director=s.committee.head or "?")
        return {
            "step": step.term,
            "merged": merged,
            "why": T("but fourtwo.yaml does not record 一肩挑 ({who})", who=who),
            "hint": T(
                "merging is allowed only where the party secretary is also the committee director: fourtwo correct workspace {folder} --secretary … --director … (the same name)",
                folder=display_path(workspace.root),
            ),
        }
    return None
