"""Issue 13 item 14: a resident's text in a Markdown notice is text, whatever its lines
start with (a line of ===, 1. , - , > , #, four spaces, a blank line), held by parsing
what the md macro prints with a CommonMark parser."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fourtwo.render import environment

markdown_it = pytest.importorskip("markdown_it")

TEMPLATE = '{% autoescape true %}{% import "_macros.md.j2" as m %}{{ m.md(s) }}{% endautoescape %}'
OBJECTIONS = '{% autoescape true %}{% import "_macros.md.j2" as m %}{{ m.objections(items) }}{% endautoescape %}'


def _parser() -> markdown_it.MarkdownIt:
    return markdown_it.MarkdownIt("commonmark").enable(["table", "strikethrough"])


ENV = environment(None)
MD = ENV.from_string(TEMPLATE)


def _md(s: str) -> str:
    return MD.render(s=s)


def _plain(s: str) -> str:
    """What a reader should see: each non-blank line, trimmed of spaces and tabs (the parser
    decodes the entities autoescape wrote)."""
    return "\n".join(line.strip(" \t") for line in s.replace("\r\n", "\n").replace("\r", "\n").split("\n") if line.strip(" \t"))


def _one_paragraph_of_text(printed: str) -> str:
    tokens = _parser().parse(printed)
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"], (printed, [t.type for t in tokens])
    children = tokens[1].children or []
    kinds = {c.type for c in children}
    assert kinds <= {"text", "softbreak", "hardbreak"}, (printed, kinds)
    return "".join("\n" if c.type in ("softbreak", "hardbreak") else c.content for c in children)


CASES = [
    "第一行\n===",
    "第一行\n---",
    "第一行\n- - -",
    "1. 第一条\n2. 第二条",
    "说明\n1. 第一条",
    "3) 第三条",
    "- 一项\n+ 二项\n* 三项",
    "> 引用",
    "# 标题\n## 二级",
    "    缩进四格的代码",
    "\t制表符",
    "上一段\n\n下一段",
    "上一段\n   \n下一段",
    "```\n代码\n```",
    "~~~\n代码",
    "<div>块</div>",
    "[a]: http://example.com",
    "| a | b |\n|---|---|",
    "***",
    "___",
    "=",
    "-",
    "+",
    "1.",
    "价格 3.5 万元，面积 120 m²",
    "张*明；李*",
    "a\\\nb",
    "行末两格  \n下一行",
]


@pytest.mark.parametrize("text", CASES)
def test_line_start_markdown_is_printed_as_text(text: str) -> None:
    printed = _md(text)
    assert _one_paragraph_of_text(printed) == _plain(text)


def test_an_answer_with_a_heading_line_stays_inside_its_list_item() -> None:
    items = [
        {
            "number": 1,
            "date": "2024-04-30",
            "text": "希望保留车棚\n===",
            "answered": "2024-05-02",
            "answer": "答复如下：\n1. 东侧保留\n- 增设充电桩\n> 不变",
            "late": False,
        }
    ]
    printed = ENV.from_string(OBJECTIONS).render(items=items)
    tokens = _parser().parse(printed)
    kinds = [t.type for t in tokens]
    assert "heading_open" not in kinds and "blockquote_open" not in kinds and "bullet_list_open" not in kinds, printed
    assert kinds.count("list_item_open") == 1, printed


LINE_STARTS = st.sampled_from(
    [
        "",
        " ",
        "    ",
        "\t",
        "#",
        "##",
        "=",
        "===",
        "-",
        "---",
        "- ",
        "+ ",
        "* ",
        "*",
        "_",
        "1. ",
        "1) ",
        "12.",
        "> ",
        "<p>",
        "```",
        "~~~",
        "|",
        "[x]: /u",
        "&amp;",
        "\\",
        "  ",
    ]
)
BODIES = st.text(alphabet=st.sampled_from(list("同意反对 abc123.-=*_#>|<&`~[]()!\\\t")), max_size=8)
LINES = st.builds(lambda a, b: a + b, LINE_STARTS, BODIES)
BREAKS = st.sampled_from(["\n", "\r\n", "\r", "\n\n", "\n \n"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(LINES, BREAKS), min_size=1, max_size=5))
def test_any_text_through_the_md_macro_is_one_paragraph_of_that_text(parts: list[tuple[str, str]]) -> None:
    text = "".join(line + brk for line, brk in parts).rstrip("\r\n")
    if not _plain(text):
        return  # nothing to print
    printed = _md(text)
    assert _one_paragraph_of_text(printed) == _plain(text)
