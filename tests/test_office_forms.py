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
        if heard and FORMS[form][6]:
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


@pytest.mark.parametrize("form", FORMS)
def test_errors_and_warnings_are_checks_own(forms: dict[str, Path], form: str) -> None:
    """A row's errors and warnings are what `fourtwo check` counts in the project's folder: an
    information note (FT420: a rule whose text is not quoted yet) is neither."""
    projects = _report(forms[form])
    noted = 0
    for pid, row in projects.items():
        checked = cli("check", forms[form] / "projects" / pid, "--format", "json")
        summary = json.loads(checked.stdout)["summary"]
        noted += summary["notes"]
        assert (row["errors"], row["warnings"]) == (summary["errors"], summary["warnings"]), (form, pid)
    if form == "community":
        assert noted  # its assembly is noted (FT420): the test tells information apart


def test_the_exported_findings_are_checks_own(forms: dict[str, Path], tmp_path: Path) -> None:
    """The findings table holds each finding `check` prints, once."""
    import pyarrow.parquet as pq

    ws = forms["community-canvass"]
    assert cli("export", ws, "--out", tmp_path / "data").exit_code == 0
    exported = pq.read_table(tmp_path / "data" / "findings.parquet").to_pylist()
    checked = json.loads(cli("check", ws, "--format", "json").stdout)["findings"]
    assert sorted((f["code"], f["severity"]) for f in exported) == sorted((f["code"], f["severity"]) for f in checked)


def test_a_changed_canvass_is_one_line_per_fact_in_check_verify_report_and_export(tmp_path: Path) -> None:
    """One household more after the seed form's progress notice: the households heard through a
    channel and its opinions by channel are two facts with two labels; check, verify, the report
    and the export each give every difference once, and count the same errors."""
    import pyarrow.parquet as pq

    day = dt.date.today() - d(days=40)
    ws = _write(tmp_path / "ws", "community-canvass")
    project = ws / "projects" / "p"
    write_tree(project, {"project.yaml": (ws / "projects/unposted/project.yaml").read_text(encoding="utf-8").replace("id: unposted", "id: p")})
    steps = _reviews("community-canvass", day)
    text = (project / "project.yaml").read_text(encoding="utf-8")
    (project / "project.yaml").write_text(text.split("steps:\n")[0] + "steps:\n" + steps, encoding="utf-8")
    (project / "canvass.csv").write_text(_visits(day + d(days=10), 8), encoding="utf-8")
    assert cli("publish", project, "progress").exit_code == 0
    with (project / "canvass.csv").open("a", encoding="utf-8") as f:
        f.write(f"2-1-401,agree,网格员,{day + d(days=10)},in_person,\n")
    checked = json.loads(cli("check", project, "--format", "json").stdout)
    changed = [f["message"] for f in checked["findings"] if f["code"] == "FT650"]
    assert len(changed) == len(set(changed)) >= 6
    assert any("channels (入户) / households was 8" in m for m in changed)
    assert any("opinions by channel (入户) / households was 8" in m for m in changed)
    (notice,) = (project / "notices").glob("*-progress.html")
    listed = [line for line in cli("verify", notice).output.splitlines() if " was " in line]
    assert len(listed) == len(set(listed)) == len(changed)
    zh = cli("verify", notice, "--lang", "zh").output
    assert "听取意见方式（入户） / 户数" in zh and "各方式的意见（入户） / 户数" in zh
    row = json.loads(cli("report", project, "--format", "json").stdout)["projects"][0]
    assert (row["errors"], row["warnings"]) == (checked["summary"]["errors"], checked["summary"]["warnings"])
    assert cli("export", project, "--out", tmp_path / "data").exit_code == 0
    exported = [f for f in pq.read_table(tmp_path / "data" / "findings.parquet").to_pylist() if f["project"] == "p"]
    assert len(exported) == len(checked["findings"])


@pytest.mark.parametrize(("lang", "one", "late"), [("en", "within 1 day: due", " (1 day)"), ("zh", "未在1日内公开", "（1天）")])
def test_one_day_is_one_day(forms: dict[str, Path], tmp_path: Path, lang: str, one: str, late: str) -> None:
    """A limit of one day and a flag one day late read in the singular, in the table and the CSV."""
    settings = write_tree(tmp_path, {"office.yaml": "decision_notice_days: 1\n"}) / "office.yaml"
    on = DAY + d(days=FORMS["village"][5] + 2)  # decided, then one day to post it, then one day late
    args = ("report", forms["village"] / "projects" / "unposted", "--date", on.isoformat(), "--settings", settings, "--lang", lang)
    table = cli(*args).output
    (line,) = [line for line in table.splitlines() if "FT751" in line and "project.yaml" in line]
    assert one in line and "days" not in line and line.endswith(late)
    cell = cli(*args, "--format", "csv").stdout
    assert one in cell and ("1 days" not in cell)


@pytest.mark.parametrize("form", FORMS)
def test_work_early_is_raised_where_check_finds_ft433_and_nowhere_else(tmp_path: Path, form: str) -> None:
    """先干后议 by one definition: a notice posted again before the work began (to state a
    corrected fact) moves the day work may start to the end of its period; one posted again
    after the work began does not. The street office's flag and the community's own check agree."""
    notice, at = FORMS[form][4], FORMS[form][5]
    first = _decided(form, DAY) + _notice(notice, DAY + d(days=at + 1))  # its period ends at + 8
    cases = {
        "reposted-then-worked": first + _notice(notice, DAY + d(days=at + 10)) + _done(DAY + d(days=at + 40), DAY + d(days=at + 12)),
        "worked-then-reposted": first + _done(DAY + d(days=at + 40), DAY + d(days=at + 12)) + _notice(notice, DAY + d(days=at + 41)),
        "worked-in-period": first + _done(DAY + d(days=at + 40), DAY + d(days=at + 5)),
        "worked-after": first + _done(DAY + d(days=at + 40), DAY + d(days=at + 20)),
    }
    procedure, kind = FORMS[form][:2]
    files: dict[str, str | bytes] = {"fourtwo.yaml": _WS.format(name="丁" + kind, kind=kind)}
    register = "households: {register: households/r.csv}\n" if FORMS[form][6] else ""
    if FORMS[form][6]:
        files["households/r.csv"] = _REGISTER
    for pid, steps in cases.items():
        head = f"id: {pid}\ntitle: 项目{pid}\nprocedure: {procedure}\nmatter: 改造\nbudget: {{amount: 100000, funding: 专项资金}}\n{register}"
        files[f"projects/{pid}/project.yaml"] = head + "steps:\n" + steps
        if FORMS[form][6]:
            files[f"projects/{pid}/canvass.csv"] = _visits(DAY + d(days=10), 8)
    ws = write_tree(tmp_path / form, files)
    check = json.loads(cli("check", ws, "--format", "json").stdout)
    found = {f["path"].split("/projects/")[1].split("/")[0] for f in check["findings"] if f["code"] == "FT433"}
    report = cli("report", ws, "--date", AS_OF.isoformat(), "--format", "json")
    flagged = {p["project"] for p in json.loads(report.stdout)["projects"] if any(f["flag"] == "work_early" for f in p["flags"])}
    assert found == {"reposted-then-worked", "worked-in-period"}, check["findings"]
    assert flagged == found
