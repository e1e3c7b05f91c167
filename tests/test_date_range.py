"""A span of days is printed once when it is one day: 2026年3月10日, never 2026年3月10日至2026年3月10日."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import cli
from test_qr_pdf import unpublished

from fourtwo.render import cn_range


def test_one_day_is_one_date() -> None:
    assert cn_range("2026-03-10", "2026-03-10") == "2026年3月10日"
    assert cn_range("2026-03-10", "2026-03-12") == "2026年3月10日至2026年3月12日"
    assert cn_range("2026-03-10", "") == "2026年3月10日" and cn_range(None, "2026-03-12") == "2026年3月12日"
    assert cn_range("", None) == ""


def test_a_one_day_canvass_prints_one_date_in_every_format_and_on_the_site(tmp_path: Path) -> None:
    project = unpublished(tmp_path)
    visits = project / "canvass.csv"
    text = visits.read_text(encoding="utf-8-sig")
    visits.write_text(re.sub(r"2024-04-1\d", "2024-04-12", text), encoding="utf-8-sig")
    published = cli("publish", project, "resolution", "--date", "2024-04-28", "--format", "html", "--format", "md", "--format", "txt")
    assert published.exit_code == 0, published.output
    built = cli("site", project.parent.parent, "--out", tmp_path / "public", "--date", "2024-04-30")
    assert built.exit_code == 0, built.output
    pages = [*(project / "notices").glob("*.html"), *(project / "notices").glob("*.md"), *(project / "notices").glob("*.txt")]
    pages += list((tmp_path / "public").rglob("*.html"))
    said = "".join(p.read_text(encoding="utf-8") for p in pages)
    assert "2024年4月12日至2024年4月12日" not in said
    for fmt in ("html", "md", "txt"):
        assert "2024年4月12日" in (project / f"notices/2024-04-28-resolution.{fmt}").read_text(encoding="utf-8")
