"""A household tried at home with nobody in, then heard by phone, was still tried at home:
coverage and notices count it among 上门未遇, and say how many of those were heard otherwise."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import cli


def _absent_only(project: Path) -> str:
    """A household whose only rows say nobody was home."""
    rows = [line.split(",") for line in (project / "canvass.csv").read_text(encoding="utf-8-sig").splitlines()[1:]]
    by: dict[str, set[str]] = {}
    for row in rows:
        by.setdefault(row[0], set()).add(row[1])
    return next(h for h, ops in by.items() if ops == {"absent"})


def test_a_failed_visit_heard_later_by_phone_still_counts_as_tried(beiyuan: Path) -> None:
    before = json.loads(cli("canvass", "coverage", beiyuan, "--format", "json").stdout)
    household = _absent_only(beiyuan)
    with (beiyuan / "canvass.csv").open("a", encoding="utf-8") as visits:  # the canvass is closed to commands: by hand, as a clerk may
        visits.write(f"{household},oppose,李娟,2024-04-19,phone,\n")
    after = json.loads(cli("canvass", "coverage", beiyuan, "--format", "json").stdout)
    assert after["attempted_only"] == before["attempted_only"]  # still tried at home, nobody in
    assert after["attempted_heard_otherwise"] == before["attempted_heard_otherwise"] + 1
    text = cli("canvass", "coverage", beiyuan).stdout
    assert f"{after['attempted_only']} households tried with nobody home" in text
    published = cli("publish", beiyuan, "resolution", "--date", "2024-04-28", "--format", "html", "--format", "md", "--format", "txt")
    assert published.exit_code == 0, published.output
    for fmt in ("html", "md", "txt"):
        said = re.sub(r"<[^>]+>|\*\*|\s", "", (beiyuan / f"notices/2024-04-28-resolution.{fmt}").read_text(encoding="utf-8"))
        assert "上门未遇" in said, fmt  # in a sentence, or heading a table's column
        assert f"{after['attempted_only']}户（其中{after['attempted_heard_otherwise']}户后经其他方式表达意见）" in said, fmt
    assert cli("check", beiyuan.parent.parent).exit_code == 0
