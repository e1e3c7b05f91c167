"""The report as a person or a program reads it: a terminal table, CSV for Excel and WPS
(UTF-8 with a BOM), JSON (keys in English, whatever the language), and an Excel workbook:
a summary sheet and a sheet per flag, each with its header row frozen."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

from fourtwo.findings.printers import one_line
from fourtwo.i18n import N_, TN, Term, _, ngettext
from fourtwo.office.report import Report, Row
from fourtwo.office.schema import FLAG_NAMES, FLAGS

# The columns of a row, as headers are read (translated) and as JSON names them.
COLUMNS = (
    ("folder", N_("folder")),
    ("organisation", N_("organisation")),
    ("project", N_("project")),
    ("title", N_("title")),
    ("procedure", N_("procedure")),
    ("step", N_("step reached")),
    ("step_on", N_("on")),
    ("days_since", N_("days since")),
    ("next_step", N_("next")),
    ("next_due", N_("due")),
    ("canvass", N_("canvass")),
    ("errors", N_("errors")),
    ("warnings", N_("warnings")),
)


# Given way in this order when the terminal is too narrow for the table (the CSV and the workbook keep every column).
NARROWER = ("procedure", "title", "organisation")


def _cell(value: object) -> str:
    return "" if value is None else one_line(str(value))  # a dataset's text cannot forge a line or steer the terminal


def _value(row: Row, key: str) -> object:
    """A column's value as a person reads it: the procedure by its name in Chinese, its id in English."""
    return Term(row.procedure, row.procedure_name) if key == "procedure" else getattr(row, key)


def _values(row: Row) -> list[str]:
    return [_cell(_value(row, key)) for key, _label in COLUMNS]


def _flags_cell(row: Row) -> str:
    return "; ".join(
        f"{f.code} {f.rule}" + (ngettext(" ({days} day)", " ({days} days)", f.days).format(days=f.days) if f.days is not None else "") for f in row.flags
    )


def as_table(report: Report, width: int | None = None) -> str:
    """The table, then each flag with its rule and days, then the summary. On a terminal
    `width` columns wide, the columns of NARROWER give way in turn until the table fits."""
    if not report.rows:
        return _("No project matches {filters}.").format(filters=" ".join(report.filters)) if report.filters else _("No project to report.")
    from wcwidth import wcswidth  # a Chinese character takes two columns

    left_out: list[str] = []
    table = _table(report, left_out)
    for key in NARROWER:
        if width is None or max(map(wcswidth, table.splitlines())) <= width:
            break
        left_out.append(key)
        table = _table(report, left_out)
    lines = [table]
    if left_out:
        names = _(", ").join(_(label) for key, label in COLUMNS if key in left_out)
        lines.append(_("(the terminal is too narrow for: {columns}; --format csv or xlsx has every column)").format(columns=names))
    flagged = [r for r in report.rows if r.flags]
    if flagged:
        lines.append("")
    for r in flagged:
        for f in r.flags:
            days = ngettext(" ({days} day)", " ({days} days)", f.days).format(days=f.days) if f.days is not None else ""
            lines.append(one_line(f"{r.folder}/{r.path}") + f": {f.code} {f.rule}{days}")
    lines += ["", summary(report)]
    return "\n".join(lines)


def _table(report: Report, left_out: list[str]) -> str:
    import tabulate

    tabulate.PRESERVE_WHITESPACE = False
    keys = [key for key, _label in COLUMNS if key not in left_out]
    headers = [_(label) for key, label in COLUMNS if key in keys] + [_("flags")]
    rows = [[_cell(_value(r, k)) for k in keys] + [" ".join(f.code for f in r.flags)] for r in report.rows]
    return str(tabulate.tabulate(rows, headers=headers, tablefmt="simple", disable_numparse=True))


def summary(report: Report) -> str:
    flags = sum(len(r.flags) for r in report.rows)
    projects = sum(1 for r in report.rows if r.flags)
    return _("{flags} on {projects} of {total}, as of {date}").format(
        flags=TN("{n} flag", "{n} flags", flags), projects=projects, total=TN("{n} project", "{n} projects", len(report.rows)), date=report.as_of
    )


def as_csv(report: Report) -> str:
    """One row per project, its flags in one cell; a BOM first, so Excel and WPS read UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([_(label) for _key, label in COLUMNS] + [_("flags")])
    for r in report.rows:
        writer.writerow([*_values(r), _flags_cell(r)])
    return "\ufeff" + buffer.getvalue()


def as_json(report: Report) -> str:
    """`{"as_of", "flags": {flag: count}, "projects": [...]}`: each project written by DuckDB from
    the report's table (12,000 projects made into Python dicts, then JSON, took a third of a second)."""
    head = json.dumps({"as_of": report.as_of.isoformat(), "flags": report.counts()}, ensure_ascii=False)
    projects = report.json_projects([*(key for key, _label in COLUMNS), "procedure_name", "stalled", "flags"])
    return head[:-1] + ', "projects": [' + ", ".join(projects) + "]}"


def as_xlsx(report: Report) -> bytes:
    """A summary sheet (one row per project), then a sheet per flag (one row per flag raised)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook has its first sheet
    sheet.title = _("summary")
    _fill(
        sheet, [_(label) for _key, label in COLUMNS] + [_("flags")], [[*(_sheet_value(r, key) for key, _label in COLUMNS), _flags_cell(r)] for r in report.rows]
    )
    for slug in report.flags:
        code = FLAGS[slug]
        rows: list[list[object]] = [
            [r.folder, r.organisation, r.project, r.title, f.since, f.days, f.rule] for r in report.rows for f in r.flags if f.slug == slug
        ]
        headers = [_("folder"), _("organisation"), _("project"), _("title"), _("since"), _("days"), _("rule")]
        _fill(book.create_sheet(f"{code} {_(FLAG_NAMES[slug])}"[:31]), headers, rows)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _sheet_value(row: Row, key: str) -> object:
    """Dates as dates and counts as numbers (Excel sorts and filters them), words as words."""
    value = _value(row, key)
    return str(value) if isinstance(value, Term) else value


def _fill(sheet: object, headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.worksheet import Worksheet

    assert isinstance(sheet, Worksheet)
    sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))  # dates as dates, counts as numbers: Excel sorts and filters them
    sheet.freeze_panes = "A2"  # the header stays in view as the inspector scrolls
    for i, header in enumerate(headers, 1):
        widest = max([len(header), *(len(_cell(r[i - 1])) for r in rows)]) if rows else len(header)
        sheet.column_dimensions[get_column_letter(i)].width = min(60, 4 + 2 * widest)


def query_output(columns: list[str], rows: list[tuple[object, ...]], fmt: str) -> bytes:
    """What an inspector's own query returned, in the format asked for."""
    if fmt == "json":
        return json.dumps(
            [{c: _cell(v) if v is not None and not isinstance(v, (int, float, bool)) else v for c, v in zip(columns, r, strict=True)} for r in rows],
            ensure_ascii=False,
            indent=2,
        ).encode()
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(columns)
        writer.writerows([[_cell(v) for v in r] for r in rows])
        return ("\ufeff" + buffer.getvalue()).encode()
    if fmt == "xlsx":
        from openpyxl import Workbook

        book = Workbook()
        _fill(book.active, columns, [[v if v is None or isinstance(v, (int, float, str)) else _cell(v) for v in r] for r in rows])
        saved = io.BytesIO()
        book.save(saved)
        return saved.getvalue()
    import tabulate

    return tabulate.tabulate([[_cell(v) for v in r] for r in rows], headers=columns, tablefmt="simple", disable_numparse=True).encode()
