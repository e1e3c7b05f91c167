"""Property-based tests: for any input, a finding or a clean refusal, never a traceback,
and no file changed by a refused command."""

from __future__ import annotations

import string
from pathlib import Path

import yaml
from conftest import cli, write_tree
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_review import COMMENTED, VILLAGE

from fourtwo.files import yamlio
from fourtwo.files.spec import Ctx
from fourtwo.model.household import load_register
from fourtwo.model.project import PROJECT
from fourtwo.model.visitfile import _columns, _rows, load_visits

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
PATH = Path("p.yaml")

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20), st.dates().map(str))
documents = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "id",
                    "title",
                    "steps",
                    "step",
                    "date",
                    "members",
                    "present",
                    "for",
                    "budget",
                    "amount",
                    "households",
                    "register",
                    "x",
                    "objections",
                    "number",
                    "text",
                ]
            )
            | st.text(max_size=6),
            inner,
            max_size=5,
        )
    ),
    max_leaves=25,
)


@SETTINGS
@given(st.text(alphabet=string.printable + "：，。中文&*!|>-[]{}#\t", max_size=300))
def test_any_text_parses_or_gives_a_finding(text: str) -> None:
    doc, findings = yamlio.parse(text, PATH)
    assert (doc is None) == bool(findings)  # a document, or the reason there is none
    for f in findings:
        assert f.code.startswith("FT0") and f.line >= 0


@SETTINGS
@given(documents)
def test_any_document_converts_with_findings_not_exceptions(data: object) -> None:
    text = yaml.safe_dump({"id": "p", "title": "t", "steps": data} if not isinstance(data, dict) else data, allow_unicode=True)
    doc, _findings = yamlio.parse(text, PATH)
    if doc is None:
        return
    ctx = Ctx(PATH)
    PROJECT.convert(doc.root, ctx, "")
    assert all(f.code.startswith("FT") for f in ctx.findings)


@SETTINGS
@given(st.binary(max_size=400))
def test_any_register_bytes_load_or_give_findings(tmp_path_factory, data: bytes) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("reg") / "r.csv"
    path.write_bytes(b"\xe6\xa5\xbc\xe6\xa0\x8b,\xe6\x88\xbf\xe5\x8f\xb7\n" + data)  # 楼栋,房号 then anything
    register, _findings = load_register(path)
    assert all(h.id for h in register.households)
    assert len({h.id for h in register.households}) == len(register.households)


@SETTINGS
@given(st.binary(max_size=400))
def test_any_visit_bytes_load_or_give_findings(tmp_path_factory, data: bytes) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("visits") / "canvass.csv"
    path.write_bytes(b"household,opinion,by,date,channel,note\n" + data)
    visits, _findings = load_visits(path)
    assert all(v.household and v.opinion in ("agree", "oppose", "abstain", "absent") for v in visits)


def column(*values: str) -> st.SearchStrategy[str]:
    return st.sampled_from(values)


# Rows that are all valid, then perhaps one cell made odd: the fast reader must take the
# first and decline (or agree on) the second.
clean_row = st.tuples(
    column("1-1-101", "1-1-102", "1-1-104"),
    column("agree", "同意", "absent", "oppose", "弃权"),
    column("张三", "", "王五"),
    column("2024-04-16", "2024/4/16", "2024年4月17日"),
    column("in_person", "电话", ""),
    column("", "note"),
).map(list)
ODD = (
    [" 1-1-103", "1-1-105\u3000", ""],
    ["Agree", " agree", "fax"],
    [" 李四", "'王五", "'=SUM(1)"],
    ["2024-02-30", " 2024-04-16"],
    ["Phone", "fax"],
    ["'x", "'+1"],
)
ANYWHERE = ["a,b", 'say "hi"', "two\nlines", "x\ry"]
odd_cell = st.integers(0, 5).flatmap(lambda col: st.tuples(st.just(col), st.sampled_from(ODD[col] + ANYWHERE)))


def with_odd_cell(rows: list[list[str]], at: int, odd: tuple[int, str] | None, short: bool) -> tuple[list[list[str]], bool]:
    if odd is not None:
        rows[at % len(rows)][odd[0]] = odd[1]
    if short:
        rows[at % len(rows)].pop()
    return rows, odd is None and not short


visit_rows = st.builds(with_odd_cell, st.lists(clean_row, min_size=1, max_size=6), st.integers(0, 5), st.none() | odd_cell, st.booleans())


@settings(max_examples=800, deadline=None)
@given(visit_rows, st.sampled_from(["\r\n", "\n", "mixed"]), st.booleans())
def test_reading_by_columns_agrees_with_reading_by_rows(case: tuple[list[list[str]], bool], ending: str, final: bool) -> None:
    """The fast reader (whole columns) either declines or gives exactly what the row reader gives."""
    import csv
    import io

    rows, clean = case
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n" if ending == "mixed" else ending).writerows([["household", "opinion", "by", "date", "channel", "note"], *rows])
    text = buffer.getvalue().replace("\n", "\r\n", 1) if ending == "mixed" else buffer.getvalue()  # a header saved by Excel, rows by another tool
    text = text if final else text.removesuffix("\r\n" if ending == "\r\n" else "\n")
    fast = _columns(text)
    slow, findings = _rows(text, Path("canvass.csv"))
    if fast is not None:
        assert list(fast) == list(slow) and not findings
    assert fast is not None or not clean or ending == "mixed"  # a plainly valid file is read by columns


