"""`fourtwo correct meeting|withdraw|objection|exclusion|implementation|project|workspace`: a recorded fact corrected, its history kept.

Each takes the options of the command that recorded the fact (`review`, `object`,
`implement`, `new`, `canvass exclude`) for the values that were wrong, and `--reason`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from fourtwo.cli._app import EXIT_FINDINGS, Group, app, command, lang_option, out, parse_amount, parse_date
from fourtwo.i18n import T, _

if TYPE_CHECKING:
    from fourtwo.correct import Corrected, Value

correct = typer.Typer(
    cls=Group,
    help=_("Correct a recorded fact: a meeting, an objection, an exclusion, the implementation, the project; the old value and the reason are kept."),
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(correct, name="correct")

_MAX = 10_000_000
Project = Annotated[Path, typer.Argument(metavar=_("PROJECT"), help=_("The project's folder or its project.yaml."))]
Reason = Annotated[str, typer.Option("--reason", help=_("Why it is corrected: kept in the record's history."))]
On = Annotated[str | None, typer.Option("--on", help=_("The day of the correction; default today."))]


@correct.callback()
def _group(
    lang: str | None = typer.Option(None, "--lang", metavar="zh|en", callback=lang_option, is_eager=True, help=_("Language of the output: zh (中文) or en.")),
) -> None:
    """Correct a recorded fact: a meeting, an objection, an exclusion, the implementation, the project; the old value and the reason are kept."""


@command("meeting", group=correct)
def meeting(
    project: Project,
    step: Annotated[str, typer.Argument(metavar=_("STEP"), help=_("The meeting step, as review takes it: branch, 党支部, assembly, 居民代表会议 ..."))],
    reason: Reason,
    held: Annotated[str | None, typer.Option("--held", help=_("Which record of the step, by the day it was held; default the latest."))] = None,
    date: Annotated[str | None, typer.Option("--date", help=_("The day it was really held."))] = None,
    place: Annotated[str | None, typer.Option("--place", help=_("Where it was held."))] = None,
    members: Annotated[int | None, typer.Option("--members", min=0, max=_MAX, help=_("应到: members entitled to attend."))] = None,
    present: Annotated[int | None, typer.Option("--present", min=0, max=_MAX, help=_("实到: members present."))] = None,
    votes_for: Annotated[int | None, typer.Option("--for", min=0, max=_MAX, help=_("同意: votes for."))] = None,
    against: Annotated[int | None, typer.Option("--against", min=0, max=_MAX, help=_("反对: votes against."))] = None,
    abstain: Annotated[int | None, typer.Option("--abstain", min=0, max=_MAX, help=_("弃权: abstentions."))] = None,
    households: Annotated[
        int | None, typer.Option("--households", min=0, max=_MAX, help=_("户数, for a meeting counted by household representatives."))
    ] = None,
    households_present: Annotated[int | None, typer.Option("--households-present", min=0, max=_MAX, help=_("到会户数."))] = None,
    representatives: Annotated[int | None, typer.Option("--representatives", min=0, max=_MAX, help=_("村民代表 among the members."))] = None,
    representatives_for: Annotated[
        int | None, typer.Option("--representatives-for", min=0, max=_MAX, help=_("村民代表同意: the representatives' own votes for."))
    ] = None,
    nonvoting: Annotated[
        int | None, typer.Option("--nonvoting", min=0, max=_MAX, help=_("列席: attended without a vote (预备党员, 留党察看), never in 应到 or the votes."))
    ] = None,
    note: Annotated[str | None, typer.Option("--note", help=_("Anything worth keeping with the record."))] = None,
    on: On = None,
) -> None:
    """Correct a meeting's record: its counts, date, place or note; its result follows the counts."""
    from fourtwo import record_view
    from fourtwo.correct import correct_meeting

    wanted: dict[str, Value] = {
        "date": parse_date("--date", date) if date is not None else None,
        "place": place,
        "members": members,
        "present": present,
        "for": votes_for,
        "against": against,
        "abstain": abstain,
        "households": households,
        "households_present": households_present,
        "representatives": representatives,
        "representatives_for": representatives_for,
        "nonvoting": nonvoting,
        "note": note,
    }
    when = parse_date("--held", held) if held is not None else None
    done = correct_meeting(project, step, when, _given(wanted), reason, parse_date("--on", on, project))
    _report(project, done)
    if done.meeting is not None:
        out(record_view.meeting_summary(done.meeting, corrected=True))
        if not done.meeting.passed:
            raise typer.Exit(EXIT_FINDINGS)


