"""The inspector's report: one row per project (where it stands, when its next step is due,
its canvass, check's errors and warnings) and the flags the shipped queries raise, each with
its rule and the days, over the workspaces (tables built in memory) or a dataset.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from fourtwo.findings.catalogue import MESSAGES
from fourtwo.findings.errors import InputError
from fourtwo.i18n import T, Term, _, fold, split_words
from fourtwo.office.engine import Engine, Result, query_text
from fourtwo.office.schema import FLAGS

if TYPE_CHECKING:
    from fourtwo.model.workspace import ReportSettings


@dataclass
class Flag:
    slug: str
    code: str
    since: dt.date | None
    days: int | None
    limit_days: int | None
    item: str  # a step's id, an objection's number ... (the same in every language)
    item_name: str  # a step's name, as its procedure writes it; '' for anything else
    rule: str = ""  # the catalogue's sentence, in the reader's language
    hint: str = ""


@dataclass
class Row:
    folder: str
    organisation: str
    project: str
    path: str
    title: str
    procedure: str
    step: str
    step_on: dt.date | None
    days_since: int | None
    next_step: str
    next_due: dt.date | None
    canvass: str
    errors: int
    warnings: int
    stalled: bool
    flags: list[Flag] = field(default_factory=list)


@dataclass
class Report:
    as_of: dt.date
    rows: list[Row]
    flags: list[str]  # the slugs asked for, in FLAGS' order

    @property
    def flagged(self) -> bool:
        return any(r.flags for r in self.rows)


def flag_slugs(words: list[str]) -> list[str]:
    """--flag values: slugs or codes, repeated or comma-separated; all when none."""
    chosen = []
    for word in (fold(w) for raw in words for w in split_words(raw)):
        slug = next((s for s, code in FLAGS.items() if word in (s, code.lower())), None)
        if slug is None:
            raise InputError("FT905", what="--flag", value=word, hint=T("write one of: {choices}", choices=", ".join(FLAGS)))
        chosen.append(slug)
    return [s for s in FLAGS if s in chosen] if chosen else list(FLAGS)


def build(engine: Engine, as_of: dt.date, override: ReportSettings | None, flags: list[str], orgs: list[str], stalled_only: bool) -> Report:
    """The report over the tables the engine holds."""
    engine.settle(as_of, override)
    rows = [_row(r) for r in _records(engine.run(query_text("status"), "status.sql"))]
    by_key = {(r.folder, r.project): r for r in rows}
    for slug in flags:
        words = _words(FLAGS[slug])
        for found in _records(engine.flag(slug)):
            row = by_key.get((str(found["folder"]), str(found["project"])))
            if row is not None:
                row.flags.append(_flag(slug, found, words))
    wanted = [fold(o) for o in orgs]
    chosen = [
        r
        for r in rows
        if (not wanted or any(w in fold(r.organisation) or w in fold(r.folder) for w in wanted))
        and (not stalled_only or r.stalled)
        and (len(flags) == len(FLAGS) or r.flags)
    ]
    return Report(as_of, chosen, flags)


def _records(result: Result) -> list[dict[str, object]]:
    return [dict(zip(result.columns, values, strict=True)) for values in result.rows]


def _row(r: dict[str, object]) -> Row:
    canvass = ""
    if r["has_canvass"]:  # the rate as export worked it out (shares.honest_percent), from the same counts
        canvass = f"{r['heard']}/{r['in_scope']} {r['canvass_rate']}" if r["canvass_rate"] else "—"
    return Row(
        folder=str(r["folder"]),
        organisation=str(r["organisation"]),
        project=str(r["project"]),
        path=str(r["path"]),
        title=str(r["title"]),
        procedure=str(r["procedure"]),
        step=str(r["step_reached_name"] or ""),
        step_on=_date(r["step_reached_on"]),
        days_since=_int(r["days_since"]),
        next_step=str(r["next_step_name"] or ""),
        next_due=_date(r["next_due"]),
        canvass=canvass,
        errors=_int(r["errors"]) or 0,
        warnings=_int(r["warnings"]) or 0,
        stalled=bool(r["stalled"]),
    )


def _flag(slug: str, found: dict[str, object], words: tuple[str, str]) -> Flag:
    code = FLAGS[slug]
    since, days, limit_days = _date(found["since"]), _int(found["days"]), _int(found["limit_days"])
    item, name = str(found["item"] or ""), str(found["item_name"] or "")
    text, hint = words
    said = Term(item, name)  # a step as each language reads it: its id in English, its name in Chinese
    return Flag(slug, code, since, days, limit_days, item, name, text.format(since=since or "—", days=days, limit=limit_days, item=said), hint)


def _words(code: str) -> tuple[str, str]:
    """A flag's rule and hint in the reader's language, as the catalogue has them (as `diag`
    would say them, translated once for thousands of flags)."""
    message = MESSAGES[code]
    return _(message.text), _(message.hint)


def _date(value: object) -> dt.date | None:
    return value if isinstance(value, dt.date) else None


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None
