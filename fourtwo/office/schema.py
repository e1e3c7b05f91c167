"""The office's tables, column by column: one place for the Parquet schema, the in-memory
tables DuckDB reads and docs/data.md (a test holds the page to this list).

Types are named here without pyarrow (the rows are built without it): string, int32,
date, bool and decimal (yuan, two places). Every table but `workspaces` is partitioned
by organisation and year, which are its second and third columns.
"""

from __future__ import annotations

from dataclasses import dataclass

from fourtwo.i18n import N_

# Raised when a column changes meaning or type, or goes; a new column at the end keeps it.
SCHEMA_VERSION = 2  # 2: opinions moved from the canvass by building to the project
PARTITIONS = ("organisation", "year")
CHANNELS = ("in_person", "phone", "paper", "proxy")  # as fourtwo.model.visit.CHANNELS; a test holds them equal
OPINIONS = ("agree", "oppose", "abstain")


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # string, int32, date, bool, decimal
    doc: str


def _c(name: str, type_: str, doc: str) -> Column:
    return Column(name, type_, doc)


_KEY = [
    _c("folder", "string", "the workspace's folder, relative to where the command ran (or as given)"),
    _c("organisation", "string", "the organisation's name (fourtwo.yaml); a partition"),
    _c("year", "int32", "the year of the project's first dated record; 0 before any; a partition"),
    _c("project", "string", "the project's id"),
]

TABLES: dict[str, list[Column]] = {
    "workspaces": [
        _c("folder", "string", "the workspace's folder"),
        _c("organisation", "string", "the organisation's name"),
        _c("kind", "string", "village or community"),
        _c("region", "string", "province, city, district, street or township, as fourtwo.yaml says"),
        _c("projects", "int32", "projects read"),
        _c("decision_notice_days", "int32", "report: days from a decision passed to its notice posted"),
        _c("implementation_days", "int32", "report: days from a notice period's end to the work done, where no planned end is written"),
        _c("result_notice_days", "int32", "report: days from the work finished to its result notice"),
        _c("canvass_days", "int32", "report: days a canvass may stay open"),
        _c("objection_days", "int32", "report: days to answer an objection"),
        _c("stuck_days", "int32", "report: days without a step before a project counts as stuck"),
        _c(
            "errors",
            "int32",
            "errors check finds in fourtwo.yaml: nothing of the workspace is judged until it loads; each project's row in the report counts them",
        ),
    ],
    "projects": [
        *_KEY,
        _c("path", "string", "project.yaml, relative to the workspace"),
        _c("title", "string", "the matter in a few words"),
        _c("procedure", "string", "the procedure's id (village, community, a local one)"),
        _c("kind", "string", "the organisation's kind: village or community"),
        _c("budget", "decimal", "the budget in yuan, exact"),
        _c("planned_start", "date", "schedule: planned start"),
        _c("planned_end", "date", "schedule: planned completion"),
        _c("step_reached", "string", "the furthest step recorded, in the procedure's order (its id)"),
        _c("step_reached_name", "string", "its name, as the procedure writes it"),
        _c("step_reached_on", "date", "the date of its latest record (a canvass: its latest counted visit)"),
        _c("step_status", "string", "passed, failed, done, in progress or invalid"),
        _c("next_step", "string", "the step to take next (a failed one again); empty when every step is recorded"),
        _c("next_step_name", "string", "its name"),
        _c("next_kind", "string", "its kind: meeting, canvass, notice or implementation"),
        _c("next_notice", "string", "for a notice step: resolution, progress or result"),
        _c(
            "decision_step",
            "string",
            "the step that decides: the last meeting or canvass step before the first notice step (an optional one only when held); the canvass in the seed's form",
        ),
        _c("decision_step_name", "string", "its name"),
        _c(
            "decided_on",
            "date",
            "the day the decision stood: that meeting passed, or that canvass reached its rate (the review before it passed); empty until then",
        ),
        _c("decision_notice", "string", "the notice that makes the decision public (resolution; in a form without one, the first notice step's)"),
        _c("has_canvass", "bool", "the procedure has a household canvass"),
        _c("canvass_first", "date", "the first counted contact of the canvass"),
        _c("canvass_last", "date", "the latest counted contact"),
        _c("work_started", "date", "implementation: the day the work started, as recorded"),
        _c("work_finished", "date", "implementation: the day it was completed"),
        _c("acceptance", "string", "implementation: passed or failed (验收), empty if not recorded"),
        _c("last_activity", "date", "the latest date of any record, visit, objection or answer"),
        _c("objections", "int32", "objections raised"),
        _c("objections_open", "int32", "objections without an answer"),
        _c("errors", "int32", "errors `fourtwo check` finds in the project's files"),
        _c("warnings", "int32", "warnings it finds"),
        _c(
            "canvass_rate",
            "string",
            "households heard of those in scope, as a percentage never rounded across a threshold (79.98%, not 80.0%); empty without a canvass or a scope",
        ),
        _c("procedure_name", "string", "the procedure's name, as it writes it (村级“四议两公开”); empty when the workspace has no such procedure"),
        # The project's opinions, as its notices print them: never by building, where a building of one household would give its opinion away.
        *[
            _c(f"{op}_{ch}", "int32", f"households heard through {ch} whose latest opinion through it was {op} (the whole project's, never by building)")
            for ch in CHANNELS
            for op in OPINIONS
        ],
    ],
    "steps": [
        *_KEY,
        _c("position", "int32", "the step's place in the procedure, from 1"),
        _c("step", "string", "the step's id"),
        _c("name", "string", "the step's name"),
        _c("kind", "string", "meeting, notice or implementation"),
        _c("record", "int32", "1 for the step's first record, 2 for a second (a meeting held again) ..."),
        _c("date", "date", "the day of the record"),
        _c("form", "string", "the form held (representatives, villagers ...), empty for the step's first"),
        _c("members", "int32", "应到: members entitled"),
        _c("present", "int32", "实到: members present"),
        _c("votes_for", "int32", "同意"),
        _c("against", "int32", "反对 (empty: not recorded, which is not zero)"),
        _c("abstain", "int32", "弃权 (empty: not recorded)"),
        _c("households", "int32", "户数, where the meeting counts households"),
        _c("households_present", "int32", "到会户数"),
        _c("representatives", "int32", "村民代表 among the members, where a rule counts them"),
        _c("merged_into", "string", "一肩挑: the later step whose meeting held this one"),
        _c("status", "string", "passed, failed or invalid (meetings, by their rules); done (other steps)"),
        _c("rules", "string", "the rules the meeting was judged by, with their verdicts: name ok|not; ..."),
        _c("basis", "string", "their legal basis, as the rule set quotes it"),
    ],
    "canvass": [
        *_KEY,
        _c("building", "string", "the building (楼栋); empty for households without one"),
        _c("in_scope", "int32", "households of the building in the project's scope"),
        _c("heard", "int32", "of those, households whose opinion was heard through a channel that counts"),
        _c("threshold_num", "int32", "the share that must be heard, as a fraction: numerator (4 of 4/5)"),
        _c("threshold_den", "int32", "denominator (5 of 4/5); a canvass is reached when heard * den >= num * in_scope"),
        _c("counted_channels", "string", "the channels that count toward the rate, comma-separated"),
        *[_c(f"heard_{ch}", "int32", f"households heard through {ch}, counted or not, each by its latest contact through it") for ch in CHANNELS],
    ],
    "notices": [
        *_KEY,
        _c("step", "string", "the notice step's id"),
        _c("name", "string", "the notice step's name"),
        _c("kind", "string", "resolution, progress or result"),
        _c("record", "int32", "1 for the step's first notice, 2 for the next ..."),
        _c("date", "date", "the day it was published"),
        _c("period_start", "date", "first day posted"),
        _c("period_end", "date", "last day posted"),
        _c("trace_code", "string", "the short code printed on the notice (from its digest)"),
        _c(
            "verdict",
            "string",
            "matches; superseded (true on its day, replaced by a later posting of its kind: history, not an error); changed (its records changed since); altered (the archived file was edited); missing; unverifiable (archived, its record without the digests to check it by); unverified (recorded with nothing archived)",
        ),
    ],
    "objections": [
        *_KEY,
        _c("number", "int32", "1, 2, 3 ... in the order raised"),
        _c("raised", "date", "the day it was raised"),
        _c("text", "string", "what was objected, phone and ID numbers masked; never who raised it"),
        _c("answered", "date", "the day it was answered; empty while open"),
        _c("answer", "string", "the answer, numbers masked"),
    ],
    "findings": [
        *_KEY[:3],
        _c("project", "string", "the project's id; empty for a finding about the workspace"),
        _c("path", "string", "the file, relative to the workspace"),
        _c("line", "int32", "1-based; 0 for the whole file"),
        _c("col", "int32", "1-based; 0 for the whole line"),
        _c("severity", "string", "error or warning"),
        _c("code", "string", "FTnnn, as docs/checks.md lists them (the message is not kept: it may quote a household)"),
    ],
}