@command("withdraw", group=correct)
def withdraw(
    project: Project,
    step: Annotated[str, typer.Argument(metavar=_("STEP"), help=_("The step recorded by mistake: a meeting, or the implementation."))],
    reason: Reason,
    held: Annotated[str | None, typer.Option("--held", help=_("Which record of the step, by the day it was held; default the latest."))] = None,
    on: On = None,
) -> None:
    """Withdraw a record made by mistake (a meeting not held, the wrong step): kept in the file, never judged again."""
    from fourtwo.correct import withdraw as core

    when = parse_date("--held", held) if held is not None else None
    _report(project, core(project, step, when, reason, parse_date("--on", on, project)))


@command("objection", group=correct)
def objection(
    project: Project,
    number: Annotated[int, typer.Argument(metavar=_("NUMBER"), min=1, help=_("The objection's number, as 'fourtwo show' lists it."))],
    reason: Reason,
    text: Annotated[str | None, typer.Option("--text", help=_("What was objected, as it should read (e.g. without a phone number)."))] = None,
    answer: Annotated[str | None, typer.Option("--answer", help=_("The answer, as it should read."))] = None,
    date: Annotated[str | None, typer.Option("--date", help=_("The day it was really raised."))] = None,
    answered: Annotated[str | None, typer.Option("--answered", help=_("The day it was really answered."))] = None,
    by: Annotated[str | None, typer.Option("--by", help=_("Who raised it (kept in the record, never printed on a notice)."))] = None,
    on: On = None,
) -> None:
    """Correct an objection or its answer: its text (to take out a phone number, say), its dates, who raised it."""
    from fourtwo.correct import correct_objection

    for option, value in (("--text", text), ("--answer", answer)):
        if value is not None and not value.strip():
            _refuse_empty(option)
    wanted: dict[str, Value] = {
        "text": text.strip() if text else None,
        "answer": answer.strip() if answer else None,
        "date": parse_date("--date", date) if date is not None else None,
        "answered": parse_date("--answered", answered) if answered is not None else None,
        "by": by.strip() if by is not None else None,
    }
    _report(project, correct_objection(project, number, _given(wanted), reason, parse_date("--on", on, project)))


@command("exclusion", group=correct)
def exclusion(
    project: Project,
    household: Annotated[str, typer.Argument(metavar=_("HOUSEHOLD"), help=_("The household left out, by its id on the register (3-2-501)."))],
    reason: Reason,
    withdraw: Annotated[
        bool, typer.Option("--withdraw", help=_("The exclusion was recorded by mistake: withdraw it (kept as history, never counted)."))
    ] = False,
    although_heard: Annotated[
        str | None, typer.Option("--although-heard", help=_("Why a household already heard is left out all the same (its opinion leaves the counts)."))
    ] = None,
    why: Annotated[str | None, typer.Option("--why", help=_("Why it is left out, as it should read (e.g. without a phone number)."))] = None,
    left_out: Annotated[
        str | None, typer.Option("--left-out", help=_("Which exclusion of the household, by the day it was decided; default the latest."))
    ] = None,
    on: On = None,
) -> None:
    """Correct a household's exclusion from the canvass: withdraw one recorded by mistake, or say why one stands."""
    from fourtwo.correct import correct_exclusion
    from fourtwo.findings.errors import InputError

    if although_heard is not None and not although_heard.strip():
        _refuse_empty("--although-heard")
    if why is not None and not why.strip():
        _refuse_empty("--why")
    if withdraw and (although_heard is not None or why is not None):
        raise InputError(
            "FT905",
            what="--although-heard" if although_heard is not None else "--why",
            value=although_heard if although_heard is not None else why,
            hint=T("a withdrawn exclusion needs no reason to stand: give one of --withdraw and --although-heard"),
        )
    if not withdraw and although_heard is None and why is None:
        raise InputError(
            "FT905", what=T("the correction"), value=T("(no change)"), hint=T("give --withdraw, --why with the reason as it should read, or --although-heard")
        )
    wanted: dict[str, Value] = {
        "withdrawn": True if withdraw else None,
        "although_heard": although_heard.strip() if although_heard else None,
        "reason": why.strip() if why else None,
    }
    when = parse_date("--left-out", left_out) if left_out is not None else None
    _report(project, correct_exclusion(project, household, when, _given(wanted), reason, parse_date("--on", on, project)))


