"""`fourtwo publish|implement|object|verify`: the two disclosures and what lies between them."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Annotated

import typer

from fourtwo.cli._app import (
    EXIT_FINDINGS,
    EXIT_OK,
    command,
    out,
    parse_amount,
    parse_date,
)


class Format(enum.StrEnum):
    html = "html"
    md = "md"
    txt = "txt"


@command("publish")
def publish(
    project: Annotated[Path, typer.Argument(metavar="PROJECT", help="The project's folder or its project.yaml.")],
    kind: Annotated[
        str,
        typer.Argument(metavar="KIND", help="resolution (决议公开), result (实施结果公开), progress (实施过程公开), or another notice the procedure declares."),
    ] = "resolution",
    format: Annotated[
        list[Format] | None,
        typer.Option(
            "--format", "-f", help="html (to print), txt (WeChat, SMS, e-mail), md (for Markdown renderers, not chats); repeat for several. Default html."
        ),
    ] = None,
    out_dir: Annotated[Path | None, typer.Option("--out", help="Also copy the notice here (e.g. for printing).")] = None,
    date: Annotated[str | None, typer.Option("--date", help="Day it is posted and its period starts; default today.")] = None,
    with_households: Annotated[bool, typer.Option("--with-households", help="Add the list of households heard, masked (opt-in).")] = False,
    milestones: Annotated[str, typer.Option("--milestones", help="Progress notices: the milestones reached so far.")] = "",
    spent: Annotated[str | None, typer.Option("--spent", help="Progress notices: spending to date in yuan, e.g. 52000.")] = None,
    next_steps: Annotated[str, typer.Option("--next", help="Progress notices: what comes next.")] = "",
    disclose_problems: Annotated[
        bool, typer.Option("--disclose-problems", help="Result notices: publish a failed acceptance or a cost over budget, stated plainly.")
    ] = False,
) -> None:
    """Render a notice, archive it in notices/ and record it with its period and digest."""
    from fourtwo.disclosure.publish import Progress
    from fourtwo.disclosure.publish import publish as core

    formats = [f.value for f in (format or [Format.html])]
    progress = Progress(milestones.strip(), parse_amount("--spent", spent) if spent is not None else None, next_steps.strip())
    when = parse_date("--date", date, project)
    done = core(project, kind.strip(), list(dict.fromkeys(formats)), out_dir, when, with_households, progress, disclose_problems)
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
    started: Annotated[str | None, typer.Option("--started", help="The day the work actually started.")] = None,
    accepted_on: Annotated[str | None, typer.Option("--accepted-on", help="The day it was inspected (验收日期).")] = None,
    audited: Annotated[str | None, typer.Option("--audited", help="The audited amount in yuan (审计金额), where there is one.")] = None,
    next_steps: Annotated[str, typer.Option("--next", help="What happens next, where acceptance failed or the cost overran.")] = "",
) -> None:
    """Record the implementation: completion, acceptance and actual cost."""
    from fourtwo.disclosure.implement import Work
    from fourtwo.disclosure.implement import implement as core
    from fourtwo.findings.errors import InputError
    from fourtwo.model.project import ACCEPTANCE

    amount = parse_amount("--cost", cost)
    verdict = ACCEPTANCE.parse(acceptance)
    if verdict is None:
        raise InputError("FT905", what="--acceptance", value=acceptance, hint="passed or failed")
    work = Work(
        completed=parse_date("--completed", completed),
        cost=amount,
        contractor=contractor.strip(),
        accepted_by=accepted_by.strip(),
        acceptance=verdict,
        note=note.strip(),
        started=parse_date("--started", started) if started else None,
        accepted=parse_date("--accepted-on", accepted_on) if accepted_on else None,
        audited=parse_amount("--audited", audited) if audited is not None else None,
        next_steps=next_steps.strip(),
    )
    completed_on = core(project, work)
    out(f"recorded implementation completed {completed_on}: cost {amount:,.2f} 元, acceptance {verdict}")


@command("object")
def object_(
    project: Annotated[Path, typer.Argument(metavar="PROJECT", help="The project's folder or its project.yaml.")],
    text: Annotated[str, typer.Option("--text", help="The objection, or with --answer the answer.")],
    answer_to: Annotated[int | None, typer.Option("--answer", min=1, help="Answer objection N instead of raising one.")] = None,
    date: Annotated[str | None, typer.Option("--date", help="When it was raised (or answered); default today.")] = None,
    by: Annotated[str, typer.Option("--by", help="Who raised it (kept in the record, never printed on a notice).")] = "",
) -> None:
    """Record an objection raised during a notice period, or its answer."""
    from fourtwo.disclosure.objections import answer, object_to
    from fourtwo.findings.errors import InputError

    if not text.strip():
        raise InputError("FT905", what="--text", value="''", hint="say what was objected, or answered")
    when = parse_date("--date", date, project)
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
    from fourtwo.disclosure.context import trace_code
    from fourtwo.disclosure.verify import verify as core

    verdict = core(notice)
    if verdict.recorded == verdict.current and not verdict.text_matches:
        out(f"changed: the text of this file is not what the records give (trace code {trace_code(verdict.recorded)}): it was edited after it was published")
        raise typer.Exit(EXIT_FINDINGS)
    if verdict.matches:
        out(f"matches: the {verdict.kind} notice (trace code {trace_code(verdict.recorded)}) says what the records say")
        raise typer.Exit(EXIT_OK)
    out(
        f"changed: the records no longer give this {verdict.kind} notice (posted {trace_code(verdict.recorded)}, records now give {trace_code(verdict.current)}); publish it again"
    )
    raise typer.Exit(EXIT_FINDINGS)
