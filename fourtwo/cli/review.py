"""`fourtwo review STEP PROJECT ...`: record one meeting step, or refuse it with the rule and figures."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Annotated

import typer

from fourtwo.cli._app import EXIT_FINDINGS, command, out, parse_amount, parse_date
from fourtwo.i18n import T, _, split_words

_MAX = 10_000_000
Count = Annotated[int, typer.Option(min=0, max=_MAX)]


@command("review")
def review(
    step: Annotated[
        str, typer.Argument(metavar=_("STEP"), help=_("The meeting step, as the procedure names it: branch, committee, street, members, assembly ..."))
    ],
    project: Annotated[Path, typer.Argument(metavar=_("PROJECT"), help=_("The project's folder or its project.yaml."))],
    members: Annotated[int, typer.Option("--members", min=0, max=_MAX, help=_("应到: members entitled to attend (voting members for a party meeting)."))],
    present: Annotated[int, typer.Option("--present", min=0, max=_MAX, help=_("实到: members present."))],
    votes_for: Annotated[int, typer.Option("--for", min=0, max=_MAX, help=_("同意: votes for."))],
    against: Annotated[int | None, typer.Option("--against", min=0, max=_MAX, help=_("反对: votes against."))] = None,
    abstain: Annotated[int | None, typer.Option("--abstain", min=0, max=_MAX, help=_("弃权: abstentions."))] = None,
    date: Annotated[str | None, typer.Option("--date", help=_("When it was held, YYYY-MM-DD; default today."))] = None,
    place: Annotated[str, typer.Option("--place", help=_("Where it was held."))] = "",
    minutes: Annotated[Path | None, typer.Option("--minutes", help=_("The minutes file, inside the workspace."))] = None,
    note: Annotated[str, typer.Option("--note", help=_("Anything worth keeping with the record."))] = "",
    form: Annotated[str, typer.Option("--form", help=_("Which form of the step was held, e.g. villagers (村民会议)."))] = "",
    households: Annotated[
        int | None, typer.Option("--households", min=0, max=_MAX, help=_("户数, for a meeting counted by household representatives."))
    ] = None,
    households_present: Annotated[int | None, typer.Option("--households-present", min=0, max=_MAX, help=_("到会户数."))] = None,
    representatives: Annotated[
        int | None, typer.Option("--representatives", min=0, max=_MAX, help=_("村民代表 among the members (land contracting: two thirds of them must agree)."))
    ] = None,
    representatives_for: Annotated[
        int | None,
        typer.Option(
            "--representatives-for", min=0, max=_MAX, help=_("村民代表同意: the representatives' own votes for (land contracting counts only these).")
        ),
    ] = None,
    nonvoting: Annotated[
        int | None,
        typer.Option("--nonvoting", min=0, max=_MAX, help=_("列席: attended without a vote (预备党员, 留党察看): kept apart, never in 应到 or the votes.")),
    ] = None,
    area: Annotated[str | None, typer.Option("--area", help=_("Owners' meetings: floor area of all owners, m²."))] = None,
    area_present: Annotated[str | None, typer.Option("--area-present", help=_("Owners' meetings: floor area taking part, m²."))] = None,
    area_for: Annotated[str | None, typer.Option("--area-for", help=_("Owners' meetings: floor area in favour, m²."))] = None,
    merges: Annotated[list[str] | None, typer.Option("--merges", help=_("An earlier step this meeting also served as (一肩挑), e.g. branch."))] = None,
    merged_members: Annotated[
        int | None, typer.Option("--merged-members", min=0, max=_MAX, help=_("一肩挑: the merged step's own 应到 (e.g. the 支委)."))
    ] = None,
    merged_present: Annotated[int | None, typer.Option("--merged-present", min=0, max=_MAX, help=_("一肩挑: the merged step's own 实到."))] = None,
    merged_for: Annotated[int | None, typer.Option("--merged-for", min=0, max=_MAX, help=_("一肩挑: the merged step's own 同意."))] = None,
    merged_against: Annotated[int | None, typer.Option("--merged-against", min=0, max=_MAX, help=_("一肩挑: the merged step's own 反对."))] = None,
    merged_abstain: Annotated[int | None, typer.Option("--merged-abstain", min=0, max=_MAX, help=_("一肩挑: the merged step's own 弃权."))] = None,
    record_failed: Annotated[bool, typer.Option("--record-failed", help=_("Keep the record of a meeting that failed its rules (exit 1)."))] = False,
) -> None:
    """Record a meeting step; refuse it when the rules or the order of steps forbid it."""
    from fourtwo import record_view
    from fourtwo.deliberation.review import ReviewRequest
    from fourtwo.deliberation.review import review as record
    from fourtwo.findings import Loc
    from fourtwo.findings.errors import InputError
    from fourtwo.model.project import MeetingRecord, MergedCounts

    merged = []
    for step_merged in [word for typed in merges or [] for word in split_words(typed)]:
        if merged_members is None or merged_present is None or merged_for is None:
            hint = T(
                "give the counts of '{step}' itself: --merged-members N --merged-present N --merged-for N (its rule is judged on its own members)",
                step=step_merged,
            )
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
        representatives_for=representatives_for,
        nonvoting=nonvoting,
        area=_area("--area", area),
        area_present=_area("--area-present", area_present),
        area_for=_area("--area-for", area_for),
        form=form,
        merges=[word for typed in merges or [] for word in split_words(typed)],
        merged=merged,
        note=note,
    )
    request = ReviewRequest(meeting, minutes, record_failed)
    result = record(project, request)
    out(record_view.meeting_summary(result.meeting))
    if not result.meeting.passed:
        raise typer.Exit(EXIT_FINDINGS)


def _area(option: str, value: str | None) -> Decimal | None:
    return None if value is None else parse_amount(option, value, "square metres", "8650.25")
