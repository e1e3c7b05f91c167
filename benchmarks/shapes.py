"""The workspace shapes `fourtwo check` is measured on (issue 15), generated so anyone can rerun them.

    small     1,000 projects x 200 visits, no notices, 10 shared registers of 200 households
    hongmei   300 projects like the 红梅园 example (examples/beiyuan): 7 steps, 2 published
              notices x 3 formats, 264 visits, one 216-household register; each copy has its
              own id and is re-published, so `fourtwo check` is clean
    long      10 projects x 20,000 visits, each with its own 20,000-household register
    many      5,000 projects x 200 visits (the small shape, five times wider)
    street    a street office's folder: 20 workspaces x 50 projects x 200 visits, each
              workspace its own repository, all given to one `fourtwo check`
    p100      100 projects x 200 visits (for the scaling line: p100, small, many, p20000)
    p20000    20,000 projects x 200 visits

Every workspace is a git repository with its files committed and households/ ignored, as
an office keeps one (registers hold full phone numbers and stay out of git): FT702 then
asks git, as it does in real use. Registers carry full mobile numbers for that reason.

Run: .venv/bin/python benchmarks/shapes.py SHAPE FOLDER   (makes FOLDER/ws)
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
EXAMPLE = HERE.parent / "examples/beiyuan"
EXAMPLE_PROJECT = "2024-hongmeiyuan-activity-area"

WORKSPACE = """\
organisation: {name: 基准社区, kind: community}
party_organisation: {name: 中共基准社区委员会}
committee: {name: 基准社区居民委员会}
notice: {hotline: 0951-6000000, posting_place: 公示栏}
"""
PROJECT = """\
id: {id}
title: 基准项目{n}
households:
  register: households/r{r}.csv
budget:
  amount: 186000
  funding: 为民服务和发展专项资金
steps:
  - step: branch
    date: 2024-03-01
    members: 5
    present: 5
    for: 5
  - step: committee
    date: 2024-03-02
    members: 7
    present: 7
    for: 7
"""
HEADER = ["楼栋", "单元", "房号", "户主", "联系电话", "建筑面积", "状态"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"


def household_id(n: int, per_unit: int = 20) -> str:
    """Building, unit, room: 20 rooms a unit (2 a floor), 2 units a building."""
    return f"{n // (2 * per_unit) + 1}-{n // per_unit % 2 + 1}-{(n % per_unit) // 2 * 100 + 101 + n % 2}"


def write_register(path: Path, households: int) -> list[str]:
    ids = []
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(HEADER)
        for n in range(households):
            hid = household_id(n)
            ids.append(hid)
            building, unit, room = hid.split("-")
            out.writerow([building, unit, room, SURNAMES[n % len(SURNAMES)] + "某", f"138{n:08d}", f"{60 + n % 80}.{n % 100:02d}", ""])
    return ids


def write_visits(path: Path, ids: list[str], visits: int) -> None:
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        out = csv.writer(handle, lineterminator="\r\n")
        out.writerow(["household", "opinion", "by", "date", "channel", "note"])
        for n in range(visits):
            out.writerow([ids[n % len(ids)], ("agree", "oppose", "abstain", "absent", "agree")[n % 5], f"网格员{n % 12}", "2024-04-16", "in_person", ""])


def plain(root: Path, projects: int, visits: int, registers: int, households: int) -> None:
    """`projects` projects of `visits` visits each, sharing `registers` registers of `households`."""
    (root / "households").mkdir(parents=True)
    (root / "fourtwo.yaml").write_text(WORKSPACE, encoding="utf-8")
    ids = {r: write_register(root / f"households/r{r}.csv", households) for r in range(registers)}
    for p in range(projects):
        folder = root / f"projects/p{p:04d}"
        folder.mkdir(parents=True)
        (folder / "project.yaml").write_text(PROJECT.format(id=f"p{p:04d}", n=p, r=p % registers), encoding="utf-8")
        write_visits(folder / "canvass.csv", ids[p % registers], visits)


def hongmei(root: Path, projects: int = 300) -> None:
    """`projects` copies of the 红梅园 project, each with its own id, its notices published again
    (their digests name the id), through fourtwo's own publish, as a clerk would."""
    from fourtwo.disclosure.publish import publish
    from fourtwo.findings.errors import Refusal

    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("projects"))
    source = (EXAMPLE / "projects" / EXAMPLE_PROJECT / "project.yaml").read_text(encoding="utf-8")
    # Up to the resolution notice; the implementation goes in between the two notices.
    head, rest = source.split("  - step: resolution_notice", 1)
    implementation = "  - step: implementation" + rest.split("  - step: implementation", 1)[1].split("  - step: result_notice", 1)[0]
    objections = "objections:" + rest.split("\nobjections:", 1)[1]
    made, p = 0, 0
    while made < projects:
        p += 1
        folder = root / "projects" / f"2024-hongmeiyuan-{p:04d}"
        folder.mkdir(parents=True)
        shutil.copy(EXAMPLE / "projects" / EXAMPLE_PROJECT / "canvass.csv", folder / "canvass.csv")
        text = re.sub(r"(?m)^id: .*$", f"id: 2024-hongmeiyuan-{p:04d}", head) + objections
        (folder / "project.yaml").write_text(text, encoding="utf-8")
        try:
            publish(folder, "resolution", ["html", "md", "txt"], None, dt.date(2024, 4, 28), False)
            text = (folder / "project.yaml").read_text(encoding="utf-8")
            before, after = text.split("objections:", 1)
            (folder / "project.yaml").write_text(before + implementation + "objections:" + after, encoding="utf-8")
            publish(folder, "result", ["html", "md", "txt"], None, dt.date(2024, 7, 22), False)
        except Refusal as refused:  # FT611 on a digest whose hex digits read as a phone number: another id
            print(f"skipped {folder.name}: {refused.diagnostic.message}", file=sys.stderr)
            shutil.rmtree(folder)
            continue
        made += 1


