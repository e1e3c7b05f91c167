"""`fourtwo check` and `fourtwo --help` as ratios measured in one run, on the shapes of benchmarks/shapes.py.

There is no cache: every run of `fourtwo check` parses and checks every file, as CI on a
fresh machine does. For each shape (default: small, hongmei, long, many, street), in one run:

1. `fourtwo check` (default jobs) vs the bare parse of the same files, goal <= 1.5x: the
   two commands alternate (check then bare parse, then bare parse then check, ...), each
   pair gives one ratio, and the median of those ratios is reported with their spread
   (lowest-highest). The bare parse is one process: PyYAML's C loader on every YAML file,
   csv.reader on every canvass.csv and register, and every file in notices/ read once as
   text. The street shape gives check its 20 workspaces as 20 paths in one call.
2. `fourtwo check --jobs 1` vs the bare parse, goal <= 2.5x: alternated with a bare parse
   of its own, in its own pairs, in the same way.
3. The peak memory of each, goal <= 200 MB, summed over the process tree: the check's
   process, every worker it forks, and git. Measured in runs of their own, not the timed
   ones, by polling /proc every 5 ms (under load a poll comes later: a peak shorter than
   that can be missed). The figure is the largest sum, over one poll, of each process's
   PSS (/proc/PID/smaps_rollup: its resident pages, a page shared by n processes counted
   1/n in each), so pages a forked worker still shares with its parent count once: the
   memory the check holds. Beside it, the sum of each process's own peak resident set
   (its latest VmHWM, kept by the kernel): an upper bound that counts shared pages in
   every process that maps them. A child that shares its parent's memory outright (the
   vfork by which subprocess starts git, until git's exec) is skipped in both: every
   /proc figure of it is its parent's. To be sure of that under load, a child that is a
   copy of its parent (the same command line) counts from the second poll that sees it:
   a forked worker lives for seconds, a vfork before its exec for microseconds.

Then `fourtwo --help`, `fourtwo COMMAND --help` for every command and `fourtwo --version`,
each alternated with `python -c "import typer"`, goal <= 1.3x (median of pair ratios).

fourtwo's modules are byte-compiled first, as pip does on install (this machine sets
PYTHONDONTWRITEBYTECODE, so an editable checkout would otherwise compile on every run).
Workspaces are made once in --keep (default: a temporary folder) and reused when there.

Run: .venv/bin/python benchmarks/check_bench.py [--rounds N] [--shapes small,hongmei,long,many] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from shapes import DESCRIPTIONS, make

BARE = """
import csv, glob, sys, yaml
root = sys.argv[1]
for path in glob.glob(root + "/**/*.yaml", recursive=True):
    with open(path, encoding="utf-8") as handle:
        yaml.load(handle, Loader=yaml.CSafeLoader)
for path in glob.glob(root + "/**/*.csv", recursive=True):
    with open(path, encoding="utf-8-sig", newline="") as handle:
        list(csv.reader(handle))
for path in glob.glob(root + "/projects/**/notices/*", recursive=True):
    with open(path, encoding="utf-8") as handle:
        handle.read()
"""


def timed(args: list[str]) -> tuple[float, float, int]:
    """Wall time, CPU time (user + system) of the process and the children it waited for, exit code."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(args, capture_output=True, check=False)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return elapsed, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime), done.returncode


def _tree(pid: int) -> list[tuple[int, int]]:
    """(process, its parent) for the process and every descendant (the first's parent: 0)."""
    found, todo = [], [(pid, 0)]
    while todo:
        p, parent = todo.pop()
        found.append((p, parent))
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as handle:
                    todo += [(int(c), p) for c in handle.read().split()]
        except OSError:
            continue
    return found


def _status_kb(pid: int) -> tuple[int, int, tuple[str, ...]]:
    """(VmHWM, Pss) in kB, and the mm's sizes; (0, 0, ()) once the process is gone."""
    try:
        with open(f"/proc/{pid}/status") as handle:
            status = handle.read()
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            rollup = handle.read()
    except OSError:
        return 0, 0, ()
    sizes = tuple(re.findall(r"(?m)^Vm\w+:\s+(\d+)", status))
    hwm = re.search(r"VmHWM:\s+(\d+)", status)
    pss = re.search(r"Pss:\s+(\d+)", rollup)
    return (int(hwm.group(1)) if hwm else 0), (int(pss.group(1)) if pss else 0), sizes


def _cmdline(pid: int) -> bytes:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            return handle.read()
    except OSError:
        return b""


def peak_memory(args: list[str]) -> tuple[float, float, int]:
    """(largest sum over the process tree of its processes' PSS, sum of each process's own
    peak RSS), in MB, and the number of processes seen."""
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peaks: dict[int, int] = {}
    commands: dict[int, bytes] = {}
    largest = 0
    stop = threading.Event()

    def poll() -> None:
        nonlocal largest
        while not stop.is_set():
            total = 0
            seen: dict[int, tuple[str, ...]] = {}
            for pid, parent in _tree(process.pid):
                hwm, pss, sizes = _status_kb(pid)
                seen[pid] = sizes
                command = _cmdline(pid)
                if sizes and seen.get(parent) == sizes:
                    continue  # a vfork child before its exec (of git): its parent's memory, not its own
                if parent and command == commands.get(parent) and pid not in commands:
                    commands[pid] = command
                    continue  # a copy of its parent seen once: a worker is counted from its second poll on, a vfork that then execs git never
                commands[pid] = command
                if hwm:  # the latest, not the largest: exec starts a process's peak again
                    peaks[pid] = hwm
                total += pss
            largest = max(largest, total)
            time.sleep(0.005)

    poller = threading.Thread(target=poll)
    poller.start()
    process.wait()
    stop.set()
    poller.join()
    return largest / 1024, sum(peaks.values()) / 1024, len(peaks)


