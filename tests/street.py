"""A street office's folder of workspaces, each project built to raise exactly the flags
named in EXPECTED on AS_OF (or none), for the office's tests (report, export, Spark)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import write_tree

AS_OF = dt.date(2026, 6, 30)

_WS = """\
organisation: {{name: {name}, kind: {kind}, region: 宁夏回族自治区银川市兴庆区解放西街街道}}
party_organisation: {{name: 中共{name}委员会}}
committee: {{name: {name}委员会}}
notice: {{hotline: 0951-6012345, posting_place: 公开栏}}
"""
_REGISTER = "楼栋,单元,房号,户主\n" + "".join(f"{b},1,{r}01,户{b}{r}\n" for b in (1, 2) for r in range(1, 6))
_HEAD = "id: {pid}\ntitle: 项目{pid}\nprocedure: {proc}\nmatter: 改造\nbudget: {{amount: 100000, funding: 专项资金}}\n{extra}steps:\n"


def _meeting(step: str, day: dt.date, members: int = 5, present: int = 5, votes: int = 5) -> str:
    return f"  - {{step: {step}, date: {day}, members: {members}, present: {present}, for: {votes}}}\n"


def _community_reviews(day: dt.date) -> str:
    return _meeting("branch", day) + _meeting("committee", day + dt.timedelta(days=2))


def _village_meetings(day: dt.date) -> str:
    d = dt.timedelta
    return (
        _meeting("branch", day)
        + _meeting("committee", day + d(days=2), 9, 8, 8)
        + _meeting("members", day + d(days=5), 40, 35, 33)
        + _meeting("assembly", day + d(days=8), 41, 35, 33)
    )


def _notice(step: str, day: dt.date, days: int = 7) -> str:
    return f"  - {{step: {step}, date: {day}, period_start: {day}, period_end: {day + dt.timedelta(days=days)}}}\n"


def _done(day: dt.date, started: dt.date | None = None) -> str:
    start = f", started: {started}" if started else ""
    return f"  - {{step: implementation, date: {day}{start}, cost: 98000, contractor: 某公司, accepted_by: 街道, acceptance: passed}}\n"


def _visits(day: dt.date, heard: int) -> str:
    rows = [f"{b}-1-{r}01,agree,网格员,{day},in_person,\n" for b in (1, 2) for r in range(1, 6)][:heard]
    return "household,opinion,by,date,channel,note\n" + "".join(rows)


def _project(pid: str, proc: str, steps: str, extra: str = "") -> str:
    if proc == "community":
        extra = "households: {register: households/r.csv}\n" + extra
    return _HEAD.format(pid=pid, proc=proc, extra=extra) + steps


# Project id → the flags it must raise on AS_OF (an empty set: a clean project).
EXPECTED: dict[str, set[str]] = {
    "clean-community": set(),
    "clean-village": set(),
    "stuck": {"stuck"},
    "unposted": {"unposted"},
    "below-threshold": {"below_threshold"},
    "work-early": {"work_early"},
    "unanswered": {"unanswered"},
    "canvass-open": {"canvass_open"},
    "no-result": {"no_result"},
    "unimplemented": {"unimplemented"},
}


def write_street(root: Path) -> Path:
    """Three workspaces under `root`: two communities and a village."""
    d = dt.timedelta
    day = AS_OF - d(days=200)
    community_a = {
        "clean-community": _community_reviews(day)
        + _meeting("assembly", day + d(days=20), 45, 40, 38)
        + _notice("resolution_notice", day + d(days=22))
        + _done(day + d(days=60), day + d(days=31))
        + _notice("result_notice", day + d(days=65)),
        "stuck": _community_reviews(AS_OF - d(days=3 * 365)),
        "below-threshold": _community_reviews(day) + _meeting("assembly", day + d(days=20), 45, 40, 38) + _notice("resolution_notice", day + d(days=22)),
        "canvass-open": _community_reviews(day),
    }
    visits = {"clean-community": (day + d(days=10), 8), "below-threshold": (day + d(days=10), 2), "canvass-open": (day + d(days=10), 3)}
    files: dict[str, str | bytes] = {"甲社区/fourtwo.yaml": _WS.format(name="甲社区", kind="community"), "甲社区/households/r.csv": _REGISTER}
    for pid, steps in community_a.items():
        files[f"甲社区/projects/{pid}/project.yaml"] = _project(pid, "community", steps)
        if pid in visits:
            files[f"甲社区/projects/{pid}/canvass.csv"] = _visits(*visits[pid])
    objection = f"objections:\n  - {{number: 1, date: {AS_OF - d(days=40)}, by: 张三, text: 请回电13812345678商量}}\n"
    village = {
        "clean-village": (
            _village_meetings(day)
            + _notice("resolution_notice", day + d(days=9))
            + _done(day + d(days=40), day + d(days=20))
            + _notice("result_notice", day + d(days=45)),
            "",
        ),
        "unposted": (_village_meetings(day), ""),
        "work-early": (
            _village_meetings(day)
            + _notice("resolution_notice", day + d(days=9))
            + _done(day + d(days=40), day + d(days=12))
            + _notice("result_notice", day + d(days=45)),
            "",
        ),
        "unanswered": (
            _village_meetings(day)
            + _notice("resolution_notice", day + d(days=9))
            + _done(day + d(days=40), day + d(days=20))
            + _notice("result_notice", day + d(days=45)),
            objection,
        ),
        "no-result": (_village_meetings(day) + _notice("resolution_notice", day + d(days=9)) + _done(day + d(days=40), day + d(days=20)), ""),
        "unimplemented": (
            _village_meetings(day) + _notice("resolution_notice", day + d(days=9)),
            f"schedule: {{start: {day + d(days=20)}, end: {day + d(days=90)}}}\n",
        ),
    }
    files["乙村/fourtwo.yaml"] = _WS.format(name="乙村", kind="village")
    for pid, (steps, extra) in village.items():
        text = _project(pid, "village", steps)
        files[f"乙村/projects/{pid}/project.yaml"] = (
            text + extra if extra.startswith("objections") else _HEAD.format(pid=pid, proc="village", extra=extra) + steps
        )
    files["丙社区/fourtwo.yaml"] = _WS.format(name="丙社区", kind="community")  # a workspace with no project yet
    files["丙社区/projects/.keep"] = ""
    return write_tree(root, files)
