"""A writer killed at any moment (SIGKILL, a power cut) leaves every file old or new, never
torn, and the next command works. Bounded: 2 x 10 kills, well under a minute."""

from __future__ import annotations

import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from conftest import EXAMPLES, cli, copy_beiyuan_2024

# One worker runs these one after another: each times kills against a process's progress,
# which a second crash test beside it on two cores would slow past the times they allow.
pytestmark = pytest.mark.xdist_group("crash")

VISITS = """
import datetime, sys
from pathlib import Path
from fourtwo.canvass.record import record_visit
n = 0
while True:
    n += 1
    hid = f"{n % 6 + 1}-{n % 3 + 1}-{n % 6 + 1}0{n % 2 + 1}"
    record_visit(Path(sys.argv[1]), hid, "agree", "w", datetime.date(2024, 4, 16), "in_person", "x" * 300)
"""
OBJECTIONS = """
import datetime, sys
from pathlib import Path
from fourtwo.disclosure.objections import object_to
while True:
    object_to(Path(sys.argv[1]), datetime.date(2024, 4, 30), "异议" * 80, "")
"""


def copy(tmp_path: Path, name: str, cut: str) -> Path:
    ws = tmp_path / name
    copy_beiyuan_2024(ws)
    project = ws / "projects/2024-hongmeiyuan-activity-area"
    text = (project / "project.yaml").read_text(encoding="utf-8")
    (project / "project.yaml").write_text(text[: text.find(cut)], encoding="utf-8")
    return project