def paired(first: list[str], second: list[str], rounds: int) -> tuple[list[float], list[float], list[float], list[int]]:
    """Ratios first/second of `rounds` pairs, alternating which goes first; the times of each; exit codes of `first`."""
    ratios, a_times, b_times, codes = [], [], [], []
    for n in range(rounds):
        if n % 2 == 0:
            a, _, code = timed(first)
            b, _, _ = timed(second)
        else:
            b, _, _ = timed(second)
            a, _, code = timed(first)
        ratios.append(a / b)
        a_times.append(a)
        b_times.append(b)
        codes.append(code)
    return ratios, a_times, b_times, codes


def summary(ratios: list[float]) -> str:
    return f"{statistics.median(ratios):.2f}x (spread {min(ratios):.2f}-{max(ratios):.2f}, n={len(ratios)})"


def load() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def bench_shape(shape: str, root: Path, rounds: int, python: str) -> None:
    """check (default jobs, and --jobs 1) against the bare parse, alternating; peak memory of each."""
    fourtwo = [python, "-m", "fourtwo"]
    paths = [str(p) for p in workspaces(root)]
    bare = [python, "-c", BARE, str(root)]
    print(f"\n## {shape}: {DESCRIPTIONS[shape]}  ({load()})")
    first = subprocess.run([*fourtwo, "check", *paths], capture_output=True, text=True, check=False)  # the files into the page cache
    if first.returncode != 0:
        print(f"  NOTE: check exits {first.returncode}: {first.stdout.strip().splitlines()[:3]}")
    ratios, checks, bares, _ = paired([*fourtwo, "check", *paths], bare, rounds)
    print(f"  check vs bare parse:          {summary(ratios)}; medians {statistics.median(checks):.2f} s vs {statistics.median(bares):.2f} s  (goal <= 1.5x)")
    ratios, singles, bares1, _ = paired([*fourtwo, "check", "--jobs", "1", *paths], bare, rounds)
    print(f"  check --jobs 1 vs bare parse: {summary(ratios)}; medians {statistics.median(singles):.2f} s vs {statistics.median(bares1):.2f} s  (goal <= 2.5x)")
    pss, rss, seen = peak_memory([*fourtwo, "check", *paths])
    pss1, rss1, _ = peak_memory([*fourtwo, "check", "--jobs", "1", *paths])
    print(
        f"  peak memory, summed over processes (PSS): {pss:.0f} MB ({seen} processes; sum of their own peak RSS {rss:.0f} MB); "
        f"--jobs 1: {pss1:.0f} MB (peak RSS {rss1:.0f} MB)  (goal <= 200 MB)"
    )
    print(f"  ({load()})")


def workspaces(root: Path) -> list[Path]:
    """The workspace, or the workspaces of a street office's folder (each given by its own path)."""
    if (root / "fourtwo.yaml").is_file():
        return [root]
    return sorted(p.parent for p in root.glob("*/fourtwo.yaml"))


def bench_help(rounds: int, python: str) -> None:
    fourtwo = [python, "-m", "fourtwo"]
    typer_import = [python, "-c", "import typer"]
    listing = subprocess.run([*fourtwo, "--help"], capture_output=True, text=True, check=True).stdout
    commands = re.findall(r"(?m)^  ([a-z][a-z-]*)\s", listing.split("Commands:", 1)[-1])
    print(f"\n## start-up vs python -c 'import typer'  ({load()})")
    worst = 0.0
    for args in (["--version"], ["--help"], *([c, "--help"] for c in commands)):
        ratios, mine, theirs, codes = paired([*fourtwo, *args], typer_import, rounds)
        worst = max(worst, statistics.median(ratios)) if args != ["--version"] else worst
        bad = "" if not any(codes) else f" (exit {max(codes)})"
        print(f"  fourtwo {' '.join(args):<22} {summary(ratios)}; {statistics.median(mine) * 1000:.0f} ms vs {statistics.median(theirs) * 1000:.0f} ms{bad}")
    print(f"  worst help: {worst:.2f}x (goal <= 1.3x)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--help-rounds", type=int, default=7)
    parser.add_argument("--shapes", default="small,hongmei,long,many,street")
    parser.add_argument("--keep", type=Path, default=None, help="make the workspaces here and reuse them")
    parser.add_argument("--no-help", action="store_true", help="skip the start-up measures")
    args = parser.parse_args()
    python = sys.executable
    package = subprocess.run([python, "-c", "import fourtwo; print(fourtwo.__path__[0])"], capture_output=True, text=True, check=True).stdout.strip()
    subprocess.run([python, "-m", "compileall", "-q", package], check=True)
    print(f"{time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} cores, rounds: {args.rounds}, {load()}")
    with tempfile.TemporaryDirectory() as tmp:
        base = args.keep or Path(tmp)
        for shape in [s for s in args.shapes.split(",") if s]:
            root = base / shape / "ws"
            if not (root / ".git").is_dir() and not (root / "made").is_file():
                started = time.perf_counter()
                root.parent.mkdir(parents=True, exist_ok=True)
                make(shape, root)
                print(f"(made {shape} in {time.perf_counter() - started:.0f} s)")
            bench_shape(shape, root, args.rounds, python)
        if not args.no_help:
            bench_help(args.help_rounds, python)


if __name__ == "__main__":
    main()
