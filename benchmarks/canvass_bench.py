"""Canvass speed, as ratios measured in one run (the machines are shared and noisy).

1. `fourtwo canvass record` in a 20,000-household project vs in a 200-household one
   (goal <= 1.2x): recording a visit must not grow with the project. Every id recorded is
   on both registers, and a record that is refused stops the script (a refusal is quicker
   than a record and would measure the wrong thing). The same record in the 20,000-visit
   project vs `python -c "import typer"` (goal <= 2x): what a grid worker waits for.
2. `fourtwo canvass coverage` on 20,000 households and their visits vs a `python` process
   reading the same register and visits with the csv module (goal <= 2x), the two
   alternated, each pair a ratio: the median of the ratios and their spread. Nothing is
   kept between runs: every run reads and counts every file.
3. The same coverage work inside one process (load, count, the four breakdowns) vs the
   csv read of the two files in that process, paired the same way.

fourtwo's modules are byte-compiled first, as check_bench.py does.

Run: .venv/bin/python benchmarks/canvass_bench.py [--rounds N]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from shapes import WORKSPACE  # one benchmark workspace file for every script

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


def make_workspace(root: Path, households: int, visits: int) -> tuple[Path, list[str]]:
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
    return root / "projects/p", ids


def fourtwo(*args: str) -> float:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "fourtwo", *args], check=False, capture_output=True)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"fourtwo {' '.join(args)} exited {done.returncode}: {done.stderr.decode()[:300]}")
    return elapsed


BARE = """
import csv, sys
for path in sys.argv[1:]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        list(csv.reader(handle))
"""


def import_typer() -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import typer"], check=True)
    return time.perf_counter() - started


def bare_process(project: Path) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", BARE, str(project.parent.parent / "households/r.csv"), str(project / "canvass.csv")], check=True)
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


def summary(ratios: list[float]) -> str:
    return f"{statistics.median(ratios):.2f}x (spread {min(ratios):.2f}-{max(ratios):.2f}, n={len(ratios)})"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=15)
    rounds = parser.parse_args().rounds
    # byte-compiled first, as pip does on install: this machine sets PYTHONDONTWRITEBYTECODE, so
    # an editable checkout would otherwise compile every module edited since, on every run
    package = subprocess.run([sys.executable, "-c", "import fourtwo; print(fourtwo.__path__[0])"], capture_output=True, text=True, check=True).stdout.strip()
    subprocess.run([sys.executable, "-m", "compileall", "-q", package], check=True)
    with tempfile.TemporaryDirectory() as tmp:
        big, big_ids = make_workspace(Path(tmp) / "big", 20_000, 20_000)
        small, small_ids = make_workspace(Path(tmp) / "small", 200, 200)
        ids = [hid for hid in small_ids if hid in set(big_ids)]  # on both registers: every record is accepted
        record_ratios, core_ratios, typer_ratios = [], [], []
        big_times, small_times, typer_times = [], [], []
        cov_results: list[tuple[str, list[float], list[float], list[float]]] = []
        day = dt.date(2024, 4, 16).isoformat()
        for n in range(rounds):  # interleaved, and alternating which goes first
            hid = ids[n * 7 % len(ids)]
            if n % 2 == 0:
                in_small = fourtwo("canvass", "record", str(small), hid, "agree", "--date", day)
                in_big = fourtwo("canvass", "record", str(big), hid, "agree", "--date", day)
            else:
                in_big = fourtwo("canvass", "record", str(big), hid, "agree", "--date", day)
                in_small = fourtwo("canvass", "record", str(small), hid, "agree", "--date", day)
            small_times.append(in_small)
            big_times.append(in_big)
            record_ratios.append(in_big / in_small)
            typer_times.append(import_typer())
            typer_ratios.append(in_big / typer_times[-1])
            core_ratios.append(core_coverage(big) / bare_read(big))
        fourtwo("canvass", "coverage", str(big))  # the files into the page cache
        for label, extra in (("every file read and counted", []),):
            ratios, times, bares = [], [], []
            for n in range(rounds):
                if n % 2 == 0:
                    cov, bare = fourtwo("canvass", "coverage", str(big), *extra), bare_process(big)
                else:
                    bare = bare_process(big)
                    cov = fourtwo("canvass", "coverage", str(big), *extra)
                times.append(cov)
                bares.append(bare)
                ratios.append(cov / bare)
            cov_results.append((label, ratios, times, bares))
        print(f"rounds: {rounds}; load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        print(
            f"record, 20,000 vs 200 households: {summary(record_ratios)} (goal <= 1.2x; medians {statistics.median(big_times) * 1000:.0f} ms vs {statistics.median(small_times) * 1000:.0f} ms)"
        )
        print(
            f"record in 20,000 households vs python -c 'import typer': {summary(typer_ratios)} (goal <= 2x; medians {statistics.median(big_times) * 1000:.0f} ms vs {statistics.median(typer_times) * 1000:.0f} ms)"
        )
        for label, ratios, times, bares in cov_results:
            print(
                f"`fourtwo canvass coverage`, {label}, vs `python` + csv read of the same files: {summary(ratios)} "
                f"(goal <= 2x; medians {statistics.median(times) * 1000:.0f} ms vs {statistics.median(bares) * 1000:.0f} ms)"
            )
        print(f"coverage work vs csv read, in one process: {summary(core_ratios)}")


if __name__ == "__main__":
    main()