def kill_repeatedly(script: str, project: Path, rounds: int, rng: random.Random, check: object, written: Path) -> int:
    """Each round a writer starts, is seen to have written (its start-up takes longer on a busy
    machine: a fixed sleep killed some before their first write), then is killed at a random moment."""
    for _ in range(rounds):
        before = written.read_bytes()
        proc = subprocess.Popen([sys.executable, "-c", script, str(project)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 120
        while written.read_bytes() == before and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(rng.uniform(0.0, 0.5))
        proc.send_signal(signal.SIGKILL)
        _, err = proc.communicate()
        assert b"Traceback" not in err, err.decode()[-500:]  # it was writing, not failing
        check()  # type: ignore[operator]
    return rounds


def test_killed_visit_writers_never_tear_a_row(tmp_path: Path) -> None:
    project = copy(tmp_path, "visits", "  # 居民代表会议决议")  # before the resolution: the canvass is open
    before = len((project / "canvass.csv").read_text(encoding="utf-8-sig").splitlines())

    def rows_whole() -> None:
        lines = (project / "canvass.csv").read_text(encoding="utf-8-sig").splitlines()
        assert all(len(line.split(",")) == 6 for line in lines), lines[-1][:80]

    kill_repeatedly(VISITS, project, 10, random.Random(1), rows_whole, project / "canvass.csv")
    after = len((project / "canvass.csv").read_text(encoding="utf-8-sig").splitlines())
    assert after >= before + 10  # each writer wrote before it was killed
    assert cli("canvass", "record", project, "1-1-101", "agree", "--date", "2024-04-16").exit_code == 0


def test_killed_project_writers_leave_the_old_or_the_new_file(tmp_path: Path) -> None:
    project = copy(tmp_path, "objections", "  - step: implementation")  # the resolution is posted

    def loads_whole() -> None:
        data = yaml.safe_load((project / "project.yaml").read_text(encoding="utf-8"))
        numbers = [o["number"] for o in data.get("objections", [])]
        assert numbers == list(range(1, len(numbers) + 1))
        assert all(o["text"] == "异议" * 80 for o in data.get("objections", []))

    kill_repeatedly(OBJECTIONS, project, 10, random.Random(2), loads_whole, project / "project.yaml")
    data = yaml.safe_load((project / "project.yaml").read_text(encoding="utf-8"))
    assert len(data["objections"]) >= 10  # each writer wrote before it was killed
    assert cli("object", project, "--date", "2024-04-30", "--text", "最后一条").exit_code == 0
    # a temporary file a killed writer left behind is ignored: the project still loads and checks
    assert cli("check", project).exit_code in (0, 1)


def test_two_writers_of_one_project_at_once(tmp_path: Path) -> None:
    """Two processes edit project.yaml at the same time: every edit lands exactly once, or is refused clearly."""
    project = copy(tmp_path, "race", "  - step: implementation")
    script = (
        "import datetime, sys\n"
        "from pathlib import Path\n"
        "from fourtwo.disclosure.objections import object_to\nfrom fourtwo.disclosure.publish import publish\n"
        "from fourtwo.findings.errors import FourtwoError\n"
        "p = Path(sys.argv[1])\n"
        "for i in range(15):\n"
        "    object_to(p, datetime.date(2024, 4, 30), f'{sys.argv[2]}-{i}', '')\n"
        "try:\n"
        "    done = publish(p, 'resolution', ['txt'], None, datetime.date(2024, 5, 1), False)\n"
        "    print('unchanged' if done.posted else 'published')\n"
        "except FourtwoError as exc:\n"
        "    print('refused', exc.diagnostic.code)\n"
    )
    procs = [
        subprocess.Popen([sys.executable, "-c", script, str(project), name], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for name in ("A", "B")
    ]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs), [err[-400:] for _, err in outputs]
    data = yaml.safe_load((project / "project.yaml").read_text(encoding="utf-8"))
    texts = [o["text"] for o in data["objections"]]
    assert sorted(texts) == sorted(f"{n}-{i}" for n in "AB" for i in range(15))  # each exactly once
    assert [o["number"] for o in data["objections"]] == list(range(1, 31))
    published = [s for s in data["steps"] if s["step"] == "resolution_notice"]
    assert len(published) == 1 + sum(out.strip().endswith("published") for out, _ in outputs)  # both, each once
    assert cli("check", project).exit_code in (0, 1)


def test_a_full_disk_refuses_cleanly_and_keeps_the_old_file(tmp_path: Path, monkeypatch: object) -> None:
    """ENOSPC in the middle of a write: one message (FT908), exit 2, the file as it was."""
    import errno
    import os as real_os

    import fourtwo.files.atomic
    import fourtwo.files.canvasscsv

    project = copy(tmp_path, "full", "  # 居民代表会议决议")
    before_yaml = (project / "project.yaml").read_bytes()
    before_csv = (project / "canvass.csv").read_bytes()

    def no_space(*args: object, **kwargs: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(fourtwo.files.atomic.os, "fsync", no_space)  # type: ignore[attr-defined]
    result = cli("review", "assembly", project, "--members", "35", "--present", "29", "--for", "27", "--date", "2024-04-26")
    assert result.exit_code == 2 and "FT908" in result.stderr and "the disk is full" in result.stderr  # os_reason: the reader's words, not the system's
    assert (project / "project.yaml").read_bytes() == before_yaml
    assert not list(project.glob(".project.yaml.*.tmp"))  # the temporary file is removed
    monkeypatch.undo()  # type: ignore[attr-defined]

    monkeypatch.setattr(fourtwo.files.canvasscsv.os, "write", no_space)  # type: ignore[attr-defined]
    result = cli("canvass", "record", project, "1-1-101", "agree", "--date", "2024-04-16")
    assert result.exit_code == 2 and "FT908" in result.stderr
    assert (project / "canvass.csv").read_bytes() == before_csv
    assert real_os.path.exists(project / "canvass.csv")


def test_a_short_write_leaves_no_half_row(tmp_path: Path, monkeypatch: object) -> None:
    import fourtwo.files.canvasscsv

    project = copy(tmp_path, "short", "  # 居民代表会议决议")
    before = (project / "canvass.csv").read_bytes()
    real_write = fourtwo.files.canvasscsv.os.write

    def half(fd: int, data: bytes) -> int:
        return real_write(fd, data[: len(data) // 2])

    monkeypatch.setattr(fourtwo.files.canvasscsv.os, "write", half)  # type: ignore[attr-defined]
    result = cli("canvass", "record", project, "1-1-101", "agree", "--date", "2024-04-16")
    assert result.exit_code == 2 and "FT908" in result.stderr
    assert (project / "canvass.csv").read_bytes() == before


# A slow disk: writes go out 16 KiB at a time and a flush takes a while, so a kill lands
# in the middle of writing often enough to see what it leaves.
SLOW_DISK = """
import os, sys, time
write, fsync = os.write, os.fsync
def slow_write(fd, data):
    view, done = memoryview(data), 0
    while done < len(view):
        done += write(fd, view[done : done + 16384])
        time.sleep(0.004)
    return done
def slow_fsync(fd):
    time.sleep(0.08)
    fsync(fd)
os.write, os.fsync = slow_write, slow_fsync
sys.argv = ["fourtwo", *sys.argv[1:]]
from fourtwo.cli import main
main()
"""


def _killed_at_random(args: list[str], rounds: int, rng: random.Random, before: object, after: object) -> None:
    """Run `fourtwo ARGS` once whole to time it, then `rounds` times killed at a random moment
    of its second half (start-up is the first)."""
    before()  # type: ignore[operator]
    started = time.monotonic()
    subprocess.run([sys.executable, "-c", SLOW_DISK, *args], check=True, capture_output=True)
    whole = time.monotonic() - started
    for _ in range(rounds):
        before()  # type: ignore[operator]
        proc = subprocess.Popen([sys.executable, "-c", SLOW_DISK, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        time.sleep(rng.uniform(whole * 0.4, whole))
        proc.send_signal(signal.SIGKILL)
        _, err = proc.communicate()
        assert b"Traceback" not in err and b"sorry" not in err, err.decode()[-500:]
        after()  # type: ignore[operator]


def test_a_killed_import_leaves_the_old_file_or_the_whole_import(tmp_path: Path) -> None:
    """Issue 13: a batch of visits is written beside canvass.csv and renamed over it."""
    from test_canvass import canvass_workspace

    project = canvass_workspace(tmp_path, households=6000)
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(
        "户号,意见,日期,备注\n" + "".join(f"{b}-1-{r}01,同意,2024-04-10,{'备注' * 20}\n" for b in (1, 2) for r in range(1, 3001)), encoding="utf-8"
    )
    canvass = project / "canvass.csv"
    old = "\ufeffhousehold,opinion,by,date,channel,note\r\n1-1-101,absent,w,2024-04-09,in_person,\r\n".encode()
    canvass.write_bytes(old)
    outcomes: set[str] = set()
    new = b""

    def reset() -> None:
        canvass.write_bytes(old)

    def old_or_new() -> None:
        nonlocal new
        data = canvass.read_bytes()
        if not new and data != old:
            new = data  # the first whole run
        assert data in (old, new), f"torn: {len(data)} bytes"
        outcomes.add("old" if data == old else "new")

    reset()
    subprocess.run([sys.executable, "-c", SLOW_DISK, "canvass", "import", str(project), str(sheet), "--channel", "入户"], check=True, capture_output=True)
    new = canvass.read_bytes()
    assert new.startswith(old) and new.count(b"\r\n") == 6002
    _killed_at_random(["canvass", "import", str(project), str(sheet), "--channel", "入户"], 20, random.Random(13), reset, old_or_new)
    assert cli("canvass", "import", project, sheet, "--channel", "入户").exit_code == 0  # the next command works
    assert not list(project.glob(".*.tmp"))  # and cleaned what a killed write left
    assert cli("check", project).exit_code == 0


def test_a_killed_publish_leaves_nothing_or_the_whole_notice(tmp_path: Path) -> None:
    """Issue 13: the notice waits under a hidden name until its record is written; no orphan in notices/."""
    ws = tmp_path / "ws"
    shutil.copytree(EXAMPLES / "taqiao", ws)
    project = ws / "projects/2024-taqiao-lane-hardening"
    old = (project / "project.yaml").read_bytes()
    args = ["publish", str(project), "resolution", "--date", "2024-03-26", "--format", "html", "--format", "txt"]
    outcomes: set[str] = set()
    rounds = list(range(21))

    def reset() -> None:
        (project / "project.yaml").write_bytes(old)
        shutil.rmtree(project / "notices", ignore_errors=True)

    def nothing_or_whole() -> None:
        text = (project / "project.yaml").read_bytes()
        shown = sorted(p.name for p in (project / "notices").glob("[!.]*")) if (project / "notices").is_dir() else []
        if text == old:
            outcomes.add("nothing")
            assert not shown, shown  # no notice without its record
        else:
            outcomes.add("whole")
            data = yaml.safe_load(text)
            assert data["steps"][-1]["step"] == "resolution_notice"
        if rounds.pop() % 4:  # every fourth round, to stay quick
            return
        # the next command (the clerk's retry) works and leaves every notice recorded and every record's files there
        assert cli(*args).exit_code == 0
        result = cli("check", project)
        assert "FT615" not in result.output and "FT607" not in result.output and "FT614" not in result.output, result.output

    _killed_at_random(args, 20, random.Random(10), reset, nothing_or_whole)
    assert outcomes == {"nothing", "whole"} or len(outcomes) == 1  # random moments; both usually seen


def test_publish_out_to_an_unwritable_path_records_nothing(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    shutil.copytree(EXAMPLES / "taqiao", ws)
    project = ws / "projects/2024-taqiao-lane-hardening"
    old = (project / "project.yaml").read_bytes()
    (tmp_path / "file").write_text("x")
    result = cli("publish", project, "resolution", "--date", "2024-03-26", "--format", "txt", "--out", tmp_path / "file" / "sub")
    assert result.exit_code == 2 and "FT018" in result.stderr  # the path (a file on the way), not the disk
    assert (project / "project.yaml").read_bytes() == old
    assert not (project / "notices").exists() or not list((project / "notices").glob("*"))


def test_an_unrecorded_notice_and_a_stray_temporary_file(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    shutil.copytree(EXAMPLES / "taqiao", ws)
    project = ws / "projects/2024-taqiao-lane-hardening"
    assert cli("publish", project, "resolution", "--date", "2024-03-26", "--format", "txt").exit_code == 0
    (project / "notices/.2024-03-26-resolution.txt.x1y2.tmp").write_text("half")  # a killed atomic write
    assert cli("check", project).exit_code == 0  # ignored
    (project / "notices/2024-03-27-resolution.txt").write_text("关于…的公示")
    result = cli("check", project)
    assert result.exit_code == 1 and "notices/2024-03-27-resolution.txt:1:1: error FT615" in result.output.replace("\\", "/")


def test_a_notice_whose_record_lost_its_digests_is_a_finding(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    shutil.copytree(EXAMPLES / "taqiao", ws)
    project = ws / "projects/2024-taqiao-lane-hardening"
    assert cli("publish", project, "resolution", "--date", "2024-03-26", "--format", "txt").exit_code == 0
    text = (project / "project.yaml").read_text(encoding="utf-8")
    kept = [line for line in text.splitlines(keepends=True) if not line.lstrip().startswith(("digest:", "file_digests:"))]
    (project / "project.yaml").write_text("".join(kept), encoding="utf-8")
    (project / "notices/2024-03-26-resolution.txt").write_text("改过的公示", encoding="utf-8")
    result = cli("check", project)
    assert result.exit_code == 1 and "FT616" in result.output and "'digest'" in result.output
