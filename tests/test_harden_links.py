"""Links, loops, FIFOs and NUL bytes where a workspace's files are, by class: no command
writes or deletes outside the workspace through a link, none hangs on a FIFO or reads a
device, none crashes on a link that loops or a path holding a NUL; each says where."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES, cli

B = "projects/2024-hongmeiyuan-activity-area"


def run(*args: str | Path, cwd: Path | None = None) -> tuple[int, str]:
    """fourtwo in its own process (a hang is a failure, not a stuck suite)."""
    done = subprocess.run(
        [sys.executable, "-m", "fourtwo", *map(str, args)], capture_output=True, text=True, timeout=60, cwd=cwd, env={**os.environ, "FOURTWO_LANG": "en"}
    )
    said = done.stdout + done.stderr
    assert "Traceback" not in said and "internal error" not in said, said
    return done.returncode, said


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    shutil.copytree(EXAMPLES / "beiyuan", tmp_path / "ws")
    return tmp_path / "ws"


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file() and not p.is_symlink()}


def test_a_linked_notices_folder_is_neither_cleaned_nor_written_through(ws: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / ".backup.tmp").write_text("x")
    (victim / ".report.html.pending").write_text("x")
    shutil.rmtree(ws / B / "notices")
    (ws / B / "notices").symlink_to(victim)
    before = _snapshot(victim)
    code, said = run("check", ws)
    assert code == 1 and "FT011" in said, said
    code, said = run("publish", ws / B, "--date", "2026-01-05", "--format", "txt")
    assert code in (1, 2) and "FT011" in said, said
    assert _snapshot(victim) == before


def test_visits_are_never_appended_through_a_link_out(tmp_path: Path) -> None:
    from test_frozen_scope import _five

    project = _five(tmp_path / "ws")
    other = tmp_path / "other.csv"
    shutil.copy(project / "canvass.csv", other)
    (project / "canvass.csv").unlink()
    (project / "canvass.csv").symlink_to(other)
    before = other.read_bytes()
    code, said = run("canvass", "record", project, "1-1-401", "agree", "--date", "2024-04-16")
    assert code in (1, 2) and "FT011" in said, said
    sheet = tmp_path / "s.csv"
    sheet.write_text("户号,意见,走访人,日期,方式,备注\n1-1-401,同意,李娟,2024-04-16,入户,\n", encoding="utf-8")
    code, said = run("canvass", "import", project, sheet)
    assert code in (1, 2) and "FT011" in said, said
    assert other.read_bytes() == before


def test_a_register_outside_is_not_read_by_record(tmp_path: Path) -> None:
    from test_frozen_scope import _five

    project = _five(tmp_path / "ws")
    outside = tmp_path / "elsewhere.csv"
    outside.write_text("楼栋,单元,房号,户主\n9,9,999,秘密\n", encoding="utf-8")
    register = tmp_path / "ws/households/r.csv"
    register.unlink()
    register.symlink_to(outside)
    code, said = run("canvass", "record", project, "9-9-998", "agree", "--date", "2024-04-16")
    assert code in (1, 2) and "9-9-999" not in said and "FT504" in said, said


@pytest.mark.parametrize("where", [".fourtwo/project.schema.json", f"{B}/notices/.a.tmp"])
def test_a_fifo_hangs_no_command(ws: Path, where: str) -> None:
    if where.endswith(".tmp"):
        (ws / where).write_text("x")
        target = ws / B / "project.yaml"
    else:
        target = ws / where
    target.unlink()
    os.mkfifo(target)
    for command in ("check", "status"):
        code, said = run(command, ws)
        assert code in (1, 2), said


def test_verify_reads_no_fifo_and_no_device(ws: Path, tmp_path: Path) -> None:
    fifo = ws / B / "notices/x.html"
    os.mkfifo(fifo)
    code, said = run("verify", fifo)
    assert code == 2, said
    code, said = run("verify", "/dev/zero")
    assert code == 2, said
    sql = tmp_path / "q.sql"
    os.mkfifo(sql)
    code, said = run("report", ws, "--sql", sql)
    assert code == 2, said


@pytest.mark.parametrize(
    "where",
    [f"{B}/loop", "households/loop.csv", f"{B}/notices/loop.html", "procedures/loop.yaml"],
)
def test_a_link_that_loops_is_a_finding_not_a_crash(ws: Path, where: str) -> None:
    (ws / where).parent.mkdir(parents=True, exist_ok=True)
    os.symlink(Path(where).name, ws / where)
    for command in ("check", "status", "show" if "procedures" not in where else "status"):
        code, said = run(command, ws if command != "show" else ws / B)
        assert code in (0, 1, 2), said


@pytest.mark.parametrize("key", ["register", "minutes"])
def test_a_nul_in_a_path_is_a_finding_not_a_crash(ws: Path, key: str) -> None:
    text = (ws / B / "project.yaml").read_text(encoding="utf-8")
    if key == "register":
        text = text.replace("register: households/hongmeiyuan.csv", 'register: "households/hongmeiyuan.csv\\0"', 1)
    else:
        text = text.replace("  - step: committee ", '  - minutes: "minutes\\0.pdf"\n    step: committee ', 1)
    assert "\\0" in text
    (ws / B / "project.yaml").write_text(text, encoding="utf-8")
    for command in ("check", "status"):
        code, said = run(command, ws)
        assert code == 1, said
    code, said = run("show", ws / B)
    assert code in (0, 1), said


def test_a_path_argument_that_loops(tmp_path: Path) -> None:
    os.symlink("x", tmp_path / "x")
    code, said = run("check", tmp_path / "x")
    assert code == 2, said


@pytest.mark.parametrize("out", ["fourtwo.yaml", f"{B}/project.yaml", "report.csv"])
def test_report_writes_no_file_of_a_workspace(ws: Path, out: str) -> None:
    before = _snapshot(ws)
    code, said = run("report", ws, "--format", "csv", "--out", ws / out)
    assert code == 2, said
    assert _snapshot(ws) == before


def test_export_writes_no_folder_inside_a_workspace(ws: Path) -> None:
    pytest.importorskip("pyarrow")
    code, said = run("export", ws, "--out", ws / "data")
    assert code == 2 and not (ws / "data").exists(), said


def test_a_project_folder_that_is_a_link_is_said(ws: Path, tmp_path: Path) -> None:
    shutil.move(ws / B, tmp_path / "moved")
    (ws / B).symlink_to(tmp_path / "moved")
    code, said = run("check", ws)
    assert code == 1 and "FT011" in said, said


@pytest.mark.parametrize("kind", ["dangling", "loop", "folder"])
def test_a_register_that_is_no_file_is_said(ws: Path, kind: str) -> None:
    where = ws / "households/broken.csv"
    if kind == "dangling":
        where.symlink_to("nowhere.csv")
    elif kind == "loop":
        where.symlink_to("broken.csv")
    else:
        where.mkdir()
    code, said = run("check", ws)
    assert code == 1 and "broken.csv" in said, said


@pytest.mark.parametrize("kind", ["out", "fifo", "folder-yaml"])
def test_procedures_that_are_no_folder_of_files_are_said(ws: Path, tmp_path: Path, kind: str) -> None:
    if kind == "out":
        (tmp_path / "elsewhere").mkdir()
        (ws / "procedures").symlink_to(tmp_path / "elsewhere")
    elif kind == "fifo":
        os.mkfifo(ws / "procedures")
    else:
        (ws / "procedures/x.yaml").mkdir(parents=True)
    code, said = run("check", ws)
    assert code == 1 and "procedures" in said, said


def test_control_characters_reach_no_record_and_no_terminal(tmp_path: Path) -> None:
    """ESC, BEL, NUL, the C1 CSI (U+009B) and a bare carriage return: refused in an argument,
    a row not counted in a sheet, canvass.csv or a register, a finding in YAML."""
    from test_frozen_scope import _five

    project = _five(tmp_path / "ws")
    ws = tmp_path / "ws"
    before = (project / "canvass.csv").read_bytes()
    sheet = tmp_path / "imp.csv"
    sheet.write_text("户号,意见,走访人,日期,方式,备注\n1-1-401,同意,\x1b]0;x\x07李娟,2024-04-11,入户,hi\n", encoding="utf-8")
    code, said = run("canvass", "import", project, sheet)
    assert code in (1, 2) and "\x1b" not in said and (project / "canvass.csv").read_bytes() == before, said
    for value in ("新\u009b31m地点", "伪造\r新地点", "李\x1b娟"):
        code, said = run("correct", "project", project, "--place", value, "--reason", "笔误")
        assert code == 2 and "FT905" in said, (value, said)
    with open(project / "canvass.csv", "a", encoding="utf-8", newline="") as handle:
        handle.write("1-1-401,agree,\x1b[2J李娟,2024-04-11,in_person,\r\n")
    code, said = run("check", ws)
    assert code == 1 and "FT501" in said and "\x1b" not in said, said
    register = ws / "households/r.csv"
    register.write_text(register.read_text(encoding="utf-8").replace("户主5", "\x1b]0;pwn\x07户主5"), encoding="utf-8")
    code, said = run("check", ws)
    assert code == 1 and "FT310" in said and "\x1b" not in said, said
    text = (project / "project.yaml").read_text(encoding="utf-8")
    (project / "project.yaml").write_text(text.replace("title: 活动场地", 'title: "活动\\u009b场地"', 1), encoding="utf-8")
    code, said = run("check", ws)
    assert "FT012" in said and "U+009B" in said, said


def test_a_linked_notices_folder_out_is_not_listed_and_a_loop_blocks_writing(ws: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "salary-2024.xlsx").write_text("x")
    shutil.rmtree(ws / B / "notices")
    (ws / B / "notices").symlink_to(victim)
    code, said = run("check", ws)
    assert code == 1 and "FT011" in said and "salary-2024" not in said, said
    (ws / B / "notices").unlink()
    (ws / B / "notices").symlink_to("notices")  # a link that loops
    code, said = run("correct", "project", ws / B, "--place", "新地点", "--reason", "笔误")
    assert code in (1, 2) and "notices" in said, said


@pytest.mark.parametrize("case", ["templates-fifo", ".fourtwo-fifo", "projects-fifo-entry", "projects-dangling", "templates-file"])
def test_what_stands_where_a_folder_should_be_is_said(ws: Path, case: str) -> None:
    if case == "templates-fifo":
        os.mkfifo(ws / "templates")
    elif case == ".fourtwo-fifo":
        shutil.rmtree(ws / ".fourtwo")
        os.mkfifo(ws / ".fourtwo")
    elif case == "projects-fifo-entry":
        os.mkfifo(ws / "projects/zz")
    elif case == "projects-dangling":
        (ws / "projects/gone").symlink_to("nowhere")
    else:
        (ws / "templates").write_text("x")
    code, said = run("check", ws)
    assert code == 1, said


def test_a_dataset_with_a_fifo_a_device_or_junk_is_refused(ws: Path, tmp_path: Path) -> None:
    pytest.importorskip("duckdb")
    data = tmp_path / "exp"
    code, said = run("export", ws, "--out", data)
    assert code == 0, said
    marker = data / "fourtwo-dataset.json"
    kept = marker.read_bytes()
    marker.unlink()
    os.mkfifo(marker)
    code, said = run("report", "--data", data)
    assert code == 2 and "FT951" in said, said
    marker.unlink()
    marker.symlink_to("/dev/zero")
    code, said = run("report", "--data", data)
    assert code == 2 and "FT951" in said, said
    marker.unlink()
    marker.write_bytes(kept)
    (parquet,) = list(data.glob("projects*.parquet")) or list(data.rglob("projects*.parquet"))[:1]
    parquet.write_text("junk")
    code, said = run("report", "--data", data)
    assert code == 2, said


def test_a_built_site_holding_a_link_or_a_fifo_is_said(ws: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<p>ok</p>", encoding="utf-8")
    (site / "x.csv").symlink_to("/etc/passwd")
    os.mkfifo(site / "p.html")
    code, said = run("check", ws, "--site", site)
    assert code == 1 and "x.csv" in said and "p.html" in said and "root:" not in said, said


def test_status_says_what_check_says_of_a_linked_notices_folder_and_a_linked_project(ws: Path, tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    shutil.rmtree(ws / B / "notices")
    (ws / B / "notices").symlink_to(tmp_path / "elsewhere")
    code, said = run("status", ws)
    assert code == 1 and " ok" not in said.split("\n", 2)[2], said
    shutil.move(ws / B, tmp_path / "moved")
    (ws / B).symlink_to(tmp_path / "moved")
    code, said = run("status", ws)
    assert code == 1 and "fourtwo check" in said, said


def test_a_special_file_named_on_the_command_line_is_said_as_what_it_is(ws: Path, tmp_path: Path) -> None:
    os.mkfifo(ws / "households/f.csv")
    code, said = run("new", "newr", "--title", "测试", "--households", ws / "households/f.csv", "-w", ws)
    assert code == 2 and "FT010" in said and not (ws / "projects/newr").exists(), said
    settings = tmp_path / "s.yaml"
    settings.symlink_to("s.yaml")
    code, said = run("report", ws, "--settings", settings)
    assert code == 2 and "FT901" not in said, said


@pytest.mark.parametrize("kind", ["fifo", "folder"])
def test_a_workspace_file_that_is_no_file_is_said_as_such(ws: Path, kind: str) -> None:
    (ws / "fourtwo.yaml").unlink()
    if kind == "fifo":
        os.mkfifo(ws / "fourtwo.yaml")
    else:
        (ws / "fourtwo.yaml").mkdir()
    code, said = run("check", ws)
    assert code in (1, 2) and "FT902" not in said and "fourtwo.yaml" in said, said


def test_show_says_the_workspace_file_cannot_be_read(ws: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.yaml"
    shutil.copy(ws / "fourtwo.yaml", outside)
    (ws / "fourtwo.yaml").unlink()
    (ws / "fourtwo.yaml").symlink_to(outside)
    code, said = run("show", ws / B, "--lang", "en")
    assert code in (0, 1) and "problems: 1 error" in said, said


def test_new_and_init_write_nothing_through_a_link_out(tmp_path: Path) -> None:
    """projects/ (or .fourtwo/, households/) a link out of the workspace: refused, nothing written there."""
    outside = tmp_path / "outside"
    for name in ("projects", "schemas", "households"):
        (outside / name).mkdir(parents=True)
    ws = tmp_path / "ws"
    shutil.copytree(EXAMPLES / "taqiao", ws)
    shutil.rmtree(ws / "projects")
    (ws / "projects").symlink_to(outside / "projects")
    code, said = run("new", "p3", "--title", "t", "--workspace", ws)
    assert code == 2 and "FT015" in said, said
    fresh = tmp_path / "w2"
    fresh.mkdir()
    (fresh / ".fourtwo").symlink_to(outside / "schemas")
    (fresh / "households").symlink_to(outside / "households")
    code, said = run("init", fresh, "--name", "某村", "--kind", "village")
    assert code == 2 and "FT015" in said, said
    assert not any(p.is_file() for p in outside.rglob("*")), list(outside.rglob("*"))


@pytest.mark.parametrize("make", ["fifo", "file", "dangling"])
def test_a_templates_folder_that_is_no_folder_stops_publish_as_it_stops_check(tmp_path: Path, make: str) -> None:
    """check says templates/ is unusable; publish must not post a notice with the built-in
    templates instead, without a word."""
    ws = tmp_path / "taqiao"
    shutil.copytree(EXAMPLES / "taqiao", ws)
    shutil.rmtree(ws / "templates", ignore_errors=True)
    if make == "fifo":
        os.mkfifo(ws / "templates")
    elif make == "file":
        (ws / "templates").write_text("not a folder\n", encoding="utf-8")
    else:
        os.symlink(ws / "nowhere", ws / "templates")
    assert cli("check", ws).exit_code == 1
    project = ws / "projects/2024-taqiao-lane-hardening"
    before = (project / "project.yaml").read_bytes()
    published = cli("publish", project, "resolution", "--date", "2024-03-25", "--format", "txt")
    assert published.exit_code == 2, published.output
    assert (project / "project.yaml").read_bytes() == before and not (project / "notices").exists()


def test_a_template_name_that_is_a_folder_is_a_finding_of_check(tmp_path: Path) -> None:
    ws = tmp_path / "taqiao"
    shutil.copytree(EXAMPLES / "taqiao", ws)
    (ws / "templates" / "resolution.txt.j2").mkdir(parents=True)
    checked = cli("check", ws)
    assert checked.exit_code == 1 and "FT010" in checked.output, checked.output


def test_a_linked_record_is_written_where_it_is_read(tmp_path: Path) -> None:
    """fourtwo.yaml and project.yaml linked to a file inside the workspace (check reads them
    there): a command writes there too, keeping the link, never a second copy beside it."""
    ws = tmp_path / "taqiao"
    shutil.copytree(EXAMPLES / "taqiao", ws)
    (ws / "conf").mkdir()
    shutil.move(ws / "fourtwo.yaml", ws / "conf" / "fourtwo.yaml")
    os.symlink("conf/fourtwo.yaml", ws / "fourtwo.yaml")
    project = ws / "projects/2024-taqiao-lane-hardening"
    (ws / "archive").mkdir()
    shutil.move(project / "project.yaml", ws / "archive" / "p.yaml")
    os.symlink("../../archive/p.yaml", project / "project.yaml")
    assert cli("check", ws).exit_code == 0
    assert cli("correct", "workspace", ws, "--hotline", "0951-6012345").exit_code == 0
    assert cli("correct", "project", project, "--place", "东巷", "--reason", "地点更正").exit_code == 0
    assert os.path.islink(ws / "fourtwo.yaml") and os.path.islink(project / "project.yaml")
    assert "0951-6012345" in (ws / "conf" / "fourtwo.yaml").read_text(encoding="utf-8")
    assert "东巷" in (ws / "archive" / "p.yaml").read_text(encoding="utf-8")
    assert cli("check", ws).exit_code == 0


def test_a_visit_is_never_appended_through_a_hard_link(tmp_path: Path) -> None:
    """canvass.csv hard-linked to a file outside the workspace: the visit is written in the
    workspace's canvass.csv alone (it gets a file of its own), the file outside is as it was."""
    ws = tmp_path / "beiyuan"
    shutil.copytree(EXAMPLES / "beiyuan", ws)
    project = ws / "projects/2024-hongmeiyuan-activity-area"
    outside = tmp_path / "outside.csv"
    os.link(project / "canvass.csv", outside)
    before = outside.read_bytes()
    text = (project / "project.yaml").read_text(encoding="utf-8")
    (project / "project.yaml").write_text(text[: text.index("  - step: progress_notice")], encoding="utf-8")  # the canvass open again
    recorded = cli("canvass", "record", project, "1-1-101", "agree", "--date", "2024-04-19")
    assert recorded.exit_code == 0, recorded.output
    assert outside.read_bytes() == before
    assert (project / "canvass.csv").read_bytes() != before and os.stat(project / "canvass.csv").st_nlink == 1


