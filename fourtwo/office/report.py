"""The inspector's report: one row per project (where it stands, when its next step is due,
its canvass, check's errors and warnings) and the flags the shipped queries raise, each with
its rule and the days, over the workspaces (tables built in memory) or a dataset.

The report is put together inside DuckDB, in one table `report` (one row per project shown,
its flags in a list, each flag's sentence already in the reader's language): JSON is written
from it by DuckDB itself, and the table, CSV and the workbook read its rows. A county's
12,000 projects and 8,000 flags made into Python objects one by one, then into JSON, took
longer than the goal for the whole command (docs/performance.md).
"""

from __future__ import annotations

import datetime as dt
import json
import string
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from functools import cached_property
from pathlib import PurePath
from typing import TYPE_CHECKING

from fourtwo.findings.catalogue import MESSAGES
from fourtwo.findings.errors import InputError
from fourtwo.i18n import T, Text, _, fold, language, ngettext, split_words, translations
from fourtwo.office.engine import Engine, query_text
from fourtwo.office.schema import FLAG_NAMES, FLAGS

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
    rule: str  # the catalogue's sentence, in the reader's language


@dataclass
class Row:
    folder: str
    organisation: str
    project: str
    path: str
    title: str
    procedure: str  # its id
    procedure_name: str
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


class Report:
    """The report as the engine holds it (its table `report`), read as each format needs it."""

    def __init__(self, engine: Engine, as_of: dt.date, flags: list[str], filters: Sequence[str] = ()) -> None:
        self.engine = engine
        self.as_of = as_of
        self.flags = flags  # the slugs asked for, in FLAGS' order
        self.filters = list(filters)  # the filters as they would be typed (--flag unposted, --org 北苑, --stuck); none for every project

    @cached_property
    def rows(self) -> list[Row]:
        names = [f.name for f in fields(Row)]
        found = self.engine.run(f"SELECT {', '.join(names)} FROM report ORDER BY folder, project, path", "report")
        return [Row(**dict(zip(names[:-1], values[:-1], strict=True)), flags=[_flag(raised) for raised in json.loads(values[-1])]) for values in found.rows]

    def json_projects(self, keys: Sequence[str]) -> list[str]:
        """Each project as a JSON object of these columns (`flags`: a list of objects), written by DuckDB."""
        named = ", ".join(f"'{key}': {key}" for key in keys)
        return [str(r[0]) for r in self.engine.run(f"SELECT to_json({{{named}}}) FROM report ORDER BY folder, project, path", "report").rows]

    def counts(self) -> dict[str, int]:
        """Flags raised among the projects shown, per flag asked for."""
        found = dict(
            self.engine.run("SELECT flag, COUNT(*) FROM raised WHERE (folder, project) IN (SELECT (folder, project) FROM report) GROUP BY flag", "report").rows
        )
        return {slug: int(found.get(slug, 0)) for slug in self.flags}

    @property
    def flagged(self) -> bool:
        return bool(self.engine.run("SELECT EXISTS (SELECT 1 FROM report WHERE flags <> '[]')", "report").rows[0][0])


def flag_slugs(words: list[str]) -> list[str]:
    """--flag values: slugs, codes or names (决议未公开), repeated or comma-separated; all when none."""
    chosen = []
    named = {fold(translations("zh").gettext(FLAG_NAMES[s])): s for s in FLAGS}  # 决议未公开, in either language
    for word in (fold(w) for raw in words for w in split_words(raw)):
        slug = next((s for s, code in FLAGS.items() if word in (s, code.lower())), None) or named.get(word)
        if slug is None:
            from difflib import get_close_matches

            close = get_close_matches(word, [*FLAGS, *named], n=3, cutoff=0.6)
            choices = _(", ").join(f"{s} ({_(FLAG_NAMES[s])})" if language() == "zh" else s for s in FLAGS)
            listed = T("write one of: {choices}", choices=choices)
            hint = T("did you mean {options}? {listed}", options=_(", ").join(close), listed=listed) if close else listed
            raise InputError("FT905", what="--flag", value=word, hint=hint)
        chosen.append(slug)
    return [s for s in FLAGS if s in chosen] if chosen else list(FLAGS)


