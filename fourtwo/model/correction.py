"""A correction of a recorded fact: the record's history, kept in project.yaml under `corrections:`.

`fourtwo correct` changes the fact where it is written and appends one entry per key it
changed: which record, the key, the old and new values, the reason and the day, and the
posted notices whose facts it changed. Nothing is deleted: as a void row in canvass.csv
keeps a cancelled visit, the entry keeps what the record said before.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from fourtwo.files.record import Record
from fourtwo.files.spec import Date, Field, Int, ListOf, Str
from fourtwo.i18n import Term
from fourtwo.model import Located

# The keys a command may correct, as project.yaml names them, with the Chinese a clerk reads.
MEETING_KEYS = {
    "date": "会议日期",
    "place": "会议地点",
    "members": "应到人数",
    "present": "实到人数",
    "for": "同意人数",
    "against": "反对人数",
    "abstain": "弃权人数",
    "households": "户数",
    "households_present": "到会户数",
    "representatives": "村民代表人数",
    "representatives_for": "村民代表同意人数",
    "nonvoting": "列席人数（无表决权）",
    "note": "备注",
}
IMPLEMENTATION_KEYS = {
    "date": "完工日期",
    "cost": "实际费用",
    "audited": "审计金额",
    "contractor": "施工单位",
    "started": "开工日期",
    "accepted": "验收日期",
    "accepted_by": "验收单位",
    "acceptance": "验收结论",
    "next_steps": "后续措施",
    "note": "备注",
}
EXCLUSION_KEYS = {"reason": "不计入的原因", "although_heard": "已征求仍不计入的理由", "withdrawn": "撤回记录"}
OBJECTION_KEYS = {"date": "提出日期", "by": "提出人", "text": "异议内容", "answer": "答复内容", "answered": "答复日期"}
PROJECT_KEYS = {
    "title": "事项名称",
    "matter": "事项内容",
    "basis": "依据",
    "origin": "事项来源",
    "place": "实施地点",
    "contractor": "施工单位",
    "implementer": "实施主体",
    "budget.amount": "预算金额",
    "budget.funding": "资金来源",
    "schedule.start": "计划开工日期",
    "schedule.end": "计划完工日期",
    "households.register": "住户名册",
}


@dataclass(kw_only=True)
class Correction(Located):
    date: dt.date | None  # the day it was corrected
    step: str  # the step whose record was corrected (its id), or ''
    held: dt.date | None  # that record's date before the correction
    objection: int | None  # the objection corrected, by its number
    exclusion: str = ""  # the household whose exclusion was corrected (held: the day it was decided)
    key: str  # the key corrected, as project.yaml names it (present, text, budget.amount)
    old: str  # '' when the key was not written (personal numbers masked)
    new: str
    reason: str
    notices: list[str] = field(default_factory=list)  # posted notices whose facts it changed, by file


CORRECTION = Record(
    cls=Correction,
    title="correction",
    fields={
        "date": Field(Date(), "When it was corrected", required=True, example="2024-05-02"),
        "step": Field(Str(), "The step whose record was corrected, e.g. branch", default=""),
        "held": Field(Date(), "That record's date before the correction", default=None),
        "objection": Field(Int(minimum=1), "The objection corrected, by its number", default=None),
        "exclusion": Field(Str(), "The household whose exclusion from the canvass was corrected, by its id", default=""),
        "key": Field(Str(), "The key corrected, e.g. present, text, budget.amount", required=True, example="present"),
        "old": Field(Str(multiline=True), "The value before ('' when none was written); full phone and ID numbers masked", default=""),
        "new": Field(Str(multiline=True), "The value after", default=""),
        "reason": Field(Str(multiline=True), "Why it was corrected", required=True, example="签到表核对后更正"),
        "notices": Field(ListOf(Str()), "Posted notices whose facts this correction changed", default=[]),
    },
)


KEYS = {"meeting": MEETING_KEYS, "implementation": IMPLEMENTATION_KEYS, "objection": OBJECTION_KEYS, "exclusion": EXCLUSION_KEYS, "project": PROJECT_KEYS}


def key_term(key: str, record: str) -> Term:
    """A key a correction changes, as a person reads it: present, or 实到人数 in Chinese; `record`
    is the kind of record it is in (meeting, implementation, objection, exclusion, project)."""
    return Term(key, {**KEYS.get(record, {}), "result": "表决结果", "withdrawn": "撤回记录"}.get(key, ""))
