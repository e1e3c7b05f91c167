"""The formats people share: the txt notice is paragraphs for a chat to wrap, md is for
Markdown renderers and says so, and `show` lists the objections with their answers."""

from __future__ import annotations

from pathlib import Path

from conftest import BEIYUAN_2024, REPO, cli

PROJECT = "projects/2024-hongmeiyuan-activity-area"
CLOSING = "：，。；、）」』》】！？%"
LONG = "将红梅园小区旧车棚改造为居民活动场地，增设乒乓球台、棋牌室等设施，为小区居民提供遮风避雨的休闲活动场所：东侧保留电动车停放区，予以公示。"


def test_the_txt_notice_is_paragraphs_never_hard_wrapped(beiyuan: Path) -> None:
    text = (beiyuan / "project.yaml").read_text(encoding="utf-8")
    text = text.replace("将红梅园小区旧车棚改造为居民活动场地，增设乒乓球台、棋牌室等设施，为小区居民提供遮风避雨的休闲活动场所。", LONG, 1).replace(
        "place: 红梅园小区旧车棚", "place: 红梅园小区旧车棚（" + "东侧" * 30 + "）", 1
    )
    (beiyuan / "project.yaml").write_text(text, encoding="utf-8")
    assert cli("publish", beiyuan, "--date", "2024-04-28", "--format", "txt").exit_code == 0
    notice = (beiyuan / "notices/2024-04-28-resolution.txt").read_text(encoding="utf-8")
    lines = notice.splitlines()
    assert f"    {LONG}" in lines  # the matter is one line, however long
    assert any(line.startswith("    按照“四议两公开”工作法要求") and line.endswith("予以公示：") for line in lines)
    assert any(line.startswith("    实施地点：") and line.endswith("东侧）") for line in lines)
    for line in lines:
        assert not line.strip() or line.strip()[0] not in CLOSING, line  # no line starts with closing punctuation


def test_the_txt_result_notice_keeps_each_objection_and_answer_on_a_line() -> None:
    notice = (BEIYUAN_2024 / PROJECT / "notices/2024-07-22-result.txt").read_text(encoding="utf-8")
    lines = notice.splitlines()
    assert "      经与居民代表协商，在活动场地东侧保留电动车停放区并增设充电桩，方案其余内容不变。" in lines
    assert "    按照“四议两公开”工作法要求，现将银川市兴庆区解放西街北苑社区下列事项的实施结果予以公示：" in lines
    assert not any(line.strip()[:1] in set(CLOSING) for line in lines if line.strip())


def test_md_is_for_markdown_renderers_and_says_so() -> None:
    help_text = cli("publish", "--help").stdout
    assert "WeChat" in help_text and "md (WeChat)" not in help_text and "Markdown" in help_text
    docs = (REPO / "docs/templates.md").read_text(encoding="utf-8")
    assert "md for WeChat" not in docs and "Markdown, for WeChat" not in docs
    assert "for a Markdown renderer" in docs


def test_show_lists_objections_and_answers_but_not_who(beiyuan: Path) -> None:
    text = (beiyuan / "project.yaml").read_text(encoding="utf-8")
    text += (
        "objections:\n"
        "  - number: 1\n    date: 2024-04-30\n    by: 张三明\n    text: 希望保留部分车棚用于停放电动车。\n"
        "    answer: 在活动场地东侧保留电动车停放区。\n    answered: 2024-05-02\n"
        "  - number: 2\n    date: 2024-05-01\n    by: 李四\n    text: 施工时间避开午休。\n"
    )
    (beiyuan / "project.yaml").write_text(text, encoding="utf-8")
    shown = cli("show", beiyuan)
    assert shown.exit_code in (0, 1), shown.output
    out = shown.stdout
    assert "objections: 2, 1 unanswered" in out
    assert "1. 2024-04-30  希望保留部分车棚用于停放电动车。" in out
    assert "answered 2024-05-02: 在活动场地东侧保留电动车停放区。" in out
    assert "2. 2024-05-01  施工时间避开午休。" in out and "not answered yet" in out
    assert "张三明" not in out and "李四" not in out
