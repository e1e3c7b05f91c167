"""The street office's commands measured on a county's worth of workspaces (issue 25).

    street    600 workspaces x 20 projects (12,000 projects), each project 300 visits of its
              workspace's 300-household register (3.6 M visits); projects at every stage:
              reviewed only, canvassed, decided, posted, implemented, finished

Goals, measured in one run:

1. `fourtwo export` <= 2x a (cold: there is no cache) `fourtwo check` of the same workspaces: the two
   alternate (export then check, then check then export, ...), each pair gives a ratio, and
   the median of the ratios is reported with their spread (lowest-highest).
2. `fourtwo report --data DIR` (the dataset export wrote: it reads the whole file of each
   table) <= 0.5 s and <= 300 MB: its wall time, median of the rounds, and the peak resident
   set of its process (ru_maxrss of the child: DuckDB works in threads, not processes). Beside
   it, the same report from the partitions alone and computed from the workspaces, for
   scale, and `python -c "import typer"`, the floor of any command.

The machine is shared: every figure is printed with the load average when it was taken.

The province and the country are worked out from the same run's per-project figures
(docs/performance.md), not measured: ~10^5 and ~10^6 projects a year.

Run: .venv/bin/python benchmarks/office_bench.py [--rounds N] [--keep DIR] [--workspaces N]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from fourtwo.office.schema import TABLES

FOURTWO = [sys.executable, "-m", "fourtwo"]
AS_OF = "2026-06-30"
HOUSEHOLDS = 300
WORKSPACE = "organisation: {{name: 基准{n:03d}社区, kind: community, region: 某省某市某区}}\nparty_organisation: {{name: 中共基准{n:03d}社区委员会}}\ncommittee: {{name: 基准{n:03d}社区居民委员会}}\nnotice: {{hotline: 0951-6000000, posting_place: 公示栏}}\n"
HEAD = "id: p{p:02d}\ntitle: 基准项目{p}\nmatter: 改造\nbudget: {{amount: 186000, funding: 专项资金}}\nhouseholds: {{register: households/r.csv}}\nsteps:\n"


def _meeting(step: str, day: dt.date, members: int = 5) -> str:
    return f"  - {{step: {step}, date: {day}, members: {members}, present: {members}, for: {members}}}\n"


def _project(p: int, start: dt.date) -> tuple[str, int]:
    """Project p's text and how many of its visits to write: its stage is p % 5 (0 and 1:
    canvassed, waiting for the resolution)."""
    d = dt.timedelta
    stage = p % 5
    text = HEAD.format(p=p) + _meeting("branch", start) + _meeting("committee", start + d(days=2), 7)
    if stage >= 2:  # decided
        text += _meeting("assembly", start + d(days=30), 45)
    if stage >= 3:
        text += f"  - {{step: resolution_notice, date: {start + d(days=32)}, period_start: {start + d(days=32)}, period_end: {start + d(days=39)}}}\n"
    if stage >= 4:
        text += f"  - {{step: implementation, date: {start + d(days=90)}, started: {start + d(days=45)}, cost: 180000, acceptance: passed}}\n"
        text += f"  - {{step: result_notice, date: {start + d(days=95)}, period_start: {start + d(days=95)}, period_end: {start + d(days=102)}}}\n"
    return text, HOUSEHOLDS


def make_street(root: Path, workspaces: int, projects: int = 20) -> None:
    ids = [f"{n // 40 + 1}-{n // 20 % 2 + 1}-{(n % 20) // 2 * 100 + 101 + n % 2}" for n in range(HOUSEHOLDS)]
    for w in range(workspaces):
        ws = root / f"ws{w:03d}"
        (ws / "households").mkdir(parents=True)
        (ws / "fourtwo.yaml").write_text(WORKSPACE.format(n=w), encoding="utf-8")
        with open(ws / "households/r.csv", "w", encoding="utf-8-sig", newline="") as handle:
            out = csv.writer(handle)
            out.writerow(["楼栋", "单元", "房号", "户主"])
            out.writerows([[*hid.split("-"), "户主"] for hid in ids])
        for p in range(projects):
            start = dt.date(2025, 1, 1) + dt.timedelta(days=(w * 7 + p * 11) % 300)
            folder = ws / f"projects/p{p:02d}"
            folder.mkdir(parents=True)
            text, visits = _project(p, start)
            (folder / "project.yaml").write_text(text, encoding="utf-8")
            day = start + dt.timedelta(days=10)
            with open(folder / "canvass.csv", "w", encoding="utf-8-sig", newline="") as handle:
                out = csv.writer(handle, lineterminator="\r\n")
                out.writerow(["household", "opinion", "by", "date", "channel", "note"])
                out.writerows(
                    [
                        [ids[n], ("agree", "agree", "oppose", "abstain")[n % 4], f"网格员{n % 6}", day, ("in_person", "phone")[n % 9 == 0], ""]
                        for n in range(visits)
                    ]
                )


def _timed(args: list[str], cwd: Path) -> tuple[float, int]:
    """Wall seconds and the peak RSS (MB) of one run of a command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    done = subprocess.run(args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 1):
        sys.exit(f"{' '.join(args)} failed ({done.returncode}): {done.stderr.decode()[-2000:]}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, (peak if peak > before else 0) // 1024


def _peak(args: list[str], cwd: Path) -> int:
    """The peak RSS of a command run alone, in a fresh child (ru_maxrss of children is a maximum over all of them)."""
    code = f"import resource, subprocess, sys; subprocess.run({args!r}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    return int(subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, check=True).stdout) // 1024


def _partitions_only(data: Path) -> Path:
    """A copy of the dataset without its whole files: what report --data reads from the
    partitions alone (a dataset written before them, or a union of several exports')."""
    only = data.parent / "data-partitions"
    shutil.rmtree(only, ignore_errors=True)
    shutil.copytree(data, only, ignore=lambda folder, names: [n for n in names if Path(folder) == data and n.endswith(".parquet")])
    return only


def _load() -> str:
    return "load " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def _spread(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} ({min(values):.2f}-{max(values):.2f})"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--report-rounds", type=int, default=9)
    parser.add_argument("--workspaces", type=int, default=600)
    parser.add_argument("--keep", type=Path)
    parser.add_argument("--report-only", action="store_true", help="reuse the dataset in --keep: measure the report alone")
    args = parser.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="fourtwo-office-"))
    street = root / "street"
    if not street.is_dir():
        t = time.perf_counter()
        make_street(street, args.workspaces)
        print(f"made {args.workspaces} workspaces x 20 projects in {time.perf_counter() - t:.0f} s")
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(Path(__file__).resolve().parent.parent / "fourtwo")], check=True)
    print(f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}, {os.cpu_count()} cores")
    data = root / "data"
    export = [*FOURTWO, "export", ".", "--out", str(data)]
    check = [*FOURTWO, "check", "."]  # cold: there is no cache
    ratios, exports, checks = [], [], []
    for n in range(0 if args.report_only else args.rounds):
        pair = [export, check] if n % 2 == 0 else [check, export]
        times = {tuple(c): _timed(c, street)[0] for c in pair}
        exports.append(times[tuple(export)])
        checks.append(times[tuple(check)])
        ratios.append(exports[-1] / checks[-1])
        print(f"  pair {n + 1}: export {exports[-1]:.1f} s, check {checks[-1]:.1f} s, ratio {ratios[-1]:.2f} ({_load()})")
    if ratios:
        print(f"export / cold check: {_spread(ratios)}x (goal <= 2x); export {_spread(exports)} s, check {_spread(checks)} s")
    report = [*FOURTWO, "report", "--data", str(data), "--date", AS_OF, "--format", "json"]
    typer = [sys.executable, "-c", "import typer"]
    seconds, floors = [], []
    print(f"  report --data rounds start ({_load()})")
    for n in range(args.report_rounds):
        for command in [report, typer] if n % 2 == 0 else [typer, report]:
            (seconds if command is report else floors).append(_timed(command, street)[0])
    print(f"report --data: {_spread(seconds)} s (goal <= 0.5 s); import typer {_spread(floors)} s ({_load()})")
    print(f"report --data: peak {_peak(report, street)} MB (goal <= 300 MB) ({_load()})")
    table = [*FOURTWO, "report", "--data", str(data), "--date", AS_OF]
    print(f"report --data as the terminal table: {_timed(table, street)[0]:.2f} s ({_load()})")
    split = [*FOURTWO, "report", "--data", str(_partitions_only(data)), "--date", AS_OF, "--format", "json"]
    print(f"report --data from the partitions alone: {statistics.median(_timed(split, street)[0] for _ in range(3)):.2f} s, median of 3 ({_load()})")
    if args.report_only:
        return
    live = [*FOURTWO, "report", ".", "--date", AS_OF, "--format", "json"]
    print(f"report over the workspaces: {_timed(live, street)[0]:.1f} s, peak {_peak(live, street)} MB ({_load()})")
    whole = sum((data / f"{name}.parquet").stat().st_size for name in TABLES)
    print(
        f"export peak {_peak(export, street)} MB ({_load()}); dataset {sum(f.stat().st_size for f in data.rglob('*') if f.is_file()) / 1e6:.1f} MB"
        f" in {sum(1 for f in data.rglob('*.parquet'))} files, of which the whole files {whole / 1e6:.2f} MB"
    )
    if args.keep is None:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
