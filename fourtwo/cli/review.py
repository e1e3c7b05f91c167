"""`fourtwo review STEP PROJECT ...`: record one meeting step, or refuse it with the rule and figures."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Annotated

import typer

from fourtwo.cli._app import EXIT_FINDINGS, command, out, parse_amount, parse_date

_MAX = 10_000_000
Count = Annotated[int, typer.Option(min=0, max=_MAX)]


@command("review")
def review(
    step: Annotated[str, typer.Argument(metavar="STEP", help="The meeting step, as the procedure names it: branch, committee, street, members, assembly ...")],
    project: Annotated[Path, typer.Argument(metavar="PROJECT", help="The project's folder or its project.yaml.")],
    members: Annotated[int, typer.Option("--members", min=0, max=_MAX, help="应到: members entitled to attend (voting members for a party meeting).")],
    present: Annotated[int, typer.Option("--present", min=0, max=_MAX, help="实到: members present.")],
    votes_for: Annotated[int, typer.Option("--for", min=0, max=_MAX, help="同意: votes for.")],
    against: Annotated[int | None, typer.Option("--against", min=0, max=_MAX, help="反对: votes against.")] = None,
    abstain: Annotated[int | None, typer.Option("--abstain", min=0, max=_MAX, help="弃权: abstentions.")] = None,
    date: Annotated[str | None, typer.Option("--date", help="When it was held, YYYY-MM-DD; default today.")] = None,
    place: Annotated[str, typer.Option("--place", help="Where it was held.")] = "",
    minutes: Annotated[Path | None, typer.Option("--minutes", help="The minutes file, inside the workspace.")] = None,
    note: Annotated[str, typer.Option("--note", help="Anything worth keeping with the record.")] = "",
    form: Annotated[str, typer.Option("--form", help="Which form of the step was held, e.g. villagers (村民会议).")] = "",
    households: Annotated[int | None, typer.Option("--households", min=0, max=_MAX, help="户数, for a meeting counted by household representatives.")] = None,
    households_present: Annotated[int | None, typer.Option("--households-present", min=0, max=_MAX, help="到会户数.")] = None,
    representatives: Annotated[
        int | None, typer.Option("--representatives", min=0, max=_MAX, help="村民代表 among the members (land contracting: two thirds of them must agree).")
    ] = None,
    area: Annotated[str | None, typer.Option("--area", help="Owners' meetings: floor area of all owners, m².")] = None,
    area_present: Annotated[str | None, typer.Option("--area-present", help="Owners' meetings: floor area taking part, m².")] = None,
    area_for: Annotated[str | None, typer.Option("--area-for", help="Owners' meetings: floor area in favour, m².")] = None,
    merges: Annotated[list[str] | None, typer.Option("--merges", help="An earlier step this meeting also served as (一肩挑), e.g. branch.")] = None,
    merged_members: Annotated[int | None, typer.Option("--merged-members", min=0, max=_MAX, help="一肩挑: the merged step's own 应到 (e.g. the 支委).")] = None,
    merged_present: Annotated[int | None, typer.Option("--merged-present", min=0, max=_MAX, help="一肩挑: the merged step's own 实到.")] = None,
    merged_for: Annotated[int | None, typer.Option("--merged-for", min=0, max=_MAX, help="一肩挑: the merged step's own 同意.")] = None,
    merged_against: Annotated[int | None, typer.Option("--merged-against", min=0, max=_MAX, help="一肩挑: the merged step's own 反对.")] = None,
    merged_abstain: Annotated[int | None, typer.Option("--merged-abstain", min=0, max=_MAX, help="一肩挑: the merged step's own 弃权.")] = None,
    record_failed: Annotated[bool, typer.Option("--record-failed", help="Keep the record of a meeting that failed its rules (exit 1).")] = False,
) -> None:
    """Record a meeting step; refuse it when the rules or the order of steps forbid it."""
    from fourtwo import views
    from fourtwo.deliberation.review import ReviewRequest
    from fourtwo.deliberation.review import review as record
    from fourtwo.findings import Loc
    from fourtwo.findings.errors import InputError
    from fourtwo.model.project import MeetingRecord, MergedCounts

    merged = []
    for step_merged in merges or []:
        if merged_members is None or merged_present is None or merged_for is None:
            hint = f"give the counts of '{step_merged}' itself: --merged-members N --merged-present N --merged-for N (its rule is judged on its own members)"
            raise InputError("FT905", what="--merges", value=step_merged, hint=hint)
        merged.append(
            MergedCounts(
                loc=Loc(Path("")),
                step=step_merged,
                members=merged_members,
                present=merged_present,
                votes_for=merged_for,
                against=merged_against,
                abstain=merged_abstain,
            )
        )

    meeting = MeetingRecord(
        loc=Loc(Path("")),
        step=step,
        date=parse_date("--date", date, project),
        place=place,
        members=members,
        present=present,
        votes_for=votes_for,
        against=against,
        abstain=abstain,
        households=households,
        households_present=households_present,
        representatives=representatives,
        area=_area("--area", area),
        area_present=_area("--area-present", area_present),
        area_for=_area("--area-for", area_for),
        form=form,
        merges=list(merges or []),
        merged=merged,
        note=note,
    )
    request = ReviewRequest(meeting, minutes, record_failed)
    result = record(project, request)
    out(views.meeting_summary(result.meeting))
    if not result.meeting.passed:
        raise typer.Exit(EXIT_FINDINGS)


def _area(option: str, value: str | None) -> Decimal | None:
    return None if value is None else parse_amount(option, value, "square metres", "8650.25")