def street(root: Path, workspaces: int = 20, projects: int = 50) -> None:
    """A folder of `workspaces` communities' workspaces, each a repository of its own."""
    for w in range(workspaces):
        plain(root / f"ws{w:02d}", projects, 200, 2, 200)
        commit(root / f"ws{w:02d}")
    (root / "made").write_text("a folder of workspaces\n", encoding="utf-8")


SHAPES = {
    "small": lambda root: plain(root, 1000, 200, 10, 200),
    "hongmei": hongmei,
    "long": lambda root: plain(root, 10, 20_000, 10, 20_000),
    "many": lambda root: plain(root, 5000, 200, 10, 200),
    "p100": lambda root: plain(root, 100, 200, 10, 200),
    "p20000": lambda root: plain(root, 20_000, 200, 10, 200),
    "street": street,
}
DESCRIPTIONS = {
    "small": "1,000 projects x 200 visits, no notices",
    "hongmei": "300 projects like 红梅园 (7 steps, 2 notices x 3 formats, 264 visits)",
    "long": "10 projects x 20,000 visits (20,000-household registers)",
    "many": "5,000 projects x 200 visits",
    "p100": "100 projects x 200 visits",
    "p20000": "20,000 projects x 200 visits",
    "street": "20 workspaces x 50 projects x 200 visits, in one call",
}


def make(shape: str, root: Path) -> Path:
    """The workspace of `shape` at `root`, committed to a new git repository (the street shape:
    a folder of workspaces, each committed)."""
    SHAPES[shape](root)
    if shape != "street":
        commit(root)
    return root


def commit(root: Path) -> None:
    (root / ".gitignore").write_text("households/\n.fourtwo.lock\n", encoding="utf-8")
    git = ["git", "-C", str(root), "-c", "user.name=bench", "-c", "user.email=bench@example.org", "-c", "commit.gpgsign=false"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "shape"], check=True)


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in SHAPES:
        sys.exit(f"usage: shapes.py {{{','.join(SHAPES)}}} FOLDER")
    made = make(sys.argv[1], Path(sys.argv[2]) / "ws")
    print(made)
