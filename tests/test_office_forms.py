"""Every flag in each of the three forms a street folder holds: the village's, the 居民代表会议
form (`community`) and the seed's (`community-canvass`: the canvass decides and the progress
notice makes it public). Each project is built to raise exactly one flag, or none; the test
checks the flags, the day each counts from, the decision it names, and the `next due` column."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from conftest import cli, write_tree
from street import _REGISTER, _WS, AS_OF, _done, _meeting, _notice, _visits

d = dt.timedelta
DAY = AS_OF - d(days=200)  # most projects start here
OLD = AS_OF - d(days=700)  # the unimplemented one: its notice period ended long ago

# form → (procedure id, workspace kind, decision step id, its name, decision notice step id,
# days from the first meeting to the decision, has a canvass)
FORMS = {
    "village": ("village", "village", "assembly", "村民代表会议或村民会议决议", "resolution_notice", 8, False),
    "community": ("community", "community", "assembly", "居民代表会议决议", "resolution_notice", 20, True),
    "community-canvass": ("community-canvass", "community", "canvass", "入户征求意见", "progress_notice", 10, True),
}


def _reviews(form: str, day: dt.date) -> str:
    steps = _meeting("branch", day) + _meeting("committee", day + d(days=2))
    return steps + (_meeting("street", day + d(days=4)) if form == "community-canvass" else "")


def _decided(form: str, day: dt.date) -> str:
    """Every step up to the decision (the canvass's visits are written beside)."""
    if form == "village":
        return _reviews(form, day) + _meeting("members", day + d(days=5), 40, 35, 33) + _meeting("assembly", day + d(days=8), 41, 35, 33)
    if form == "community":
        return _reviews(form, day) + _meeting("assembly", day + d(days=20), 45, 40, 38)
    return _reviews(form, day)


def _projects(form: str) -> dict[str, tuple[dt.date, str, int, str]]:
    """Project id → (its first day, its steps, households heard on day + 10, extra keys)."""
    notice = FORMS[form][4]
    at = FORMS[form][5]

    def decided(day: dt.date, heard: int = 8) -> tuple[dt.date, str, int]:
        return day, _decided(form, day), heard

    def posted(day: dt.date, heard: int = 8) -> tuple[dt.date, str, int]:
        return day, _decided(form, day) + _notice(notice, day + d(days=at + 1)), heard

    def done(day: dt.date, started: int) -> str:
        return _done(day + d(days=at + 40), day + d(days=at + started))

    objection = f"objections:\n  - {{number: 1, date: {AS_OF - d(days=40)}, by: 张三, text: 请回电商量}}\n"
    built: dict[str, tuple[dt.date, str, int, str]] = {
        "clean": (DAY, posted(DAY)[1] + done(DAY, 20) + _notice("result_notice", DAY + d(days=at + 45)), 8, ""),
        "stuck": (AS_OF - d(days=3 * 365), _reviews(form, AS_OF - d(days=3 * 365)), 0, ""),
        "unposted": (*decided(DAY), ""),
        "waiting": (*posted(DAY), ""),  # the notice period is over, the work not yet late
        "unimplemented": (*posted(OLD), ""),
        "no-result": (DAY, posted(DAY)[1] + done(DAY, 20), 8, ""),
        "work-early": (DAY, posted(DAY)[1] + done(DAY, 3) + _notice("result_notice", DAY + d(days=at + 45)), 8, ""),
        "unanswered": (DAY, posted(DAY)[1] + done(DAY, 20) + _notice("result_notice", DAY + d(days=at + 45)), 8, objection),
    }
    if FORMS[form][6]:
        built["canvass-open"] = (DAY, _reviews(form, DAY), 3, "")
        built["below-threshold"] = (*posted(DAY, heard=2), "")
    return built


def _write(root: Path, form: str) -> Path:
    procedure, kind = FORMS[form][:2]
    files: dict[str, str | bytes] = {"fourtwo.yaml": _WS.format(name="丁" + kind, kind=kind)}
    if FORMS[form][6]:
        files["households/r.csv"] = _REGISTER
    for pid, (day, steps, heard, extra) in _projects(form).items():
        register = "households: {register: households/r.csv}\n" if FORMS[form][6] else ""
        head = f"id: {pid}\ntitle: 项目{pid}\nprocedure: {procedure}\nmatter: 改造\nbudget: {{amount: 100000, funding: 专项资金}}\n{register}"
        files[f"projects/{pid}/project.yaml"] = head + "steps:\n" + steps + extra
        if heard:
            files[f"projects/{pid}/canvass.csv"] = _visits(day + d(days=10), heard)
    return write_tree(root, files)


def _expected(form: str) -> dict[str, tuple[set[str], dict[str, dt.date], dt.date | None]]:
    """Project → (its flags, the day each counts from, its next step's due day)."""
    at = FORMS[form][5]
    decided = DAY + d(days=at)
    period_end = DAY + d(days=at + 8)
    finished = DAY + d(days=at + 40)
    stuck_from = AS_OF - d(days=3 * 365) + d(days=4 if form == "community-canvass" else 2)
    expected = {
        "clean": (set(), {}, None),
        "stuck": ({"stuck"}, {"stuck": stuck_from + d(days=180)}, stuck_from + d(days=180)),
        "unposted": ({"unposted"}, {"unposted": decided + d(days=7)}, decided + d(days=7)),
        "waiting": (set(), {}, period_end + d(days=365)),
        "unimplemented": (
            {"unimplemented"},
            {"unimplemented": OLD + d(days=at + 8 + 365)},
            OLD + d(days=at + 8 + 365),
        ),
        "no-result": ({"no_result"}, {"no_result": finished + d(days=30)}, finished + d(days=30)),
        "work-early": ({"work_early"}, {"work_early": DAY + d(days=at + 3)}, None),
        "unanswered": ({"unanswered"}, {"unanswered": AS_OF - d(days=40) + d(days=5)}, None),
    }
    if FORMS[form][6]:
        expected["canvass-open"] = ({"canvass_open"}, {"canvass_open": DAY + d(days=10 + 60)}, DAY + d(days=10 + 60))
        below_due = DAY + d(days=at + 8 + 365)  # posted: the work is next, due a year after the period
        expected["below-threshold"] = ({"below_threshold"}, {"below_threshold": DAY + d(days=at + 1)}, below_due)
    return expected


@pytest.fixture(scope="module")
def forms(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("forms")
    return {form: _write(root / form, form) for form in FORMS}


def _report(ws: Path, lang: str = "en") -> dict[str, dict[str, object]]:
    result = cli("report", ws, "--date", AS_OF.isoformat(), "--format", "json", "--lang", lang)
    assert result.exit_code == 1, result.output
    return {p["project"]: p for p in json.loads(result.stdout)["projects"]}


@pytest.mark.parametrize("form", FORMS)
def test_each_flag_and_the_next_due_day_in_every_form(forms: dict[str, Path], form: str) -> None:
    projects = _report(forms[form])
    expected = _expected(form)
    assert set(projects) == set(expected)
    for pid, (flags, since, due) in expected.items():
        raised = projects[pid]["flags"]
        assert isinstance(raised, list)
        assert {f["flag"] for f in raised} == flags, (form, pid, raised)
        assert {f["flag"]: f["since"] for f in raised} == {k: v.isoformat() for k, v in since.items()}, (form, pid)
        assert projects[pid]["next_due"] == (due.isoformat() if due else None), (form, pid, projects[pid]["next_step"])


@pytest.mark.parametrize("form", FORMS)
def test_the_decision_is_named_by_the_step_that_decides(forms: dict[str, Path], form: str) -> None:
    """The decision a flag names is the step whose completion is the decision: the assembly, or
    in the seed's form the canvass (入户征求意见), whose day is the decision's day."""
    step, name = FORMS[form][2:4]
    for lang, shown in (("en", step), ("zh", name)):
        projects = _report(forms[form], lang)
        for pid, slug in (("unposted", "unposted"), ("work-early", "work_early")):
            flag = next(f for f in projects[pid]["flags"] if f["flag"] == slug)  # type: ignore[attr-defined]
            assert (flag["item"], flag["item_name"]) == (step, name)
            assert f"（{shown}）" in flag["rule"] if lang == "zh" else f"({shown})" in flag["rule"]
