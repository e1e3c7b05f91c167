"""Write the invented household registers of the example workspaces.

Every name, phone number, floor area and status in these registers is invented:
the newspaper article the examples come from gives none of them. The output is
deterministic (a fixed seed per estate), so running this script again writes the
same bytes, and ``--check`` tells whether the committed files are up to date.

The files look like what a community office exports from Excel or WPS: a header in
Chinese, one row per household, UTF-8 with a byte-order mark (which Excel needs to
show Chinese) and CRLF line ends. fourtwo forms each household's id from
building, unit and room, e.g. ``3-2-501``.

Usage (from the repository root)::

    python examples/tools/make_register.py            # write every register
    python examples/tools/make_register.py --check    # exit 1 if a file differs
    python examples/tools/make_register.py hongmeiyuan
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import sys
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parent.parent
HEADER = ("楼栋", "单元", "房号", "户主", "联系电话", "建筑面积", "状态")

# Common Chinese surnames, most frequent first, with rough relative weights; 马 is
# weighted up because Ningxia has a large Hui population where it is the commonest.
SURNAMES: tuple[tuple[str, int], ...] = (
    ("王", 72),
    ("李", 70),
    ("张", 66),
    ("刘", 54),
    ("马", 50),
    ("陈", 42),
    ("杨", 38),
    ("赵", 22),
    ("黄", 18),
    ("周", 17),
    ("吴", 16),
    ("徐", 14),
    ("孙", 13),
    ("朱", 11),
    ("高", 11),
    ("胡", 10),
    ("郭", 10),
    ("何", 9),
    ("林", 8),
    ("罗", 8),
    ("田", 7),
    ("丁", 7),
    ("白", 6),
    ("韩", 6),
    ("冯", 5),
    ("曹", 5),
    ("宋", 5),
    ("苏", 4),
    ("金", 4),
    ("余", 3),
)
# Given names common in the generations that own flats in older estates.
GIVEN: tuple[str, ...] = (
    "建国",
    "建华",
    "国强",
    "志强",
    "志刚",
    "海涛",
    "晓东",
    "永红",
    "文华",
    "德明",
    "秀英",
    "桂兰",
    "玉珍",
    "淑珍",
    "凤英",
    "丽萍",
    "春梅",
    "秀兰",
    "桂芳",
    "玉梅",
    "伟",
    "芳",
    "静",
    "敏",
    "军",
    "勇",
    "涛",
    "燕",
    "娟",
    "刚",
    "霞",
    "斌",
    "磊",
    "艳",
)

# Phone numbers are masked as a register in a public repository must be (fourtwo check
# warns about full numbers in a register git tracks): 138****0001, 138****0002, ...
# The full ones would be invented too; an office keeps its real register out of git.
FAKE_PHONE_PREFIX = "138****"


@dataclass(frozen=True)
class Estate:
    """The shape of one residential estate (小区) and where its register goes."""

    name: str
    output: Path
    seed: int
    buildings: int
    units: int
    floors: int
    rooms_per_floor: int
    areas: tuple[Decimal, ...]  # floor area of room 1, 2, ... of a floor, in m²
    vacant: int  # how many households are 空置 (vacant)
    rented: int  # how many are 出租 (let); the rest are 自住 (owner-occupied)

    @property
    def size(self) -> int:
        return self.buildings * self.units * self.floors * self.rooms_per_floor


ESTATES: dict[str, Estate] = {
    # 红梅园小区, 北苑社区: 6 buildings × 3 units × 6 floors × 2 rooms = 216 households.
    "hongmeiyuan": Estate(
        name="hongmeiyuan",
        output=EXAMPLES / "beiyuan" / "households" / "hongmeiyuan.csv",
        seed=20240322,
        buildings=6,
        units=3,
        floors=6,
        rooms_per_floor=2,
        areas=(Decimal("78.52"), Decimal("64.36")),
        vacant=7,
        rented=23,
    ),
    # 朝阳小区, 朝阳社区: 4 buildings × 2 units × 5 floors × 2 rooms = 80 households.
    "chaoyang": Estate(
        name="chaoyang",
        output=EXAMPLES / "chaoyang" / "households" / "chaoyang.csv",
        seed=20230315,
        buildings=4,
        units=2,
        floors=5,
        rooms_per_floor=2,
        areas=(Decimal("72.18"), Decimal("58.40")),
        vacant=4,
        rented=9,
    ),
}


def person_name(rng: random.Random) -> str:
    """A plausible invented name: a weighted common surname and a common given name."""
    surname = rng.choices([s for s, _ in SURNAMES], weights=[w for _, w in SURNAMES])[0]
    return surname + rng.choice(GIVEN)


def rows(estate: Estate) -> list[tuple[str, ...]]:
    """One row per household, in building, unit, floor, room order."""
    rng = random.Random(estate.seed)
    serials = list(range(1, estate.size + 1))
    statuses = ["空置"] * estate.vacant + ["出租"] * estate.rented
    statuses += ["自住"] * (estate.size - len(statuses))
    rng.shuffle(statuses)
    result = []
    for serial in serials:
        i = serial - 1
        room_index = i % estate.rooms_per_floor
        floor = i // estate.rooms_per_floor % estate.floors + 1
        unit = i // (estate.rooms_per_floor * estate.floors) % estate.units + 1
        building = i // (estate.rooms_per_floor * estate.floors * estate.units) + 1
        status = statuses[i]
        head = person_name(rng)
        # A vacant flat's owner lives elsewhere; offices often have no number for them.
        phone = "" if status == "空置" and rng.random() < 0.5 else f"{FAKE_PHONE_PREFIX}{serial:04d}"
        area = estate.areas[room_index]
        result.append((str(building), str(unit), f"{floor}{room_index + 1:02d}", head, phone, f"{area:.2f}", status))
    return result


def register_bytes(estate: Estate) -> bytes:
    """The CSV as Excel saves it: UTF-8 with a BOM, CRLF line ends."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(rows(estate))
    return "\ufeff".encode() + buffer.getvalue().encode("utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("estates", nargs="*", metavar="ESTATE", help=f"one of: {', '.join(ESTATES)}; default: all")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if a register is missing or out of date")
    args = parser.parse_args(argv)
    unknown = [name for name in args.estates if name not in ESTATES]
    if unknown:
        parser.error(f"unknown estate {unknown[0]!r}; known: {', '.join(ESTATES)}")
    stale = 0
    for name in args.estates or ESTATES:
        estate = ESTATES[name]
        data = register_bytes(estate)
        shown = estate.output.relative_to(EXAMPLES.parent)
        if args.check:
            if not estate.output.is_file() or estate.output.read_bytes() != data:
                print(f"out of date: {shown}", file=sys.stderr)
                stale += 1
            continue
        estate.output.parent.mkdir(parents=True, exist_ok=True)
        estate.output.write_bytes(data)
        print(f"wrote {shown} ({estate.size} households)")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