counts = st.integers(min_value=-5, max_value=60) | st.sampled_from([10**7, 10**7 + 1, 10**12])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    members=counts,
    present=counts,
    votes=counts,
    against=st.none() | counts,
    date=st.sampled_from(["2024-03-05", "2024-02-30", "2024-02-01", "x", "2099-01-01"]),
)
def test_review_with_any_figures_refuses_cleanly(tmp_path_factory, members: int, present: int, votes: int, against: int | None, date: str) -> None:  # type: ignore[no-untyped-def]
    root = tmp_path_factory.mktemp("ws")
    write_tree(root, {"fourtwo.yaml": VILLAGE, "projects/road/project.yaml": COMMENTED})
    project = root / "projects/road"
    before = (project / "project.yaml").read_bytes()
    args = ["review", "committee", project, "--members", str(members), "--present", str(present), "--for", str(votes), "--date", date]
    if against is not None:
        args += ["--against", str(against)]
    result = cli(*args)
    assert result.exit_code in (0, 1, 2), result.output
    assert "Traceback" not in result.output and "sorry" not in result.output
    if result.exit_code != 0:
        assert (project / "project.yaml").read_bytes() == before
    else:
        assert cli("check", project).exit_code == 0


words = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=30)
dates = st.sampled_from(["2024-04-16", "2024-02-30", "2024/4/16", "2024年4月16日", "", "tomorrow", "2099-01-01", "0000-01-01"])


def _beiyuan(tmp_path_factory) -> Path:  # type: ignore[no-untyped-def]
    import shutil

    from conftest import EXAMPLES

    ws = tmp_path_factory.mktemp("bei") / "beiyuan"
    shutil.copytree(EXAMPLES / "beiyuan", ws)
    return ws / "projects/2024-hongmeiyuan-activity-area"


def _refuses_cleanly(project: Path, args: list[str]) -> None:
    files = {p: p.read_bytes() for p in project.rglob("*") if p.is_file() and p.name != ".fourtwo.lock"}
    result = cli(*args)
    assert result.exit_code in (0, 1, 2), result.output
    assert "Traceback" not in result.output and "sorry" not in result.output, result.output
    if result.exit_code != 0:
        after = {p: p.read_bytes() for p in project.rglob("*") if p.is_file() and p.name != ".fourtwo.lock"}
        assert after == files


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    household=words | st.sampled_from(["1-1-101", "../x", "/etc/passwd"]),
    opinion=words | st.sampled_from(["同意", "absent"]),
    by=words,
    date=dates,
    channel=words | st.sampled_from(["电话"]),
    note=words,
)
def test_canvass_record_with_any_arguments(tmp_path_factory, household: str, opinion: str, by: str, date: str, channel: str, note: str) -> None:  # type: ignore[no-untyped-def]
    project = _beiyuan(tmp_path_factory)
    _refuses_cleanly(project, ["canvass", "record", str(project), household, opinion, "--by", by, "--date", date, "--channel", channel, "--note", note])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    text=words,
    by=words,
    date=dates,
    answer=st.none() | st.integers(min_value=-2, max_value=5),
    cost=st.sampled_from(["183260.50", "-1", "1e5", "9" * 20, "abc", "1,000.5"]),
    kind=st.sampled_from(["resolution", "result"]),
)
def test_disclosure_commands_with_any_arguments(tmp_path_factory, text: str, by: str, date: str, answer: int | None, cost: str, kind: str) -> None:  # type: ignore[no-untyped-def]
    project = _beiyuan(tmp_path_factory)
    args = ["object", str(project), "--text", text, "--by", by, "--date", date]
    if answer is not None:
        args += ["--answer", str(answer)]
    _refuses_cleanly(project, args)
    _refuses_cleanly(project, ["implement", str(project), "--completed", date, "--cost", cost, "--contractor", text, "--note", by])
    _refuses_cleanly(project, ["publish", str(project), kind, "--date", date or "x", "--format", "txt"])


