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

import yaml
from conftest import EXAMPLES, cli

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
    shutil.copytree(EXAMPLES / "beiyuan", ws)
    project = ws / "projects/2024-hongmeiyuan-activity-area"
    text = (project / "project.yaml").read_text(encoding="utf-8")
    (project / "project.yaml").write_text(text[: text.find(cut)], encoding="utf-8")
    return project


def kill_repeatedly(script: str, project: Path, rounds: int, rng: random.Random, check: object) -> int:
    for _ in range(rounds):
        proc = subprocess.Popen([sys.executable, "-c", script, str(project)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        time.sleep(rng.uniform(0.4, 1.0))
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

    kill_repeatedly(VISITS, project, 10, random.Random(1), rows_whole)
    after = len((project / "canvass.csv").read_text(encoding="utf-8-sig").splitlines())
    assert after > before + 10  # the writers did write
    assert cli("canvass", "record", project, "1-1-101", "agree", "--date", "2024-04-16").exit_code == 0


def test_killed_project_writers_leave_the_old_or_the_new_file(tmp_path: Path) -> None:
    project = copy(tmp_path, "objections", "  - step: implementation")  # the resolution is posted

    def loads_whole() -> None:
        data = yaml.safe_load((project / "project.yaml").read_text(encoding="utf-8"))
        numbers = [o["number"] for o in data.get("objections", [])]
        assert numbers == list(range(1, len(numbers) + 1))
        assert all(o["text"] == "异议" * 80 for o in data.get("objections", []))

    kill_repeatedly(OBJECTIONS, project, 10, random.Random(2), loads_whole)
    data = yaml.safe_load((project / "project.yaml").read_text(encoding="utf-8"))
    assert len(data["objections"]) > 10
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
        "    publish(p, 'resolution', ['txt'], None, datetime.date(2024, 5, 1), False)\n"
        "    print('published')\n"
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
    assert result.exit_code == 2 and "FT908" in result.stderr and "No space left" in result.stderr
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
