"""`fourtwo publish|implement|object|verify`: the two disclosures and what lies between them."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from fourtwo.cli._app import (
    EXIT_FINDINGS,
    EXIT_OK,
    command,
    out,
    parse_amount,
    parse_date,
    word,
)
from fourtwo.i18n import T, Term, _, listing

if TYPE_CHECKING:
    from fourtwo.findings import Diagnostic

FORMATS = ("html", "md", "txt", "pdf")
FORMAT_WORDS = {"网页": "html", "打印": "html", "微信": "txt", "wechat": "txt", "markdown": "md", "文本": "txt", "text": "txt"}


@command("publish")
def publish(
    project: Annotated[Path, typer.Argument(metavar=_("PROJECT"), help=_("The project's folder or its project.yaml."))],
    kind: Annotated[
        str,
        typer.Argument(
            metavar=_("KIND"),
            help=_(
                "resolution (决议公开), result (实施结果公开), progress (实施过程公开), or another notice the procedure declares; "
                "none: the notice that makes the decision public (决议公开, or in the seed's form 过程公开)."
            ),
            show_default=False,
        ),
    ] = "",
    format: Annotated[
        list[str] | None,
        typer.Option(
            "--format",
            "-f",
            metavar="html|md|txt|pdf",
            help=_(
                "html (to print), pdf (A4, to print or send), txt (WeChat, SMS, e-mail), md (for Markdown renderers, not chats); repeat for several. Default html."
            ),
        ),
    ] = None,
    out_dir: Annotated[Path | None, typer.Option("--out", help=_("Also copy the notice here (e.g. for printing)."))] = None,
    date: Annotated[str | None, typer.Option("--date", help=_("Day it is posted and its period starts; default today."))] = None,
    with_households: Annotated[bool, typer.Option("--with-households", help=_("Add the list of households heard, masked (opt-in)."))] = False,
    milestones: Annotated[str, typer.Option("--milestones", help=_("Progress notices: the milestones reached so far."))] = "",
    spent: Annotated[str | None, typer.Option("--spent", help=_("Progress notices: spending to date in yuan, e.g. 52000."))] = None,
    next_steps: Annotated[str, typer.Option("--next", help=_("Progress notices: what comes next."))] = "",
    disclose_problems: Annotated[
        bool, typer.Option("--disclose-problems", help=_("Result notices: publish a failed acceptance or a cost over budget, stated plainly."))
    ] = False,
    again: Annotated[
        str,
        typer.Option(
            "--again",
            metavar=_("REASON"),
            help=_("Post it again although it states what the notice already posted states (e.g. the paper was torn down); the reason is kept."),
        ),
    ] = "",
) -> None:
    """Render a notice, archive it in notices/ and record it with its period and digest."""
    from fourtwo.disclosure.publish import Progress
    from fourtwo.disclosure.publish import publish as core
    from fourtwo.findings.errors import InputError
    from fourtwo.i18n import split_words
    from fourtwo.model.procedure import NOTICE_ALIASES, NOTICE_KINDS

    try:
        notice = word(_("KIND"), kind, NOTICE_KINDS, dict(NOTICE_ALIASES)) if kind.strip() else ""
    except InputError:
        notice = kind.strip()  # a kind the project's procedure declares; the core lists them when it has none such
    formats = [word("--format", f, FORMATS, FORMAT_WORDS) for typed in format or ["html"] for f in split_words(typed)]
    progress = Progress(milestones.strip(), parse_amount("--spent", spent) if spent is not None else None, next_steps.strip())
    when = parse_date("--date", date, project)
    if again and not again.strip():
        raise InputError("FT905", what="--again", value=again, hint=T("say why it is posted again, e.g. --again 原公示被撕毁"))
    done = core(project, notice, list(dict.fromkeys(formats)), out_dir, when, with_households, progress, disclose_problems, again.strip())
    if done.posted is not None and not done.written:  # the facts of a notice already posted: that notice, never a second record of it
        shown = listing(done.posted.files)
        out(_("unchanged: the notice posted on {date} states these facts ({files}); nothing was recorded").format(date=done.posted.date, files=shown))
    elif done.posted is not None:
        out(_("the notice posted on {date} states these facts: the formats it lacked are added to it").format(date=done.posted.date))
    for path in done.written:
        out(_("wrote {path}").format(path=path))
    if done.posted is not None and done.posted.date != when:
        out(_("to post it again all the same, say why: --again REASON"))
    out(_("posted {start} to {end}; trace code {trace} ({digest})").format(start=done.start, end=done.end, trace=done.trace, digest=done.digest))


@command("implement")
def implement(
    project: Annotated[Path, typer.Argument(metavar=_("PROJECT"), help=_("The project's folder or its project.yaml."))],
    completed: Annotated[str | None, typer.Option("--completed", help=_("Completion date, YYYY-MM-DD."))] = None,
    cost: Annotated[str | None, typer.Option("--cost", help=_("Actual cost in yuan, e.g. 183260.50."))] = None,
    contractor: Annotated[str, typer.Option("--contractor", help=_("Who carried it out (施工单位)."))] = "",
    accepted_by: Annotated[str, typer.Option("--accepted-by", help=_("Who inspected and accepted it (验收)."))] = "",
    acceptance: Annotated[
        str | None, typer.Option("--acceptance", help=_("passed or failed (合格 / 不合格); none recorded until given: a result notice then says 未验收."))
    ] = None,
    note: Annotated[str, typer.Option("--note", help=_("Anything worth keeping."))] = "",
    started: Annotated[str | None, typer.Option("--started", help=_("The day the work actually started."))] = None,
    accepted_on: Annotated[str | None, typer.Option("--accepted-on", help=_("The day it was inspected (验收日期)."))] = None,
    audited: Annotated[str | None, typer.Option("--audited", help=_("The audited amount in yuan (审计金额), where there is one."))] = None,
    next_steps: Annotated[str, typer.Option("--next", help=_("What happens next, where acceptance failed or the cost overran."))] = "",
    reaccepted: Annotated[
        str | None, typer.Option("--reaccepted", help=_("The day of an acceptance again (复验) after a failed one: recorded beside it, with --acceptance."))
    ] = None,
) -> None:
    """Record the implementation: completion, acceptance and actual cost."""
    from fourtwo.disclosure.implement import Work
    from fourtwo.disclosure.implement import implement as core
    from fourtwo.findings.errors import InputError
    from fourtwo.model.project import ACCEPTANCE, ACCEPTANCE_NAMES

    verdict = ACCEPTANCE.parse(acceptance) if acceptance is not None else ""
    if verdict is None:
        raise InputError("FT905", what="--acceptance", value=acceptance, hint=T("passed or failed (合格 / 不合格)"))
    if reaccepted is not None:
        extra = {"--completed": completed, "--started": started, "--accepted-on": accepted_on, "--contractor": contractor or None, "--audited": audited}
        _reaccept(project, reaccepted, verdict, extra, cost, accepted_by.strip(), note.strip(), next_steps.strip())
        return
    for option, value in (("--completed", completed), ("--cost", cost)):
        if value is None:
            raise InputError(
                "FT636",
                option=option,
                why=T("is needed to record the implementation"),
                hint=T("for an acceptance again after a failed one, give --reaccepted DAY --acceptance passed instead"),
            )
    assert completed is not None and cost is not None  # both checked just above
    amount = parse_amount("--cost", cost)
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
    shown = Term(verdict, ACCEPTANCE_NAMES[verdict]) if verdict else _("not recorded (未验收)")
    out(_("recorded implementation completed {date}: cost {cost} 元, acceptance {verdict}").format(date=completed_on, cost=f"{amount:,.2f}", verdict=shown))


def _reaccept(project: Path, day: str, verdict: str, extra: dict[str, str | None], cost: str | None, accepted_by: str, note: str, next_steps: str) -> None:
    """`implement --reaccepted`: a re-acceptance (复验), its verdict required; what the first record
    holds of the work itself (completion, start, contractor) is not given again."""
    from fourtwo.disclosure.implement import Reacceptance, reaccept
    from fourtwo.findings.errors import InputError
    from fourtwo.model.project import ACCEPTANCE_NAMES

    given = next((option for option, value in extra.items() if value is not None), None)
    if given is not None:
        hint = T("the work's own record keeps it; to change it: fourtwo correct implementation {name} {option} … --reason …", name=project, option=given)
        raise InputError("FT636", option=given, why=T("does not go with --reaccepted"), hint=hint)
    if not verdict:
        raise InputError(
            "FT636", option="--reaccepted", why=T("needs --acceptance"), hint=T("say how the re-acceptance ended: --acceptance passed or --acceptance failed")
        )
    again = Reacceptance(
        accepted=parse_date("--reaccepted", day),
        acceptance=verdict,
        accepted_by=accepted_by,
        cost=parse_amount("--cost", cost) if cost is not None else None,
        note=note,
        next_steps=next_steps,
    )
    failed_on = reaccept(project, again)
    shown = Term(verdict, ACCEPTANCE_NAMES[verdict])
    out(
        _("recorded re-acceptance (复验) of {date}: {verdict}, after the failed acceptance of {failed}").format(
            date=again.accepted, verdict=shown, failed=failed_on
        )
    )


def _say(found: list[Diagnostic]) -> None:
    from fourtwo.findings.printers import error_line

    for d in found:
        typer.echo(error_line(d), err=True)


@command("object")
def object_(
    project: Annotated[Path, typer.Argument(metavar=_("PROJECT"), help=_("The project's folder or its project.yaml."))],
    text: Annotated[str, typer.Option("--text", help=_("The objection, or with --answer the answer."))],
    answer_to: Annotated[int | None, typer.Option("--answer", min=1, help=_("Answer objection N instead of raising one."))] = None,
    date: Annotated[str | None, typer.Option("--date", help=_("When it was raised (or answered); default today."))] = None,
    by: Annotated[str, typer.Option("--by", help=_("Who raised it (kept in the record, never printed on a notice)."))] = "",
) -> None:
    """Record an objection raised during a notice period, or its answer."""
    from fourtwo.disclosure.objections import answer, object_to
    from fourtwo.findings.errors import InputError

    if not text.strip():
        raise InputError("FT905", what="--text", value="''", hint=T("say what was objected, or answered"))
    when = parse_date("--date", date, project)
    if answer_to is None:
        number, late, said = object_to(project, when, text.strip(), by.strip())
        _say(said)
        if late is None:
            out(_("recorded objection {number} of {date}; the implementation waits until it is answered").format(number=number, date=when))
        else:
            out(
                _(
                    "recorded objection {number} of {date} as late: the notice of {posted} was up until {end}; answer it all the same (it is not counted as received within the period, and does not hold up the implementation by itself)"
                ).format(number=number, date=when, posted=late.date, end=late.period_end)
            )
    else:
        _say(answer(project, answer_to, text.strip(), when))
        out(_("recorded the answer to objection {number} ({date})").format(number=answer_to, date=when))


@command("verify")
def verify(
    notice: Annotated[
        Path,
        typer.Argument(
            metavar=_("NOTICE"),
            help=_("A notice file (from a project's notices/ folder, or a copy kept anywhere), or the trace code printed at its foot, e.g. 1035-C37A."),
        ),
    ],
    workspace: Annotated[
        Path | None,
        typer.Option(
            "--workspace", "-w", help=_("Where to look for the notice's project when the file is not in one, or for a trace code's notice; default: here.")
        ),
    ] = None,
) -> None:
    """Does a posted notice still match the project's records? Exit 0 matches, 1 changed."""
    from fourtwo.correct import corrections_of
    from fourtwo.disclosure import archive
    from fourtwo.disclosure.context import trace_code
    from fourtwo.disclosure.verify import verify as core

    verdict = core(notice, workspace)
    trace, kind, judged = trace_code(verdict.recorded), _(verdict.kind), verdict.standing
    if not verdict.text_known:
        out(_("cannot tell: the record of this {kind} notice (trace code {trace}) keeps no digest of its files (FT616)").format(kind=kind, trace=trace))
        raise typer.Exit(EXIT_FINDINGS)
    if not verdict.text_matches:
        out(_("changed: the text of this file is not what was published (trace code {trace}): it was edited after it was published").format(trace=trace))
        raise typer.Exit(EXIT_FINDINGS)
    if not judged.record.digest:
        out(_("cannot tell: the record of this {kind} notice keeps no digest of what it stated (FT616)").format(kind=kind))
        raise typer.Exit(EXIT_FINDINGS)
    if verdict.record_digest:
        out(
            _(
                "changed: this notice prints trace code {trace}, but its record now keeps trace code {now}: the record was changed after it was published (FT621)"
            ).format(trace=trace, now=trace_code(verdict.record_digest))
        )
        raise typer.Exit(EXIT_FINDINGS)
    if verdict.kept_as:
        out(
            _(
                "changed: its record keeps this {kind} notice as {names}, not under this name: the archive was changed after it was published (check: FT607, FT614, FT615)"
            ).format(kind=kind, names=listing(verdict.kept_as))
        )
        raise typer.Exit(EXIT_FINDINGS)
    if judged.problem:
        why = {
            archive.MISSING: _("its facts document {path} is not there"),
            archive.CHANGED: _("its facts document {path} is not the one published with it"),
            archive.UNREADABLE: _("its facts document {path} cannot be read ({why})"),
            archive.NEWER: _("its facts document {path} was written by a newer fourtwo (facts schema {schema})"),
        }[judged.problem]
        out(_("cannot tell: {why}").format(why=why.format(path=judged.record.facts, why=_(judged.why), schema=judged.schema)))
        raise typer.Exit(EXIT_FINDINGS)
    newer = verdict.superseded_by
    if newer is not None:  # history, true on its day: what it states is judged by the newer one, not an error
        out(
            _("superseded: a later {kind} notice was posted on {date} (trace code {trace}); this one is kept as history").format(
                kind=kind, date=newer.date, trace=trace_code(newer.digest) if newer.digest else "—"
            )
        )
        for fact in corrections_of(verdict.project, verdict.recorded):
            out("  " + _("corrected since: {correction}").format(correction=fact))
        raise typer.Exit(EXIT_OK)
    if verdict.matches:
        out(_("matches: the {kind} notice (trace code {trace}) says what the records say").format(kind=kind, trace=trace))
        raise typer.Exit(EXIT_OK)
    if judged.legacy:
        out(
            _(
                "changed: the records no longer give what this {kind} notice (trace code {trace}) states; it was published before facts documents, so fourtwo cannot say which fact"
            ).format(kind=kind, trace=trace)
        )
    else:
        out(_("changed: the records no longer give what this {kind} notice (trace code {trace}) states:").format(kind=kind, trace=trace))
        for difference in judged.differences:
            out("  " + difference.sentence())
    for fact in corrections_of(verdict.project, verdict.recorded):  # what changed, as the record's history says
        out("  " + _("corrected since: {correction}").format(correction=fact))
    raise typer.Exit(EXIT_FINDINGS)
