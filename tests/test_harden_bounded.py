"""Bounded input: every file read has a size limit with a finding above it, a large canvass.csv or
visit sheet is read as it streams (memory held under 200 MB just under the limit), a FIFO
never hangs a command; notes on several lines round-trip; void rows need a reason; coverage
and check agree on future visits."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import cli, copy_beiyuan_2024

from fourtwo.files.limits import MAX_CANVASS_BYTES, MAX_SHEET_BYTES

PROJECT = "projects/2024-hongmeiyuan-activity-area"
FOURTWO = [sys.executable, "-m", "fourtwo"]


@pytest.fixture
def example(tmp_path: Path) -> Path:
    copy_beiyuan_2024(tmp_path / "beiyuan")
    return tmp_path / "beiyuan"


@pytest.fixture
def canvassing(example: Path) -> Path:
    """The example while its canvass is open: before the residents' representatives decided."""
    file = example / PROJECT / "project.yaml"
    text = file.read_text(encoding="utf-8")
    file.write_text(text[: text.index("  - step: assembly")], encoding="utf-8")
    shutil.rmtree(example / PROJECT / "notices")
    return example


def _fill(path: Path, size: int, row: str) -> None:
    """A canvass.csv (or sheet) of `size` bytes at most, of rows made by `row` from a counter."""
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("household,opinion,by,date,channel,note\r\n")
        n = 0
        while True:
            line = row.format(n=n, b=n % 9 + 1, r=100 + n % 99_899)
            if f.tell() + len(line.encode()) > size:
                break
            f.write(line)
            n += 1


_MEASURE = (
    "import resource, subprocess, sys; "
    "done = subprocess.run(sys.argv[1:]); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); sys.exit(done.returncode)"
)


def _peak_kb(args: list[str], cwd: Path) -> tuple[int, subprocess.CompletedProcess[str]]:
    """Run fourtwo under a fresh parent whose only child it is, and give its peak resident memory (kB)."""
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, *FOURTWO, *args], cwd=cwd, capture_output=True, text=True, timeout=300, env={**os.environ, "CI": "1"}
    )
    *stderr, peak = done.stderr.rstrip("\n").split("\n")
    done.stderr = "\n".join(stderr)
    return int(peak), done


@pytest.mark.parametrize("row", ["{b}-{n}-{r},agree,李娟,2024-04-12,in_person,\r\n", "{b}-1-{r},maybe,李娟,2099-13-40,fax,'=1\r\n"], ids=["distinct", "bad"])
def test_a_canvass_file_just_under_its_limit_stays_under_200_mb(example: Path, row: str) -> None:
    _fill(example / PROJECT / "canvass.csv", MAX_CANVASS_BYTES - 100, row)
    for args in (["check"], ["status"], ["canvass", "coverage", PROJECT], ["site", ".", "--out", str(example.parent / "site")]):
        shutil.rmtree(example.parent / "site", ignore_errors=True)
        peak, done = _peak_kb(args, example)
        assert done.returncode in (0, 1, 2) and "Traceback" not in done.stderr and "internal error" not in done.stderr, (args, done.stderr[-2000:])
        assert done.stdout + done.stderr, args
        assert peak < 200 * 1024, (args, peak)
        assert len(done.stdout.splitlines()) < 1000, args  # a file of bad rows is summed up, not listed row by row