@command("implementation", group=correct)
def implementation(
    project: Project,
    reason: Reason,
    completed: Annotated[str | None, typer.Option("--completed", help=_("Completion date, YYYY-MM-DD."))] = None,
    cost: Annotated[str | None, typer.Option("--cost", help=_("Actual cost in yuan, e.g. 183260.50."))] = None,
    contractor: Annotated[str | None, typer.Option("--contractor", help=_("Who carried it out (施工单位)."))] = None,
    accepted_by: Annotated[str | None, typer.Option("--accepted-by", help=_("Who inspected and accepted it (验收)."))] = None,
    acceptance: Annotated[str | None, typer.Option("--acceptance", help=_("passed or failed (合格 / 不合格)."))] = None,
    started: Annotated[str | None, typer.Option("--started", help=_("The day the work actually started."))] = None,
    accepted_on: Annotated[str | None, typer.Option("--accepted-on", help=_("The day it was inspected (验收日期)."))] = None,
    audited: Annotated[str | None, typer.Option("--audited", help=_("The audited amount in yuan (审计金额), where there is one."))] = None,
    next_steps: Annotated[str | None, typer.Option("--next", help=_("What happens next, where acceptance failed or the cost overran."))] = None,
    note: Annotated[str | None, typer.Option("--note", help=_("Anything worth keeping."))] = None,
    on: On = None,
) -> None:
    """Correct the implementation's record, or add what it lacks (what happens next, the audited amount)."""
    from fourtwo.correct import correct_implementation
    from fourtwo.findings.errors import InputError
    from fourtwo.model.project import ACCEPTANCE

    verdict = ACCEPTANCE.parse(acceptance) if acceptance is not None else None
    if acceptance is not None and verdict is None:
        raise InputError("FT905", what="--acceptance", value=acceptance, hint=T("passed or failed (合格 / 不合格)"))
    wanted: dict[str, Value] = {
        "date": parse_date("--completed", completed) if completed is not None else None,
        "cost": parse_amount("--cost", cost) if cost is not None else None,
        "contractor": contractor.strip() if contractor is not None else None,
        "accepted_by": accepted_by.strip() if accepted_by is not None else None,
        "acceptance": verdict,
        "started": parse_date("--started", started) if started is not None else None,
        "accepted": parse_date("--accepted-on", accepted_on) if accepted_on is not None else None,
        "audited": parse_amount("--audited", audited) if audited is not None else None,
        "next_steps": next_steps.strip() if next_steps is not None else None,
        "note": note.strip() if note is not None else None,
    }
    _report(project, correct_implementation(project, _given(wanted), reason, parse_date("--on", on, project)))


