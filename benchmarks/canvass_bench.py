"""Canvass speed, as ratios measured in one run (the machines are shared and noisy).

1. `fourtwo canvass record` in a 20,000-household project vs in a 200-household one
   (goal <= 1.2x): recording a visit must not grow with the project.
2. `fourtwo canvass coverage` on 20,000 households and their visits vs merely reading
   the same register and visits with the csv module (goal <= 2x).

Run: .venv/bin/python benchmarks/canvass_bench.py [--rounds N]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WORKSPACE = """\
organisation: {name: 基准社区, kind: community}
party_organisation: {name: 中共基准社区委员会}
committee: {name: 基准社区居民委员会}
notice: {hotline: 0951-6000000, posting_place: 公示栏}
"""
PROJECT = """\
id: p
title: 基准项目
households:
  register: households/r.csv
steps:
  - {step: branch, date: 2024-03-01, members: 5, present: 5, for: 5}
  - {step: committee, date: 2024-03-02, members: 7, present: 7, for: 7}
"""
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"


def make_workspace(root: Path, households: int, visits: int) -> Path:
    """A workspace with a register of `households` and `visits` recorded visits."""
    rng = random.Random(households)
    (root / "households").mkdir(parents=True)
    (root / "projects/p").mkdir(parents=True)
    (root / "fourtwo.yaml").write_text(WORKSPACE, encoding="utf-8")
    (root / "projects/p/project.yaml").write_text(PROJECT, encoding="utf-8")
    ids = []
    with open(root / "households/r.csv", "w", encoding="utf-8-sig", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["楼栋", "单元", "房号", "户主", "联系电话", "建筑面积", "状态"])
        for n in range(households):
            building, unit, room = n // 120 + 1, n // 24 % 5 + 1, (n % 24) // 2 * 100 + 101 + n % 2
            ids.append(f"{building}-{unit}-{room}")
            out.writerow([building, unit, room, rng.choice(SURNAMES) + "某", f"138{n:08d}", f"{rng.randint(50, 140)}.{rng.randint(0, 99):02d}", ""])
    with open(root / "projects/p/canvass.csv", "w", encoding="utf-8-sig", newline="") as handle:
        out = csv.writer(handle, lineterminator="\r\n")
        out.writerow(["household", "opinion", "by", "date", "channel", "note"])
        for n in range(visits):
            out.writerow([ids[n % households], rng.choice(["agree", "agree", "oppose", "abstain", "absent"]), f"网格员{n % 12}", "2024-04-16", "in_person", ""])
    return root / "projects/p"


def fourtwo(*args: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "fourtwo", *args], check=False, capture_output=True)
    return time.perf_counter() - started


def bare_read(project: Path) -> float:
    started = time.perf_counter()
    with open(project.parent.parent / "households/r.csv", encoding="utf-8-sig", newline="") as handle:
        register = list(csv.reader(handle))
    with open(project / "canvass.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert register and rows
    return time.perf_counter() - started


def core_coverage(project: Path) -> float:
    """The coverage command's work in this process: load the project, register and visits; count."""
    from fourtwo.pipeline import open_project

    started = time.perf_counter()
    _, judged, found, _ = open_project(project)
    cov = judged.coverage(found)
    assert cov is not None and cov.by_building and cov.by_unit and cov.by_worker and cov.by_channel  # the report's breakdowns too
    return time.perf_counter() - started


def python_start() -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=15)
    rounds = parser.parse_args().rounds
    with tempfile.TemporaryDirectory() as tmp:
        big = make_workspace(Path(tmp) / "big", 20_000, 20_000)
        small = make_workspace(Path(tmp) / "small", 200, 200)
        big_times, small_times, cov_times, bare_times, start_times, core_times = [], [], [], [], [], []
        for n in range(rounds):  # interleaved, so both see the same machine
            day = (dt.date(2024, 4, 16)).isoformat()
            small_times.append(fourtwo("canvass", "record", str(small), f"{n % 8 + 1}-1-{101 + n % 2}", "agree", "--date", day))
            big_times.append(fourtwo("canvass", "record", str(big), f"{n % 8 + 1}-1-{101 + n % 2}", "agree", "--date", day))
            cov_times.append(fourtwo("canvass", "coverage", str(big)))
            bare_times.append(bare_read(big))
            core_times.append(core_coverage(big))
            start_times.append(python_start())
        record_ratio = statistics.median(big_times) / statistics.median(small_times)
        start = statistics.median(start_times)
        core_ratio = statistics.median(core_times) / statistics.median(bare_times)
        cov_whole = statistics.median(cov_times) / (start + statistics.median(bare_times))
        print(f"rounds: {rounds}")
        print(
            f"record, 20,000 vs 200 households: {record_ratio:.2f}x (goal <= 1.2x; medians {statistics.median(big_times) * 1000:.0f} ms vs {statistics.median(small_times) * 1000:.0f} ms)"
        )
        print(
            f"coverage work vs csv read of the same files, in one process: {core_ratio:.1f}x (goal <= 2x; medians {statistics.median(core_times) * 1000:.0f} ms vs {statistics.median(bare_times) * 1000:.0f} ms)"
        )
        print(
            f"`fourtwo canvass coverage` vs `python` + csv read, whole processes: {cov_whole:.2f}x (medians {statistics.median(cov_times) * 1000:.0f} ms vs {(start + statistics.median(bare_times)) * 1000:.0f} ms)"
        )


if __name__ == "__main__":
    main()