def build(engine: Engine, as_of: dt.date, override: ReportSettings | None, flags: list[str], orgs: list[str], stalled_only: bool) -> Report:
    """The report over the tables the engine holds: the status query's row of each project
    shown, with the flags the chosen queries raise on it (each shipped query run as written,
    inside the report's own)."""
    engine.settle(as_of, override)
    _not_before_the_records(engine, as_of)
    raised = " UNION ALL ".join(
        f"SELECT folder, project, {n} AS position, '{slug}' AS flag, '{FLAGS[slug]}' AS code, since, days, limit_days, item, item_name, "
        f"{_rule(FLAGS[slug])} AS rule FROM ({_inline(slug)}) AS {slug}"
        for n, slug in enumerate(flags)
    )
    engine.run(f"CREATE TEMP TABLE raised AS {raised}", "report")
    folders = _folders(engine, orgs) if orgs else None
    every = {"folders": folders or [], "every_folder": folders is None, "stalled_only": stalled_only, "every_flag": len(flags) == len(FLAGS)}
    engine.run(_ASSEMBLED.format(status=_inline("status")), "report", every)
    filters = [f"--flag {','.join(flags)}"] * (len(flags) < len(FLAGS)) + [f"--org {o}" for o in orgs] + ["--stuck"] * stalled_only
    return Report(engine, as_of, flags, filters)


# Each project shown once, with its flags as a JSON list in the order of FLAGS, then by the day
# they count from and their item (an objection's number as a number): text made by DuckDB, as
# the JSON output prints it (a list of structs sorted per project took twice as long); the
# canvass as the report shows it: households heard / in scope and the rate export worked out
# (shares.honest_percent).
_ASSEMBLED = """
CREATE TEMP TABLE report AS
WITH listed AS (
  SELECT folder, project,
         '[' || string_agg(to_json({{'flag': flag, 'code': code, 'since': since, 'days': days, 'limit_days': limit_days,
                                    'item': item, 'item_name': item_name, 'rule': rule}}), ','
                           ORDER BY position, since, TRY_CAST(item AS INTEGER), item) || ']' AS flags
  FROM raised GROUP BY folder, project
)
SELECT s.folder, s.organisation, s.project, s.path, s.title, s.procedure, s.procedure_name,
       COALESCE(s.step_reached_name, '') AS step, s.step_reached_on AS step_on, s.days_since,
       COALESCE(s.next_step_name, '') AS next_step, s.next_due,
       CASE WHEN NOT s.has_canvass THEN ''
            WHEN s.canvass_rate = '' THEN '—'
            ELSE CAST(s.heard AS VARCHAR) || '/' || CAST(s.in_scope AS VARCHAR) || ' ' || s.canvass_rate END AS canvass,
       COALESCE(s.errors, 0) AS errors, COALESCE(s.warnings, 0) AS warnings, COALESCE(s.stalled, false) AS stalled,
       CAST(COALESCE(l.flags, '[]') AS JSON) AS flags
FROM ({status}) AS s
LEFT JOIN listed l ON l.folder = s.folder AND l.project = s.project
WHERE ($every_folder OR list_contains($folders, s.folder))
  AND (NOT $stalled_only OR s.stalled)
  AND ($every_flag OR l.flags IS NOT NULL)
"""


def _not_before_the_records(engine: Engine, as_of: dt.date) -> None:
    """A report reads the records as they are: dated before a step they hold, it would count
    negative days and judge a state that did not exist yet. Refused, naming the latest record.
    A record dated after today in every time zone is no reason: it cannot be true, its project
    counts the error check gives it (FT110), and no later --date would make it so."""
    later = engine.run("SELECT folder, project, step_reached_on FROM projects WHERE step_reached_on > $as_of", "report", {"as_of": as_of}).rows
    refuse_before_the_records([(str(f), str(p), d) for f, p, d in later], as_of)