@command("project", group=correct)
def project_(
    project: Project,
    reason: Reason,
    title: Annotated[str | None, typer.Option("--title", help=_("The matter in a few words."))] = None,
    matter: Annotated[str | None, typer.Option("--matter", help=_("What is to be decided, as residents will read it."))] = None,
    basis: Annotated[str | None, typer.Option("--basis", help=_("Why and on what basis (依据)."))] = None,
    origin: Annotated[str | None, typer.Option("--origin", help=_("How the matter was raised."))] = None,
    place: Annotated[str | None, typer.Option("--place", help=_("Where the work is done."))] = None,
    contractor: Annotated[str | None, typer.Option("--contractor", help=_("Who carries the work out (施工单位)."))] = None,
    implementer: Annotated[str | None, typer.Option("--implementer", help=_("实施主体: who organises the work, as notices name it."))] = None,
    budget: Annotated[str | None, typer.Option("--budget", help=_("The budget in yuan, e.g. 186452.60."))] = None,
    funding: Annotated[str | None, typer.Option("--funding", help=_("Where the money comes from, e.g. 为民服务和发展专项资金."))] = None,
    start: Annotated[str | None, typer.Option("--start", help=_("Planned start."))] = None,
    end: Annotated[str | None, typer.Option("--end", help=_("Planned completion."))] = None,
    households: Annotated[Path | None, typer.Option("--households", help=_("The household register of the project (inside the workspace)."))] = None,
    on: On = None,
) -> None:
    """Correct what the project is: its title, matter, basis, place, who carries it out, budget, schedule or register."""
    from fourtwo.correct import correct_project

    wanted: dict[str, Value] = {
        "title": title.strip() if title is not None else None,
        "matter": matter.strip() if matter is not None else None,
        "basis": basis.strip() if basis is not None else None,
        "origin": origin.strip() if origin is not None else None,
        "place": place.strip() if place is not None else None,
        "contractor": contractor.strip() if contractor is not None else None,
        "implementer": implementer.strip() if implementer is not None else None,
        "budget.amount": parse_amount("--budget", budget) if budget is not None else None,
        "budget.funding": funding.strip() if funding is not None else None,
        "schedule.start": parse_date("--start", start) if start is not None else None,
        "schedule.end": parse_date("--end", end) if end is not None else None,
        "households.register": str(households) if households is not None else None,
    }
    _report(project, correct_project(project, _given(wanted), reason, parse_date("--on", on, project)))