@pytest.mark.parametrize("make", ["fifo", "folder", "loop"])
@pytest.mark.parametrize("command", ["record", "coverage", "exclude"])
def test_a_register_that_is_there_but_no_file_is_said_to_be_what_it_is(tmp_path: Path, make: str, command: str) -> None:
    """The canvass commands never call a FIFO, a folder or a link round in a loop 'not there'
    (their hint would send the clerk to name another register): they say what it is, as check does."""
    ws = tmp_path / "beiyuan"
    shutil.copytree(EXAMPLES / "beiyuan", ws)
    project = ws / "projects/2024-hongmeiyuan-activity-area"
    text = (project / "project.yaml").read_text(encoding="utf-8")
    (project / "project.yaml").write_text(text[: text.index("  - step: progress_notice")], encoding="utf-8")  # the canvass open again
    shutil.rmtree(project / "notices")
    register = next((ws / "households").glob("*.csv"))
    register.unlink()
    if make == "fifo":
        os.mkfifo(register)
    elif make == "folder":
        register.mkdir()
    else:
        os.symlink(register.name, register)
    args = {
        "record": ["canvass", "record", project, "1-1-101", "agree", "--date", "2024-04-19"],
        "coverage": ["canvass", "coverage", project],
        "exclude": ["canvass", "exclude", project, "1-1-101", "--reason", "空置", "--date", "2024-04-19"],
    }[command]
    done = cli(*args)
    assert done.exit_code in (1, 2) and "FT504" in done.output, done.output
    assert "is not there" not in done.output
    assert {"fifo": "FIFO", "folder": "folder", "loop": "cannot be read"}[make] in done.output, done.output