# The report's thresholds, as the workspaces table and fourtwo.yaml's report: name them (a test holds them equal).
THRESHOLDS = ("decision_notice_days", "implementation_days", "result_notice_days", "canvass_days", "objection_days", "stuck_days")

# Each flag is one query in fourtwo/office/queries/, named by its slug, and one finding code.
FLAGS: dict[str, str] = {
    "unposted": "FT751",
    "unimplemented": "FT752",
    "no_result": "FT753",
    "canvass_open": "FT754",
    "work_early": "FT755",
    "below_threshold": "FT756",
    "notice_changed": "FT757",
    "unanswered": "FT758",
    "stuck": "FT759",
}
# A flag's name as an inspector calls it (on its sheet: Excel allows 31 characters; typed after --flag).
FLAG_NAMES = {
    "unposted": N_("decision not made public"),
    "unimplemented": N_("not implemented"),
    "no_result": N_("result not made public"),
    "canvass_open": N_("canvass overdue"),
    "work_early": N_("work before the decision"),
    "below_threshold": N_("posted below the threshold"),
    "notice_changed": N_("notice no longer true"),
    "unanswered": N_("objection unanswered"),
    "stuck": N_("stuck"),
}
# What each flag query returns, in this order: `item` is what the flag is about (a step's id,
# an objection's number ...), `item_name` a step's name as the procedure writes it ('' for
# anything else), so each language can read its own.
FLAG_COLUMNS = ("folder", "project", "since", "days", "limit_days", "item", "item_name")
