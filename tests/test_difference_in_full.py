"""FT650 names the fact that differs and shows what the notice states and what the records
now say in full, in English and Chinese: never cut short with "…", personal numbers masked."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import cli

LONG_OLD = "将红梅园小区东侧旧车棚改造为居民活动场地，增设乒乓球台、棋牌室、健身器材和休息座椅，并对地面进行硬化处理"
LONG_NEW = LONG_OLD.replace("休息座椅", "休息座椅及照明设施") + "，联系人电话13912345678"


def _publish_with_matter(beiyuan: Path) -> Path:
    record = beiyuan / "project.yaml"
    text = re.sub(r"^matter: >-.*?\n(?=\S)", f"matter: {LONG_OLD}\n", record.read_text(encoding="utf-8"), count=1, flags=re.M | re.S)
    assert f"matter: {LONG_OLD}\n" in text
    record.write_text(text, encoding="utf-8")
    assert cli("publish", beiyuan, "--date", "2024-04-28", "--format", "txt").exit_code == 0
    return record


@pytest.mark.parametrize(("lang", "was", "now"), [("en", " was ", ", the records now say "), ("zh", "原为", "，现在的记录为")])
def test_a_long_text_that_differs_is_shown_whole_both_ways(beiyuan: Path, lang: str, was: str, now: str) -> None:
    record = _publish_with_matter(beiyuan)
    record.write_text(record.read_text(encoding="utf-8").replace(LONG_OLD, LONG_NEW), encoding="utf-8")
    check = cli("check", beiyuan, "--lang", lang)
    line = next((x for x in check.stdout.splitlines() if "FT650" in x), "")
    assert check.exit_code == 1 and line, check.stdout
    assert "…" not in line and LONG_OLD in line, line
    assert LONG_NEW.replace("13912345678", "139****5678") in line and "13912345678" not in check.stdout
    assert was in line and now in line


def test_a_whole_section_that_differs_shows_its_values(beiyuan: Path) -> None:
    """The canvass as a whole (the notice states one, the records now give none): its figures, not '…'."""
    assert cli("publish", beiyuan, "--date", "2024-04-28", "--format", "txt").exit_code == 0
    (beiyuan / "canvass.csv").write_text("\ufeffhousehold,opinion,by,date,channel,note\r\n", encoding="utf-8")
    check = cli("check", beiyuan)
    lines = [x for x in check.stdout.splitlines() if "FT650" in x]
    assert lines and not any("…" in x for x in lines), lines
    assert any("216" in x and "175" in x for x in lines), lines  # what the notice stated: 216 households, 175 visited


def test_every_fact_of_every_schema_has_a_name_for_the_clerk() -> None:
    """A difference names each fact by what the clerk calls it: a key of any released facts
    shape (a stated section dumped whole, a meeting withdrawn) never reaches a Chinese reader
    as `for_base` or `whole`."""
    from fourtwo.disclosure.facts import FIELD_NAMES, SHAPES

    def keys(shape: object) -> set[str]:
        if isinstance(shape, dict):
            return set(shape) | {k for v in shape.values() for k in keys(v)}
        if isinstance(shape, list):
            return {k for v in shape for k in keys(v)}
        return set()

    unnamed = {v: sorted(keys(s) - set(FIELD_NAMES)) for v, s in SHAPES.items()}
    assert all(not missing for missing in unnamed.values()), unnamed
