"""The site's project page says what the project's latest notice says, from the same facts:
the opinions (each household by its latest, channel by channel) and the meetings' counts, a
count nobody recorded as 未记录 on both, never 0 on one."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from conftest import EXAMPLES, cli

PROJECT = "projects/2024-hongmeiyuan-activity-area"


def plain(text: str) -> str:
    return re.sub(r"\s+", "", re.sub(r"<[^>]+>", "", text))


def test_the_project_page_states_the_latest_notices_opinions(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert cli("site", EXAMPLES / "beiyuan", "--out", out, "--date", "2024-08-01").exit_code == 0
    page = plain((out / "beiyuan/2024-hongmeiyuan-activity-area.html").read_text(encoding="utf-8"))
    latest = sorted((EXAMPLES / "beiyuan" / PROJECT / "notices").glob("*.facts.json"))[-1]
    c = json.loads(latest.read_text(encoding="utf-8"))["facts"]["canvass"]
    opinions = c["latest"]
    assert f"听取意见{c['heard']}户（各户以最新意见计），同意{opinions['agree']}户，反对{opinions['oppose']}户，弃权{opinions['abstain']}户" in page, page
    for ch in c["by_channel"]:
        counted = "计入" if ch["counted"] else "不计入"
        assert f"{ch['name']}{ch['households']}户（{counted}{c['rate_name']}）：同意{ch['agree']}户、反对{ch['oppose']}户、弃权{ch['abstain']}户" in page


def test_an_unrecorded_count_is_unrecorded_on_the_site_as_on_the_notice(tmp_path: Path) -> None:
    ws = tmp_path / "taqiao"
    shutil.copytree(EXAMPLES / "taqiao", ws)
    record = ws / "projects/2024-taqiao-lane-hardening/project.yaml"
    text = record.read_text(encoding="utf-8")
    counts = "    for: 35\n    against: 0\n    abstain: 2\n"  # the party members' meeting: 37 present
    assert counts in text
    record.write_text(text.replace(counts, "    for: 35\n"), encoding="utf-8")  # 反对 and 弃权 not recorded: 2 unaccounted
    out = tmp_path / "out"
    assert cli("site", ws, "--out", out, "--date", "2024-05-01").exit_code in (0, 1)
    page = plain((out / "taqiao/2024-taqiao-lane-hardening.html").read_text(encoding="utf-8"))
    assert "反对未记录" in page and "弃权未记录" in page, page
    notice = cli("publish", record.parent, "--date", "2024-03-26", "--format", "txt")
    assert notice.exit_code == 0, notice.output
    txt = plain(next((record.parent / "notices").glob("*.txt")).read_text(encoding="utf-8"))
    assert "反对未记录，弃权未记录" in txt


def test_a_count_the_others_imply_is_zero_not_unrecorded(tmp_path: Path) -> None:
    """All 5 present voted for: nobody can have voted against or abstained, recorded or not."""
    ws = tmp_path / "taqiao"
    shutil.copytree(EXAMPLES / "taqiao", ws)
    record = ws / "projects/2024-taqiao-lane-hardening/project.yaml"
    text = record.read_text(encoding="utf-8")
    counts = "    present: 5\n    for: 5\n    against: 0\n    abstain: 0\n"
    assert counts in text
    record.write_text(text.replace(counts, "    present: 5\n    for: 5\n"), encoding="utf-8")
    assert cli("publish", record.parent, "--date", "2024-03-26", "--format", "txt", "--format", "html").exit_code == 0
    for suffix in ("txt", "html"):
        said = plain(next((record.parent / "notices").glob(f"*.{suffix}")).read_text(encoding="utf-8"))
        assert "未记录" not in said, said
    out = tmp_path / "out"
    assert cli("site", ws, "--out", out, "--date", "2024-05-01").exit_code == 0
    assert "未记录" not in plain((out / "taqiao/2024-taqiao-lane-hardening.html").read_text(encoding="utf-8"))