cells = st.one_of(
    st.none(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False),
    words,
    st.sampled_from(["=1+1", '=HYPERLINK("x")', "同意", "2024-04-16", "1-1-101"]),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(st.lists(cells, min_size=1, max_size=8), max_size=12),
    header=st.sampled_from([["楼栋", "单元", "房号", "户主"], ["户号", "意见", "日期"], ["x", "y"]]),
)
def test_any_workbook_loads_or_gives_findings(tmp_path_factory, rows: list[list[object]], header: list[str]) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(header)
    for row in rows:
        # control characters cannot be stored in a workbook at all (openpyxl refuses them)
        book.active.append(["".join(c for c in v if c >= " ") if isinstance(v, str) else v for v in row])
    path = tmp_path_factory.mktemp("xlsx") / "r.xlsx"
    book.save(path)
    register, _findings = load_register(path)
    assert len({h.id for h in register.households}) == len(register.households)
    project = _beiyuan(tmp_path_factory)
    _refuses_cleanly(project, ["canvass", "import", str(project), str(path)])


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=words, kind=words | st.sampled_from(["village", "社区"]), pid=words | st.sampled_from(["a", "../x", "/abs", "ok-1"]), title=words)
def test_init_and_new_with_any_arguments(tmp_path_factory, name: str, kind: str, pid: str, title: str) -> None:  # type: ignore[no-untyped-def]
    root = tmp_path_factory.mktemp("init")
    first = cli("init", root / "ws", "--name", name, "--kind", kind)
    assert first.exit_code in (0, 2) and "Traceback" not in first.output and "sorry" not in first.output, first.output
    if first.exit_code != 0:
        assert not (root / "ws" / "fourtwo.yaml").exists()
        return
    second = cli("new", pid, "--title", title, "-w", root / "ws")
    assert second.exit_code in (0, 2) and "sorry" not in second.output, second.output
    check = cli("check", root / "ws")
    assert check.exit_code in (0, 1) and "sorry" not in check.output, check.output
    assert " error " not in check.stdout, check.stdout  # what init and new write always loads


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    arg=words | st.sampled_from(["", ".", "..", "notices", "project.yaml", "canvass.csv", "../../households"]), fmt=st.sampled_from(["text", "json", "github"])
)
def test_read_only_commands_with_any_path(tmp_path_factory, arg: str, fmt: str) -> None:  # type: ignore[no-untyped-def]
    project = _beiyuan(tmp_path_factory)
    target = str(project / arg.lstrip("/"))  # paths inside the copy: walking all of / is not the point
    for args in (
        ["check", target, "--format", fmt],
        ["status", target],
        ["show", target],
        ["verify", target],
        ["canvass", "coverage", target],
        ["canvass", "sheet", target, "--out", str(project.parent / "out")],
    ):
        result = cli(*args)
        assert result.exit_code in (0, 1, 2) and "sorry" not in result.output, (args, result.output)


def test_a_plain_canvass_file_is_read_by_columns() -> None:
    text = "household,opinion,by,date,channel,note\r\n1-1-101,agree,张三,2024-04-16,,\r\n1-1-102,未遇,张三,2024/4/17,电话,x\r\n"
    fast = _columns(text)
    assert fast is not None and list(fast) == list(_rows(text, Path("canvass.csv"))[0])
    assert [(v.opinion, v.channel, v.row) for v in fast] == [("agree", "in_person", 2), ("absent", "phone", 3)]


REGISTER_HEADERS = (["楼栋", "单元", "房号", "户主", "建筑面积", "状态"], ["building", "room", "head", "area"], ["户号", "户主", "面积"])
CLEAN_CELLS = {
    "楼栋": ["1", "2"],
    "building": ["1", "2"],
    "单元": ["1", "2"],
    "房号": ["101", "102", "201"],
    "room": ["101", "102", "201"],
    "户号": ["A1", "A2", "B1"],
    "户主": ["王某", "李某", ""],
    "head": ["王某", ""],
    "建筑面积": ["86.50", "1,024.5", ""],
    "area": ["86.5", ""],
    "面积": ["72", ""],
    "状态": ["", "出租"],
}
ODD_CELLS = ["", " 1", "1 ", "八十", "a,b", 'say "hi"', "two\nlines", "x\ry", "王 某"]


@settings(max_examples=600, deadline=None)
@given(st.sampled_from(REGISTER_HEADERS), st.integers(1, 8), st.data(), st.booleans(), st.sampled_from(["\r\n", "\n"]))
def test_reading_a_register_by_columns_agrees_with_reading_by_rows(header: list[str], n: int, data: st.DataObject, title: bool, ending: str) -> None:
    """The fast register reader declines or gives exactly the households (and rows) the row reader gives."""
    import csv
    import io

    from fourtwo.model.household import (
        Register,
        _csv_rows,
        _read_households,
        by_columns,
    )

    rows = [[data.draw(st.sampled_from(CLEAN_CELLS[h])) for h in header] for _ in range(n)]
    odd = data.draw(st.none() | st.tuples(st.integers(0, n - 1), st.integers(0, len(header) - 1), st.sampled_from(ODD_CELLS)))
    if odd is not None:
        rows[odd[0]][odd[1]] = odd[2]
    short = data.draw(st.booleans()) and len(header) > 3
    if short:
        rows[-1].pop()  # a row one cell short
    if data.draw(st.booleans()):
        rows.append([""] * len(header))  # Excel's blank line at the end
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=ending).writerows(([["花名册"]] if title else []) + [header, *rows])
    text = buffer.getvalue()
    fast = by_columns(Register(Path("r.csv")), text)
    findings: list = []
    slow = Register(Path("r.csv"))
    findings = _read_households(slow, _csv_rows(text, Path("r.csv"), findings), findings)
    if fast is not None:
        assert fast == slow.households and not findings
    else:
        assert findings or odd is not None or short  # declined only for a reason