def refuse_before_the_records(reached: Sequence[tuple[str, str, dt.date | None]], as_of: dt.date) -> None:
    """FT956 when a project (folder, id, the day of its latest record) holds a record after
    `as_of`, naming the latest: a report, and an export a report reads, judge the records as
    they are. A record after today in every time zone does not count: it cannot be true (FT110)."""
    possible = dt.datetime.now(dt.UTC).date() + dt.timedelta(days=1)  # UTC+14 is a day ahead of UTC at most
    after = [(day, folder, project) for folder, project, day in reached if day is not None and as_of < day <= possible]
    if after:
        day, folder, project = min(after, key=lambda a: (-a[0].toordinal(), a[1], a[2]))  # the latest; of one day, the first by folder and id
        raise InputError("FT956", date=as_of, latest=day, project=f"{folder}/{project}")


def _flag(raised: dict[str, object]) -> Flag:
    """A flag as the report's table keeps it (JSON: its day as text)."""
    since = raised["since"]
    return Flag(
        slug=str(raised["flag"]),
        code=str(raised["code"]),
        since=dt.date.fromisoformat(since) if isinstance(since, str) else None,
        days=_int(raised["days"]),
        limit_days=_int(raised["limit_days"]),
        item=str(raised["item"]),
        item_name=str(raised["item_name"]),
        rule=str(raised["rule"]),
    )


def _int(value: object) -> int | None:
    return value if isinstance(value, int) else None


def _inline(name: str) -> str:
    """A shipped query as a subquery (its last line may be a comment)."""
    return f"\n{query_text(name)}\n"


def _folders(engine: Engine, orgs: list[str]) -> list[str]:
    """The workspaces whose organisation or folder name holds one of the words (as typed: full-width
    and case folded; the folder's own name, not the path above it, which every workspace shares); a word that names none is a usage error, with the names it may have meant
    (a filter that matches nothing would read as a street with nothing late)."""
    pairs = [(str(f), str(o)) for f, o in engine.run("SELECT DISTINCT folder, organisation FROM workspaces", "report").rows]
    found = set()
    for typed in orgs:
        word = fold(typed)
        matched = {folder for folder, organisation in pairs if word in fold(organisation) or word in fold(PurePath(folder).name)}
        if not matched:
            raise InputError("FT905", what="--org", value=typed, hint=_suggested(typed, sorted({o for _f, o in pairs})))
        found |= matched
    return sorted(found)


def _suggested(typed: str, names: list[str]) -> Text:
    """The names close to what was typed first, then every name (a street has a handful)."""
    from difflib import get_close_matches

    close = get_close_matches(typed, names, n=3, cutoff=0.5)
    listed = T("no organisation is called {typed}; the organisations: {names}", typed=typed, names=_(", ").join(names) if names else T("none"))
    return T("did you mean {options}? {listed}", options=_(", ").join(close), listed=listed) if close else listed


# A flag's sentence fills the catalogue's fields from its query's columns; a step (item) as
# each language reads it, as i18n.Term does: its name in Chinese, its id in English.
_FIELDS = {
    "since": "COALESCE(CAST(since AS VARCHAR), '—')",
    "days": "COALESCE(CAST(days AS VARCHAR), '—')",
    "limit": "COALESCE(CAST(limit_days AS VARCHAR), '—')",
}


def _rule(code: str) -> str:
    """A flag's sentence as SQL; one whose words follow a count (within 1 day, 7 days) chooses by it, row by row."""
    msg = MESSAGES[code]
    if not msg.plural:
        return _sentence(_(msg.text))
    column = {"limit": "limit_days", "days": "days"}[msg.count]
    one, many = (_sentence(ngettext(msg.text, msg.plural, n)) for n in (1, 2))
    return f"(CASE WHEN {column} = 1 THEN {one} ELSE {many} END)"


def _sentence(text: str) -> str:
    """The catalogue's sentence (translated) as an SQL expression over a flag query's row."""
    item = "CASE WHEN item_name <> '' THEN item_name ELSE item END" if language() == "zh" else "item"
    parts = []
    for literal, name, spec, conversion in string.Formatter().parse(text):
        if literal:
            parts.append("'" + literal.replace("'", "''") + "'")
        if name is not None:
            if spec or conversion or (name not in _FIELDS and name != "item"):
                raise ValueError(f"a flag's sentence may name only {', '.join([*_FIELDS, 'item'])}, plainly: {text!r}")
            parts.append(item if name == "item" else _FIELDS[name])
    return " || ".join(parts) or "''"