@pytest.mark.parametrize("make", ["fifo", "folder"])
def test_verify_and_a_query_file_say_what_is_there_instead(tmp_path: Path, make: str) -> None:
    """A notice given to verify, or a query given to report --sql, that is a FIFO or a folder is
    said to be one (FT010 as check says it), never 'the system refused it (NotRegular)'."""
    ws = tmp_path / "beiyuan"
    shutil.copytree(EXAMPLES / "beiyuan", ws)
    notice, query = ws / "n.txt", tmp_path / "q.sql"
    for path in (notice, query):
        os.mkfifo(path) if make == "fifo" else path.mkdir()
    kind = "FIFO" if make == "fifo" else "folder"
    verified = cli("verify", notice)
    assert verified.exit_code == 2 and "FT010" in verified.output and kind in verified.output, verified.output
    queried = cli("report", ws, "--sql", query)
    assert queried.exit_code == 2 and kind in queried.output and "NotRegular" not in queried.output, queried.output


@pytest.mark.parametrize("make", ["outside", "dangling", "socket"])
def test_a_lock_file_that_is_no_file_is_said_to_be_what_it_is(tmp_path: Path, make: str) -> None:
    """A writing command meets .fourtwo.lock as a link or a socket: it says what is there, as
    check does, never 'too many links' nor 'the disk is full'; and nothing is written."""
    import socket

    ws = tmp_path / "beiyuan"
    shutil.copytree(EXAMPLES / "beiyuan", ws)
    project = ws / "projects/2024-hongmeiyuan-activity-area"
    lock = project / ".fourtwo.lock"
    lock.unlink(missing_ok=True)
    if make == "outside":
        (tmp_path / "elsewhere").write_text("", encoding="utf-8")
        os.symlink(tmp_path / "elsewhere", lock)
    elif make == "dangling":
        os.symlink(tmp_path / "nowhere", lock)
    else:
        server, here = socket.socket(socket.AF_UNIX), os.getcwd()
        os.chdir(project)  # a socket's path is short: bound by its name in its folder
        try:
            server.bind(lock.name)
        finally:
            os.chdir(here)
    before = (project / "project.yaml").read_bytes()
    try:
        done = cli("correct", "project", project, "--place", "东巷", "--reason", "地点更正")
    finally:
        if make == "socket":
            server.close()
    assert done.exit_code == 2, done.output
    assert {"outside": "FT011", "dangling": "FT011", "socket": "FT010"}[make] in done.output, done.output
    assert "FT018" not in done.output and "FT908" not in done.output
    assert (project / "project.yaml").read_bytes() == before


