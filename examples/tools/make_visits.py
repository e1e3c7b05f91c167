"""Write the invented household visits of the 红梅园 example (canvass.csv).

The article says only that grid workers visited households and that the visiting
rate reached 80% or more (入户率达到80%以上). Who was visited, when, by whom and with
what opinion is invented here, deterministically (a fixed seed), so running this
script again writes the same bytes; ``--check`` tells whether the file is current.

What it writes looks like a real canvass: four grid workers over nine days after
the street committee's review (2024-04-09); most households met in person, some by
phone, a few recorded on someone's behalf; some doors answered only at a second try,
and some never (未遇), which do not count.

Usage (from the repository root)::

    python examples/tools/make_visits.py            # write canvass.csv
    python examples/tools/make_visits.py --check    # exit 1 if it differs
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import random
import sys
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parent.parent
REGISTER = EXAMPLES / "beiyuan/households/hongmeiyuan.csv"
TARGET = EXAMPLES / "beiyuan/projects/2024-hongmeiyuan-activity-area/canvass.csv"
WORKERS = ("马芷依", "李娟", "王海军", "杨晓燕")  # invented grid workers, one per pair of buildings
FIRST_DAY = dt.date(2024, 4, 12)


def households() -> list[tuple[str, str]]:
    """(id, status) of each household, in register order."""
    with open(REGISTER, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [(f"{r['楼栋']}-{r['单元']}-{r['房号']}", r["状态"]) for r in rows]


def visits() -> str:
    rng = random.Random(2024_0412)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["household", "opinion", "by", "date", "channel", "note"])
    rows = []
    for hid, status in households():
        building = int(hid.split("-")[0])
        worker = WORKERS[(building - 1) * len(WORKERS) // 6]
        day = FIRST_DAY + dt.timedelta(days=rng.randrange(0, 6))
        if status == "空置":
            rows.append((day, hid, "absent", worker, "in_person", "空置房，无人居住"))
            continue
        roll = rng.random()
        if roll < 0.08:  # never met: one or two attempts
            rows.append((day, hid, "absent", worker, "in_person", ""))
            if rng.random() < 0.5:
                rows.append((day + dt.timedelta(days=2), hid, "absent", worker, "in_person", "再访仍未遇"))
            continue
        if roll < 0.25:  # met at the second try
            rows.append((day, hid, "absent", worker, "in_person", ""))
            day += dt.timedelta(days=rng.randrange(1, 3))
        channel, note = "in_person", ""
        pick = rng.random()
        if pick < 0.05:
            channel, note = "phone", "户主在外地，电话征求"
        elif pick < 0.07:
            channel, note = "proxy", "子女代为表达意见"
        opinion = rng.choices(("agree", "oppose", "abstain"), weights=(88, 5, 7))[0]
        if opinion == "oppose":
            note = note or rng.choice(("担心夜间噪音", "希望保留部分车棚停放电动车"))
        rows.append((day, hid, opinion, worker, channel, note))
    for day, hid, opinion, worker, channel, note in sorted(rows, key=lambda r: (r[0], r[3], r[1])):
        writer.writerow([hid, opinion, worker, day.isoformat(), channel, note])
    return "\ufeff" + out.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if canvass.csv differs from what would be written")
    args = parser.parse_args()
    text = visits()
    if args.check:
        current = TARGET.read_bytes() if TARGET.exists() else b""
        if current != text.encode("utf-8"):
            print(f"{TARGET} is not what make_visits.py writes", file=sys.stderr)
            return 1
        return 0
    TARGET.write_bytes(text.encode("utf-8"))
    print(f"wrote {TARGET.relative_to(EXAMPLES.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
