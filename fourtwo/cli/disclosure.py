"""`fourtwo publish|implement|object|verify`: the two disclosures and what lies between them."""

from __future__ import annotations

import datetime as dt
import enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from fourtwo.cli._app import EXIT_FINDINGS, EXIT_OK, command, out


class Kind(str, enum.Enum):
    resolution = "resolution"
    result = "result"


class Format(str, enum.Enum):
    html = "html"
    md = "md"
    txt = "txt"


def _date(option: str, value: Optional[str]) -> dt.date:
    from fourtwo.errors import InputError
    from fourtwo.spec import parse_date

    if value is None:
        return dt.date.today()
    parsed = parse_date(value.strip())
    if parsed is None:
        raise InputError("FT905", what=option, value=value, hint="write YYYY-MM-DD, e.g. 2024-04-28")
    return parsed


@command("publish")
def publish(
    project: Annotated[Path, typer.Argument(metavar="PROJECT", help="The project's folder or its project.yaml.")],
    kind: Annotated[Kind, typer.Argument(help="resolution (决议公开) or result (实施结果公开).")] = Kind.resolution,
    format: Annotated[Optional[list[Format]], typer.Option("--format", "-f", help="html (to print), md (WeChat), txt; repeat for several. Default html.")] = None,
    out_dir: Annotated[Optional[Path], typer.Option("--out", help="Also copy the notice here (e.g. for printing).")] = None,
    date: Annotated[Optional[str], typer.Option("--date", help="Day it is posted and its period starts; default today.")] = None,
    with_households: Annotated[bool, typer.Option("--with-households", help="Add the list of households heard, masked (opt-in).")] = False,
) -> None:
    """Render a notice, archive it in notices/ and record it with its period and digest."""
    from fourtwo.disclosure import publish as core

    formats = [f.value for f in (format or [Format.html])]
    done = core(project, kind.value, list(dict.fromkeys(formats)), out_dir, _date("--date", date), with_households)
    for path in done.files:
        out(f"wrote {path}")
    out(f"posted {done.start} to {done.end}; trace code {done.trace} ({done.digest})")


@command("implement")
def implement(
    project: Annotated[Path, typer.Argument(metavar="PROJECT", help="The project's folder or its project.yaml.")],
    completed: Annotated[str, typer.Option("--completed", help="Completion date, YYYY-MM-DD.")],
    cost: Annotated[str, typer.Option("--cost", help="Actual cost in yuan, e.g. 183260.50.")],
    contractor: Annotated[str, typer.Option("--contractor", help="Who carried it out (施工单位).")] = "",
    accepted_by: Annotated[str, typer.Option("--accepted-by", help="Who inspected and accepted it (验收).")] = "",
    acceptance: Annotated[str, typer.Option("--acceptance", help="passed or failed (合格 / 不合格).")] = "passed",
    note: Annotated[str, typer.Option("--note", help="Anything worth keeping.")] = "",
) -> None:
    """Record the implementation: completion, acceptance and actual cost."""
    import re
    from decimal import Decimal

    from fourtwo.disclosure import implement as core
    from fourtwo.errors import InputError

    amount = cost.replace(",", "").strip()
    from fourtwo.spec import MAX_AMOUNT

    if not re.fullmatch(r"\d+(\.\d{1,2})?", amount) or Decimal(amount) > MAX_AMOUNT:
        raise InputError("FT905", what="--cost", value=cost, hint=f"yuan with at most two decimals, at most {MAX_AMOUNT:,}")
    verdict = {"passed": "passed", "合格": "passed", "failed": "failed", "不合格": "failed"}.get(acceptance.strip())
    if verdict is None:
        raise InputError("FT905", what="--acceptance", value=acceptance, hint="passed or failed")
    record = core(project, _date("--completed", completed), Decimal(amount), contractor, accepted_by, verdict, note)
    out(f"recorded implementation completed {record.date}: cost {Decimal(amount):,.2f} 元, acceptance {verdict}")


@command("object")
def object_(
    project: Annotated[Path, typer.Argument(metavar="PROJECT", help="The project's folder or its project.yaml.")],
    text: Annotated[str, typer.Option("--text", help="The objection, or with --answer the answer.")],
    answer_to: Annotated[Optional[int], typer.Option("--answer", min=1, help="Answer objection N instead of raising one.")] = None,
    date: Annotated[Optional[str], typer.Option("--date", help="When it was raised (or answered); default today.")] = None,
    by: Annotated[str, typer.Option("--by", help="Who raised it (kept in the record, never printed on a notice).")] = "",
) -> None:
    """Record an objection raised during a notice period, or its answer."""
    from fourtwo.disclosure import answer, object_to
    from fourtwo.errors import InputError

    if not text.strip():
        raise InputError("FT905", what="--text", value="''", hint="say what was objected, or answered")
    when = _date("--date", date)
    if answer_to is None:
        number = object_to(project, when, text.strip(), by.strip())
        out(f"recorded objection {number} of {when}; the implementation waits until it is answered")
    else:
        answer(project, answer_to, text.strip(), when)
        out(f"recorded the answer to objection {answer_to} ({when})")


@command("verify")
def verify(
    notice: Annotated[Path, typer.Argument(metavar="NOTICE", help="A notice file from a project's notices/ folder.")],
) -> None:
    """Does a posted notice still match the project's records? Exit 0 matches, 1 changed."""
    from fourtwo.disclosure import verify as core
    from fourtwo.notice import trace_code

    verdict = core(notice)
    if verdict.recorded == verdict.current and not verdict.text_matches:
        out(f"changed: the text of this file is not what the records give (trace code {trace_code(verdict.recorded)}): it was edited after it was published")
        raise typer.Exit(EXIT_FINDINGS)
    if verdict.matches:
        out(f"matches: the {verdict.kind} notice (trace code {trace_code(verdict.recorded)}) says what the records say")
        raise typer.Exit(EXIT_OK)
    out(f"changed: the records no longer give this {verdict.kind} notice (posted {trace_code(verdict.recorded)}, records now give {trace_code(verdict.current)}); publish it again")
    raise typer.Exit(EXIT_FINDINGS)