def test_a_canvass_file_over_its_limit_is_a_finding(example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with open(example / PROJECT / "canvass.csv", "ab") as f:
        f.truncate(MAX_CANVASS_BYTES + 1)
    monkeypatch.chdir(example)
    result = cli("check")
    assert result.exit_code == 1 and "canvass.csv:" in result.output and "FT009" in result.output, result.output
    assert "FT009" in cli("canvass", "coverage", PROJECT).output


def test_a_visit_sheet_over_its_limit_is_refused(example: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.csv"
    with open(sheet, "wb") as f:
        f.write("户号,意见\r\n".encode())
        f.truncate(MAX_SHEET_BYTES + 1)
    before = (example / PROJECT / "canvass.csv").read_bytes()
    result = cli("canvass", "import", example / PROJECT, sheet)
    assert result.exit_code == 2 and "FT009" in result.output, result.output
    assert (example / PROJECT / "canvass.csv").read_bytes() == before


@pytest.mark.parametrize("where", ["canvass.csv", "sheet"])
def test_a_fifo_never_hangs_a_command(example: Path, tmp_path: Path, where: str) -> None:
    if where == "canvass.csv":
        (example / PROJECT / "canvass.csv").unlink()
        os.mkfifo(example / PROJECT / "canvass.csv")
        args = [["check", str(example)], ["canvass", "coverage", str(example / PROJECT)], ["status", str(example)]]
    else:
        os.mkfifo(tmp_path / "sheet.csv")
        args = [["canvass", "import", str(example / PROJECT), str(tmp_path / "sheet.csv")]]
    for arg in args:
        done = subprocess.run(FOURTWO + arg, capture_output=True, text=True, timeout=60)  # a hang fails here
        assert done.returncode in (0, 1, 2) and "Traceback" not in done.stderr, (arg, done.stderr)
        if arg[0] != "status":  # status counts the errors; check and the canvass commands name them
            assert "FT010" in done.stdout + done.stderr, (arg, done.stdout, done.stderr)


def test_a_note_on_several_lines_round_trips(canvassing: Path, tmp_path: Path) -> None:
    """Alt+Enter in Excel puts a line break inside a cell: imported, written quoted, read back whole."""
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["户号", "意见", "日期", "网格员", "备注"])
    book.active.append(["4-1-101", "同意", "2024-04-13", "李娟", "第一行\n第二行, 还有逗号"])
    book.active.append(["4-1-102", "反对", "2024-04-13", "李娟", "一行"])
    book.save(tmp_path / "sheet.xlsx")
    imported = cli("canvass", "import", canvassing / PROJECT, tmp_path / "sheet.xlsx", "--channel", "入户")
    assert imported.exit_code == 0, imported.output
    assert cli("check", canvassing).exit_code == 0
    recorded = cli("canvass", "record", canvassing / PROJECT, "4-1-102", "agree", "--by", "李娟", "--date", "2024-04-14", "--note", "a\r\nb, c")
    assert recorded.exit_code == 0, recorded.output
    from fourtwo.model.visitfile import load_visits

    visits, findings = load_visits(canvassing / PROJECT / "canvass.csv")
    assert not findings
    notes = {(v.household, v.date.day): v.note for v in visits}
    assert notes["4-1-101", 13] == "第一行\n第二行, 还有逗号" and notes["4-1-102", 13] == "一行" and notes["4-1-102", 14] == "a\nb, c"
    again = cli("canvass", "import", canvassing / PROJECT, tmp_path / "sheet.xlsx", "--channel", "入户")
    assert again.exit_code == 0 and "4-1-101" not in again.output and len(load_visits(canvassing / PROJECT / "canvass.csv")[0]) == len(visits)


def test_an_open_quote_swallowing_rows_is_still_found(tmp_path: Path) -> None:
    from fourtwo.model.visitfile import load_visits

    path = tmp_path / "canvass.csv"
    path.write_text(
        'household,opinion,by,date,channel,note\r\n1-1-101,agree,甲,2024-04-12,in_person,"oops\r\n1-1-102,agree,甲,2024-04-12,in_person,\r\n', "utf-8"
    )
    _, findings = load_visits(path)
    assert [f.code for f in findings] == ["FT511"]


@pytest.mark.parametrize("note", ["", "\u200b", " \u3000", "\u200e\u2060"])
def test_a_void_row_needs_a_visible_reason_wherever_it_comes_from(canvassing: Path, tmp_path: Path, note: str) -> None:
    example = canvassing
    before = (example / PROJECT / "canvass.csv").read_bytes()
    voided = cli("canvass", "void", example / PROJECT, "3-1-302", "--date", "2024-04-12", "--reason", note or " ")
    assert voided.exit_code == 2 and "--reason" in voided.output
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(f"户号,意见,日期,网格员,备注\r\n3-1-302,作废,2024-04-12,李娟,{note}\r\n", encoding="utf-8")
    imported = cli("canvass", "import", example / PROJECT, sheet)
    assert imported.exit_code == 1 and "void row has no reason" in imported.output, imported.output
    assert (example / PROJECT / "canvass.csv").read_bytes() == before
    with open(example / PROJECT / "canvass.csv", "a", encoding="utf-8", newline="") as f:
        f.write(f"3-1-302,void,李娟,2024-04-12,in_person,{note}\r\n")
    check = cli("check", example)
    assert check.exit_code == 1 and "void row has no reason" in check.output, check.output


def test_coverage_and_check_agree_on_future_visits(example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(example)
    before = cli("canvass", "coverage", PROJECT, "--format", "json").output
    from fourtwo.files.canvasscsv import row_text
    from fourtwo.model.visitfile import load_visits

    visits, _ = load_visits(example / PROJECT / "canvass.csv")
    heard = {v.household for v in visits if v.opinion in ("agree", "oppose", "abstain")}
    register = (example / "households/hongmeiyuan.csv").read_text(encoding="utf-8-sig").splitlines()[1:]
    ids = ["-".join(line.split(",")[:3]) for line in register]
    fresh = [h for h in ids if h not in heard][:5]
    import datetime as dt

    with open(example / PROJECT / "canvass.csv", "a", encoding="utf-8", newline="") as f:
        for h in fresh:
            f.write(row_text(h, "agree", "李娟", dt.date(2099, 1, 1), "in_person", ""))
    after = cli("canvass", "coverage", PROJECT, "--format", "json").output
    assert after == before  # a visit dated in the future is reached by neither
    check = cli("check")
    assert check.output.count("FT510") == len(fresh), check.output


@pytest.mark.parametrize("size", [0, 1, 4095, 4096, 4097, 70_000])
def test_reading_within_a_limit_gives_the_bytes_and_refuses_one_byte_more(tmp_path: Path, size: int) -> None:
    """read_limited reads with os.read (the size fstat gives and one more, not a file object):
    every byte up to the limit, nothing past it."""
    from fourtwo.files.limits import Unreadable, read_limited

    path = tmp_path / "notice.html"
    data = bytes(range(256)) * (size // 256) + bytes(range(size % 256))
    path.write_bytes(data)
    assert read_limited(path, size, tmp_path) == data
    if size:
        with pytest.raises(Unreadable):
            read_limited(path, size - 1, tmp_path)