def test_a_register_named_in_one_unicode_form_and_saved_in_another_is_said_so(tmp_path: Path) -> None:
    """project.yaml names café.csv (NFC); the file was saved as macOS writes it (NFD): not 'not
    found' with nothing to go on, but the name on disk, escaped, and what to do."""
    import unicodedata

    ws = tmp_path / "beiyuan"
    shutil.copytree(EXAMPLES / "beiyuan", ws)
    register = next((ws / "households").glob("*.csv"))
    nfc = "café.csv"
    register.rename(register.parent / unicodedata.normalize("NFD", nfc))
    project = ws / "projects/2024-hongmeiyuan-activity-area/project.yaml"
    project.write_text(project.read_text(encoding="utf-8").replace(f"households/{register.name}", f"households/{nfc}"), encoding="utf-8")
    checked = cli("check", ws)
    assert "FT234" in checked.output and "cafe\\u0301.csv" in checked.output, checked.output


def test_a_path_given_that_leads_nowhere_or_is_no_folder_is_said_to_be_what_it_is(tmp_path: Path) -> None:
    """A link in a loop or to nowhere is not 'no such file'; a FIFO given where a folder goes is
    said to be one, not 'it exists already'."""
    os.symlink("loop", tmp_path / "loop")
    os.symlink("nowhere", tmp_path / "dangling")
    os.mkfifo(tmp_path / "fifo")
    for name in ("loop", "dangling"):
        checked = cli("check", tmp_path / name)
        assert checked.exit_code == 2 and "FT001" in checked.output and "FT901" not in checked.output, checked.output
    site = cli("check", EXAMPLES / "beiyuan", "--site", tmp_path / "fifo")
    assert site.exit_code == 2 and "FIFO" in site.output and "FT901" not in site.output, site.output
    schema = cli("schema", "--out", tmp_path / "fifo")
    assert schema.exit_code == 2 and "FIFO" in schema.output and "exists already" not in schema.output, schema.output


def test_a_procedure_file_linked_out_blocks_a_correction_as_a_fifo_does(tmp_path: Path) -> None:
    """procedures/x.yaml linked to a file outside the workspace: check says FT011 and publish
    refuses; a correction must not write past it either."""
    ws = tmp_path / "taqiao"
    shutil.copytree(EXAMPLES / "taqiao", ws)
    (ws / "procedures").mkdir(exist_ok=True)
    (tmp_path / "outside.yaml").write_text("id: village-strict\n", encoding="utf-8")
    os.symlink(tmp_path / "outside.yaml", ws / "procedures" / "village-strict.yaml")
    assert "FT011" in cli("check", ws).output
    project = ws / "projects/2024-taqiao-lane-hardening"
    before = (project / "project.yaml").read_bytes()
    done = cli("correct", "project", project, "--place", "东巷", "--reason", "地点更正")
    assert done.exit_code == 2 and "FT011" in done.output, done.output
    assert (project / "project.yaml").read_bytes() == before