@command("workspace", group=correct)
def workspace(
    folder: Annotated[Path, typer.Argument(metavar=_("FOLDER"), help=_("The workspace, or a folder in it; default: the current one."))] = Path("."),
    hotline: Annotated[str | None, typer.Option("--hotline", help=_("Supervision phone printed on every notice for objections."))] = None,
    posting_place: Annotated[str | None, typer.Option("--posting-place", help=_("Where notices are posted, e.g. 北苑社区居务公开栏."))] = None,
    objection_place: Annotated[
        str | None, typer.Option("--objection-place", help=_("Where residents may object in person, e.g. 北苑社区党群服务中心一楼."))
    ] = None,
    office_hours: Annotated[str | None, typer.Option("--office-hours", help=_("When that place takes objections, e.g. 工作日8:30—17:30."))] = None,
    supervision_review: Annotated[
        bool | None,
        typer.Option(
            "--supervision-review/--no-supervision-review",
            help=_("The supervision committee reviews every notice before it is posted: notices say so above its seal."),
        ),
    ] = None,
    period: Annotated[int | None, typer.Option("--period", min=1, max=365, help=_("How long a notice stays posted, in days."))] = None,
    unit: Annotated[
        str | None,
        typer.Option("--unit", metavar="calendar_days|working_days", help=_("How the period is counted: calendar_days (日历日) or working_days (工作日).")),
    ] = None,
    name: Annotated[str | None, typer.Option("--name", help=_("The community's or village's name, as notices print it."))] = None,
    region: Annotated[str | None, typer.Option("--region", help=_("Province, city, district and street or township."))] = None,
    secretary: Annotated[str | None, typer.Option("--secretary", help=_("The party organisation's secretary (书记)."))] = None,
    director: Annotated[str | None, typer.Option("--director", help=_("The committee's director (主任); the secretary's name here too means 一肩挑."))] = None,
    supervision_chair: Annotated[str | None, typer.Option("--supervision-chair", help=_("The supervision committee's chair."))] = None,
    supervision_phone: Annotated[
        str | None, typer.Option("--supervision-phone", help=_("The supervision committee's phone, printed after its name on notices."))
    ] = None,
    site_url: Annotated[
        str | None,
        typer.Option("--site-url", help=_("The public site's address, e.g. https://beiyuan.example.org/board/ (notices then carry a QR code to it).")),
    ] = None,
    site_folder: Annotated[
        str | None, typer.Option("--site-folder", help=_("Where 'fourtwo site' builds the site, outside the workspace (relative to it), e.g. ../beiyuan-site."))
    ] = None,
    holiday_year: Annotated[
        int | None,
        typer.Option(
            "--holiday-year", min=2000, max=2200, help=_("A year the holiday calendar does not know yet, declared with --days-off and --working-days.")
        ),
    ] = None,
    days_off: Annotated[
        str | None,
        typer.Option(
            "--days-off",
            help=_("That year's days off as the State Council's notice lists them, weekends inside a holiday too, e.g. 2027-01-01,2027-02-16~2027-02-22."),
        ),
    ] = None,
    working_days: Annotated[
        str | None, typer.Option("--working-days", help=_("That year's make-up working days on a weekend (调休上班), e.g. 2027-02-07."))
    ] = None,
) -> None:
    """The workspace's settings, filled in or corrected: the hotline, where notices are posted, their period, who holds which post, the public site, a year's holidays (kept in fourtwo.yaml)."""
    from fourtwo.cli._app import parse_days, word
    from fourtwo.findings.errors import InputError
    from fourtwo.settings import HolidayYear, set_settings

    wanted: dict[str, Value] = {
        "notice.hotline": hotline,
        "notice.posting_place": posting_place,
        "notice.objection_place": objection_place,
        "notice.office_hours": office_hours,
        "notice.supervision_review": supervision_review,
        "notice.period": period,
        "notice.unit": word("--unit", unit, ("calendar_days", "working_days"), {"日历日": "calendar_days", "自然日": "calendar_days", "工作日": "working_days"})
        if unit is not None
        else None,
        "organisation.name": name,
        "organisation.region": region,
        "party_organisation.secretary": secretary,
        "committee.director": director,
        "supervision_committee.chair": supervision_chair,
        "supervision_committee.phone": supervision_phone,
        "site.url": site_url,
        "site.folder": site_folder,
    }
    cleaned = {key: value.strip() if isinstance(value, str) else value for key, value in _given(wanted).items()}
    if holiday_year is None and (days_off is not None or working_days is not None):
        given = "--days-off" if days_off is not None else "--working-days"
        raise InputError("FT905", what=given, value=days_off or working_days or "", hint=T("these are the days of one year: give it with --holiday-year"))
    year = None
    if holiday_year is not None:
        off = parse_days("--days-off", days_off) if days_off is not None else None
        year = HolidayYear(holiday_year, off, parse_days("--working-days", working_days) if working_days is not None else None)
    changes = set_settings(folder, cleaned, year)
    out(_("fourtwo.yaml:"))
    for change in changes:
        out("  " + _("{key}: {old} → {new}").format(key=change.key, old=change.old or _("(not recorded)"), new=change.new or _("(empty)")))


def _given(wanted: dict[str, Value]) -> dict[str, Value]:
    """The values typed; nothing typed is nothing to correct (the core says so)."""
    return {key: value for key, value in wanted.items() if value is not None}


def _refuse_empty(option: str) -> None:
    from fourtwo.findings.errors import InputError

    raise InputError("FT905", what=option, value="''", hint=T("write the text as it should read"))


def _report(project: Path, done: Corrected) -> None:
    from fourtwo.findings.printers import display_path, error_line

    for warning in done.warnings:
        typer.echo(error_line(warning), err=True)
    out(_("corrected {record}:").format(record=done.record))
    for change in done.changed:
        out("  " + _("{key}: {old} → {new}").format(key=change.key, old=change.old or _("(not recorded)"), new=change.new or _("(empty)")))
    for notice in done.notices:
        kind = _(notice.kind)
        if notice.matches:
            out(_("the {kind} notice posted {date} ({file}) matches its records again").format(kind=kind, date=notice.date, file=notice.file))
            continue
        out(
            _("this changes what the {kind} notice posted {date} ({file}) says: publish it again (fourtwo publish {project} {word})").format(
                kind=kind, date=notice.date, file=notice.file, project=display_path(project), word=kind
            )
        )
