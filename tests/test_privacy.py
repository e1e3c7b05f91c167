"""Mobile, ID and bank card numbers are found however a person writes them, and nothing else is."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from conftest import cli
from hypothesis import given, settings
from hypothesis import strategies as st

from fourtwo.disclosure.privacy import id_check_digit_ok, unmasked

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)

# Ways of putting something between two digits that a reader skips over.
SEPARATORS = [
    *" \t\u00a0\u200b\u200c\u2060\ufeff\u3000\u2009\u202f\u00ad",  # spaces, no-break, zero-width, soft hyphen
    *"-‐‑‒–—―−－﹣~～_",  # dashes of every width
    *".．·・•/／\\|｜,'*",
    *"()（）[]【】<>《》",
    *["  ", "   ", " - ", " / ", ". ", "  -  ", ") ", "）（"],
]
# Each digit in any of the ways it is written: ASCII, full width, Chinese numerals.
FORMS = {
    "0": "0０〇零○",
    "1": "1１一壹幺",
    "2": "2２二贰",
    "3": "3３三叁",
    "4": "4４四肆",
    "5": "5５五伍",
    "6": "6６六陆",
    "7": "7７七柒",
    "8": "8８八捌",
    "9": "9９九玖",
    "X": "XxＸｘ",
}
PREFIXES = ["", "+86", "+86 ", "+86-", "86", "86-", "86 ", "0086", "0086 ", "(+86)", "(+86) ", "（+86）", "(86)", "＋８６ ", "+86 (0) "]
BEFORE = ["", "电话", "联系人张先生，电话：", "手机号 ", "tel:", "身份证号", "（", "Tel "]
AFTER = ["", "，谢谢", "。", "）", " 2024年", "号"]


def digits(n: int) -> st.SearchStrategy[str]:
    return st.text("0123456789", min_size=n, max_size=n)


mobiles = st.tuples(st.sampled_from("3456789"), digits(9)).map(lambda t: "1" + t[0] + t[1])
births = st.dates(dt.date(1900, 1, 1), dt.date(2024, 12, 31))
areas = st.tuples(st.integers(1, 8), digits(5)).map(lambda t: f"{t[0]}{t[1]}")


def with_check(first17: str) -> str:
    return first17 + "10X98765432"[sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True)) % 11]


ids18 = st.tuples(areas, births, digits(3)).map(lambda t: with_check(t[0] + t[1].strftime("%Y%m%d") + t[2]))
ids15 = st.tuples(areas, st.dates(dt.date(1900, 1, 1), dt.date(1999, 12, 31)), digits(3)).map(lambda t: t[0] + t[1].strftime("%y%m%d") + t[2])


@st.composite
def writing(draw: st.DrawFn) -> tuple[str, str, str, int]:
    """(text, kind, number, where the written number begins in text)."""
    kind, number = draw(st.one_of(mobiles.map(lambda n: ("phone", n)), ids18.map(lambda n: ("ID number", n)), ids15.map(lambda n: ("ID number", n))))
    cuts = draw(st.lists(st.integers(1, len(number) - 1), unique=True, max_size=len(number) - 1))
    out = []
    for i, ch in enumerate(number):
        if i in cuts:
            out.append(draw(st.sampled_from(SEPARATORS)))
        out.append(draw(st.sampled_from(FORMS[ch])) if draw(st.booleans()) else ch)
    prefix = draw(st.sampled_from(PREFIXES)) if kind == "phone" else ""
    before, after = draw(st.sampled_from(BEFORE)), draw(st.sampled_from(AFTER))
    return before + prefix + "".join(out) + after, kind, number.upper(), len(before)


@given(writing())
@settings(max_examples=400)
def test_a_number_is_found_however_it_is_written(case: tuple[str, str, str, int]) -> None:
    text, kind, number, begins = case
    found = unmasked(text)
    assert len(found) == 1, (text, found)
    # a phone followed by a few digits may read as a longer number that is personal data too (an old ID)
    assert found[0][:2] == (kind, number) or (kind == "phone" and found[0][1].startswith(number)), (text, found)
    assert begins <= found[0][2] < begins + 8, text  # at the number (or its prefix): line:col stays right


def luhn_completed(body: str) -> str:
    """`body` and the check digit that makes it pass the bank cards' checksum (ISO/IEC 7812, Luhn)."""
    total = 0
    for i, d in enumerate(reversed(body)):
        n = int(d) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return body + str(-total % 10)


# Issuers as ISO/IEC 7812 numbers them: UnionPay 62, Visa 4, Mastercard 51-55 and 2221-2720, JCB 35,
# the old domestic cards of the big four banks 9 (955…).
card_prefixes = st.sampled_from(["62", "622202", "621700", "4", "436742", "51", "55", "2221", "2720", "35", "9558", "95599"])
cards = st.tuples(card_prefixes, st.integers(16, 19), st.text("0123456789", min_size=18, max_size=18)).map(lambda t: luhn_completed((t[0] + t[2])[: t[1] - 1]))


def with_wrong_check(first17: str) -> str:
    right = with_check(first17)[-1]
    return first17 + next(c for c in "0123456789X" if c != right)


ids18_unchecked = st.tuples(areas, births, digits(3)).map(lambda t: with_wrong_check(t[0] + t[1].strftime("%Y%m%d") + t[2]))


@st.composite
def written(draw: st.DrawFn, numbers: st.SearchStrategy[str]) -> tuple[str, str, int]:
    """(text, number, where the written number begins in text): cut anywhere, in any digits."""
    number = draw(numbers)
    cuts = draw(st.lists(st.integers(1, len(number) - 1), unique=True, max_size=len(number) - 1))
    out = []
    for i, ch in enumerate(number):
        if i in cuts:
            out.append(draw(st.sampled_from(SEPARATORS)))
        out.append(draw(st.sampled_from(FORMS[ch])) if draw(st.booleans()) else ch)
    before, after = draw(st.sampled_from([*BEFORE, "银行卡", "补偿款打到银行卡", "开户行工商银行，账号："])), draw(st.sampled_from(AFTER))
    return before + "".join(out) + after, number, len(before)


@given(written(cards))
@settings(max_examples=400)
def test_a_bank_card_is_found_however_it_is_written(case: tuple[str, str, int]) -> None:
    text, number, begins = case
    found = unmasked(text)
    assert len(found) == 1, (text, found)
    # cut where its first digits read as an ID (15 digits with a birth date; 18 with the ID's check
    # digit), it is found as that ID and masked as one: personal data either way
    assert found[0][:2] == ("bank card", number) or (found[0][0] == "ID number" and number.startswith(found[0][1])), (text, found)
    assert begins <= found[0][2] < begins + 2, text


@given(written(ids18_unchecked))
@settings(max_examples=300)
def test_an_id_number_with_a_wrong_check_digit_is_found_by_its_birth_date(case: tuple[str, str, int]) -> None:
    text, number, begins = case
    found = unmasked(text)
    assert [n for _, n, _ in found] == [number.upper()], (text, found)
    assert found[0][0] in ("ID number", "bank card"), found  # 18 digits may pass a card's checksum too: either way it is found
    assert begins <= found[0][2] < begins + 2, text


@pytest.mark.parametrize(
    ("text", "kind", "number"),
    [
        ("补偿款打到银行卡6222021234567890128", "bank card", "6222021234567890128"),
        ("卡号 6222 0212 3456 7890 128", "bank card", "6222021234567890128"),
        ("卡号6222-0212-3456-7890-128", "bank card", "6222021234567890128"),
        ("卡号：６２２２０２１２３４５６７８９０１２８", "bank card", "6222021234567890128"),
        ("卡号六二二二〇二一二三四五六七八九〇一二八", "bank card", "6222021234567890128"),
        ("Visa 4111 1111 1111 1111，谢谢", "bank card", "4111111111111111"),
        ("身份证110101199003071234", "ID number", "110101199003071234"),
        ("身份证 110101 19900307 1234", "ID number", "110101199003071234"),
        ("身份证11010119900307123x", "ID number", "11010119900307123X"),
        ("电话13812345678 6222021234567890128", "bank card", "6222021234567890128"),  # after a phone in the same run
    ],
)
def test_the_listed_writings_of_a_bank_card_and_of_an_id_with_a_wrong_check_digit(text: str, kind: str, number: str) -> None:
    assert (kind, number) in [(k, n) for k, n, _ in unmasked(text)], unmasked(text)


def test_a_number_that_fails_the_card_checksum_or_has_no_birth_date_is_no_personal_data() -> None:
    assert unmasked("单号6222021234567890127") == []  # the checksum fails: an order number, not a card
    assert unmasked("编号110101199013071234") == []  # month 13: no birth date in an ID's place
    assert unmasked("流水号1234567890123456789") == []  # no issuer's number begins with 1


@pytest.mark.parametrize(
    "text",
    [
        "电话138.1234.5678",
        "电话138/1234/5678",
        "电话138—1234—5678",
        "电话138–1234–5678",
        "电话138   1234   5678",
        "电话138\t1234\t5678",
        "电话138\u00a01234\u00a05678",
        "电话138\u200b1234\u200b5678",
        "电话(+86) 138 1234 5678",
        "电话（+86）13812345678",
        "电话0086 13812345678",
        "电话86-138-1234-5678",
        "电话一三八一二三四五六七八",
        "电话壹叁捌壹贰叁肆伍陆柒捌",
        "电话幺三八幺二三四五六七八",
        "电话１３８－１２３４－５６７８",
        "电话13812345678 2024年",
        "电话١٣٨١٢٣٤٥٦٧٨",  # Arabic-Indic digits
        "电话①③⑧①②③④⑤⑥⑦⑧",
        "电话𝟏𝟑𝟖𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖",
        "电话1️⃣3️⃣8️⃣1️⃣2️⃣3️⃣4️⃣5️⃣6️⃣7️⃣8️⃣",
        "电话:+86(138)1234-5678",
    ],
)
def test_the_listed_writings_of_a_mobile(text: str) -> None:
    assert [(k, n) for k, n, _ in unmasked(text)] == [("phone", "13812345678")]


def test_old_and_new_id_numbers() -> None:
    assert [n for _, n, _ in unmasked("身份证110105491231002")] == ["110105491231002"]  # 15 digits, born 1949-12-31
    assert [n for _, n, _ in unmasked("身份证 110105 491231 002")] == ["110105491231002"]
    assert unmasked("单号110105491331002") == []  # month 13: not a birth date
    assert [n for _, n, _ in unmasked("身份证一一〇一〇五一九四九一二三一〇〇二x")] == ["11010519491231002X"]
    assert [n for _, n, _ in unmasked("身份证110105.1949.1231.002X")] == ["11010519491231002X"]


hex_digests = st.text("0123456789abcdef", min_size=64, max_size=64)
trace_codes = st.text("0123456789ABCDEF", min_size=8, max_size=8).map(lambda h: f"{h[:4]}-{h[4:]}")
days = st.dates(dt.date(1990, 1, 1), dt.date(2099, 12, 31))
dates = st.one_of(
    days.map(dt.date.isoformat),
    days.map(lambda d: f"{d.year}年{d.month}月{d.day}日"),
    days.map(lambda d: f"{d.year}/{d.month}/{d.day}"),
    days.map(lambda d: f"{d:%Y.%m.%d}"),
    st.tuples(days, days).map(lambda t: f"{t[0]}至{t[1]}"),
    st.tuples(days, days).map(lambda t: f"{t[0]} → {t[1]}"),
)
amounts = st.integers(0, 999_999_999_999_999).map(lambda fen: f"{fen // 100:,}.{fen % 100:02d}元")
households = st.tuples(st.integers(1, 40), st.integers(1, 9), st.integers(101, 3304)).map(lambda t: f"{t[0]}-{t[1]}-{t[2]}")
household_lists = st.lists(households, min_size=2, max_size=12).map("、".join)
noise = st.one_of(
    hex_digests.map(lambda h: f"sha256:{h}"),
    trace_codes.map(lambda c: f"核验码 {c}：可用 fourtwo verify 核对"),
    dates,
    amounts,
    households,
    household_lists,
    st.tuples(st.integers(0, 999), st.integers(0, 999)).map(lambda t: f"应到{t[0]}人，实到{t[1]}人"),
    st.integers(0, 1000).map(lambda n: f"{n / 10:.1f}%"),
    # several of a kind in one line, as a table row, a CSV line or a clerk's note lists them
    st.lists(dates, min_size=2, max_size=6).map(" ".join),
    st.lists(households, min_size=2, max_size=8).map(" ".join),
    st.lists(households, min_size=2, max_size=8).map(", ".join),
    st.lists(amounts, min_size=2, max_size=6).map(" ".join),
    st.lists(amounts.map(lambda a: a.removesuffix("元").replace(",", "")), min_size=2, max_size=6).map(" ".join),
    st.lists(st.tuples(st.integers(0, 999), st.sampled_from("人户件")).map(lambda t: f"{t[0]}{t[1]}"), min_size=2, max_size=12).map(" ".join),
)


@given(st.lists(noise, min_size=1, max_size=6))
@settings(max_examples=300)
def test_no_false_alarm_on_what_notices_carry(parts: list[str]) -> None:
    for sep in ("\n", "，", "；"):
        text = sep.join(parts)
        assert unmasked(text) == [], text


def test_an_office_number_stays_allowed_however_written() -> None:
    assert unmasked("监督电话：+86 139-1234-5678", {"13912345678"}) == []
    assert [n for _, n, _ in unmasked("监督电话：139 1234 5678；张三 138.1234.5678", {"13912345678"})] == ["13812345678"]


def test_id_check_digit() -> None:
    assert id_check_digit_ok("11010519491231002X") and not id_check_digit_ok("110105194912310021")


WRITINGS = ["139.1234.5678", "(+86) 139 1234 5678", "一三九一二三四五六七八", "139\u200b1234\u200b5678", "110105 491231 002"]


@pytest.mark.parametrize("written", WRITINGS)
def test_publish_refuses_and_check_reports_every_writing(beiyuan: Path, written: str) -> None:
    text = (beiyuan / "project.yaml").read_text(encoding="utf-8").replace("place: 红梅园小区旧车棚", f"place: 红梅园小区旧车棚（联系人{written}）", 1)
    (beiyuan / "project.yaml").write_text(text, encoding="utf-8")
    refused = cli("publish", beiyuan, "--date", "2024-04-28", "--format", "txt")
    assert refused.exit_code == 1 and "FT611" in refused.stderr, refused.output
    assert not (beiyuan / "notices").exists()
    (beiyuan / "notices").mkdir()
    (beiyuan / "notices/pasted.md").write_text(f"# 答复\n\n请联系{written}，谢谢\n", encoding="utf-8")
    check = cli("check", beiyuan)
    assert check.stdout.count("FT701") == 1 and re.search(r"pasted\.md:3:[4-6]: error FT701", check.stdout), check.stdout  # at the number or its +86


@given(st.lists(st.one_of(writing().map(lambda case: case[0]), st.text("0123456789 -.()\nXxabcdef一三八〇、，+"), st.just("\n")), max_size=8))
@settings(max_examples=150, deadline=None)
def test_reading_line_by_line_finds_what_reading_the_whole_text_finds(parts: list[str]) -> None:
    """A line break ends a number, so reading each line (and each repeated line once) is
    the careful reading of the whole text."""
    from fourtwo.disclosure.privacy import numbers

    text = "".join(parts)
    assert unmasked(text) == numbers(text)
    assert unmasked(text + "\n" + text) == numbers(text + "\n" + text)  # the second time from the lines already read


def _every_run(text: str) -> list[tuple[str, str, int]]:
    """The careful reading with no shortcut: each character classed on its own, every run looked at."""
    from fourtwo.disclosure.privacy import _RUN, _class_of, _in_run

    classes = "".join(_class_of(c) for c in text)
    found: list[tuple[str, str, int]] = []
    for run in _RUN.finditer(classes):
        if run.end() - run.start() - run.group().count("_") >= 11:
            found += _in_run(text, classes, run.start(), run.end())
    return found


@given(
    st.lists(
        st.one_of(writing().map(lambda case: case[0]), noise, st.text("0123456789 -.()\nXxabcdef一三八〇、，+%１２＿٣①\u2028\x85（）年号ⅩＸ"), st.just("\n")),
        max_size=8,
    )
)
@settings(max_examples=200, deadline=None)
def test_the_reading_of_a_text_is_that_of_every_run_of_every_character(parts: list[str]) -> None:
    """numbers() classes each character once per process and looks further only at runs of 11
    digits or more; unmasked() reads a line met before as it was read then: both find what
    reading every run of every character, classed afresh, finds."""
    from fourtwo.disclosure.privacy import numbers

    text = "".join(parts)
    assert numbers(text) == _every_run(text)
    assert unmasked(text) == _every_run(text)


def test_the_search_for_where_a_number_may_be_misses_no_digit_and_no_separator() -> None:
    """The lines not read before are searched, as written, for where a run of 11 digits may be:
    every character that reads as a digit (in any script) must be one the search takes for a
    digit, and every separator one it takes for a separator, over all of Unicode."""
    import re as regex

    from fourtwo.disclosure.privacy import _MAY_DIGIT, _MAY_SEPARATE, _class_of

    digit, separator = regex.compile(f"[{_MAY_DIGIT}]"), regex.compile(f"[{_MAY_SEPARATE}]")
    missed = []
    for code in range(0x110000):
        if 0xD800 <= code <= 0xDFFF:
            continue  # surrogates: never in a text read as UTF-8
        c = chr(code)
        kind = _class_of(c)
        if (kind in "0123456789X" and not digit.fullmatch(c)) or (kind == "_" and not separator.fullmatch(c)):
            missed.append(hex(code))
    assert missed == []


@pytest.mark.parametrize(
    ("text", "kind", "number"),
    [
        ("东巷路口太窄，请联系李四13912345678", "phone", "13912345678"),
        ("张三139 1234 5678", "phone", "13912345678"),
        ("电话13912345678三楼", "phone", "13912345678"),
        ("联系人王五13912345678", "phone", "13912345678"),
        ("第一13912345678", "phone", "13912345678"),
        ("身份证张三110101199003071234", "ID number", "110101199003071234"),
        ("户主刘二11010119900307123X", "ID number", "11010119900307123X"),
        ("请联系王五一三九一二三四五六七八", "phone", "13912345678"),  # the name's numeral and the phone's, all numerals
        ("已联系李四壹叁玖壹贰叁肆伍陆柒捌", "phone", "13912345678"),
        ("张三一一〇一〇一一九九〇〇三〇七一二三四", "ID number", "110101199003071234"),
        ("刘一一一三九一二三四五六七八", "phone", "13912345678"),  # a name of two numerals
    ],
)
def test_a_number_glued_to_a_word_that_is_a_numeral_is_still_found(text: str, kind: str, number: str) -> None:
    """A Chinese numeral is a word too (李四, 三楼): where the digits change from numerals to
    figures, a number may begin or end, so the name's 四 does not make the phone 12 digits long."""
    assert [(k, n) for k, n, _ in unmasked(text)] == [(kind, number)]


def test_a_number_in_a_visits_note_is_recorded_masked_and_one_already_there_is_reported(tmp_path: Path) -> None:
    """canvass.csv is kept, and committed, with the records: `canvass record` masks a phone or
    an ID number typed in a note (FT668), and check reports one written there (FT669), in any
    script (一三九… is a phone as much as 139…)."""
    from test_frozen_scope import _five

    project = _five(tmp_path)
    done = cli("canvass", "record", project, "1-1-401", "agree", "--date", "2024-04-11", "--note", "户主电话13912345678，身份证110101199003071233")
    assert done.exit_code == 0, done.output
    assert done.output.count("FT668") == 2
    written = (project / "canvass.csv").read_text(encoding="utf-8-sig")
    assert "13912345678" not in written and "110101199003071233" not in written and "139****5678" in written
    with (project / "canvass.csv").open("a", encoding="utf-8", newline="") as handle:
        handle.write("1-1-501,agree,网格员,2024-04-11,in_person,电话一三九一二三四五六七八\r\n")
    checked = cli("check", project)
    assert "FT669" in checked.output and "FT668" not in checked.output, checked.output
    rows = len(written.splitlines()) + 1
    assert f"canvass.csv:{rows}:1: warning FT669" in checked.output


def test_a_register_folder_with_a_broken_gitfile_is_not_called_uncommitted(tmp_path: Path) -> None:
    """households/.git names a repository that is gone: git refuses to answer (FT704), which is
    not 'nothing is committed'."""
    import shutil
    import subprocess

    from conftest import EXAMPLES

    ws = tmp_path / "ws"
    shutil.copytree(EXAMPLES / "beiyuan", ws)
    subprocess.run(["git", "init", "-q", str(ws)], check=True)
    (ws / "households" / ".git").write_text("gitdir: ../.git/modules/households\n", encoding="utf-8")
    checked = cli("check", ws)
    assert "FT704" in checked.output, checked.output


def test_a_register_the_workspaces_repository_commits_is_seen_through_a_repository_nested_in_its_folder(tmp_path: Path) -> None:
    """`git init households` after the register was committed: the nested repository tracks
    nothing, the workspace's still commits the register's phones (FT702)."""
    import shutil
    import subprocess

    from conftest import EXAMPLES

    ws = tmp_path / "ws"
    shutil.copytree(EXAMPLES / "beiyuan", ws)
    register = next((ws / "households").glob("*.csv"))
    register.write_text(register.read_text(encoding="utf-8-sig").rstrip("\n") + "\n9,1,101,王某,13912345678,80,\n", encoding="utf-8")
    git = ["git", "-c", "user.email=t@t", "-c", "user.name=t"]
    subprocess.run([*git, "-C", str(ws), "init", "-q"], check=True)
    subprocess.run([*git, "-C", str(ws), "add", "-f", "-A"], check=True)
    subprocess.run([*git, "-C", str(ws), "commit", "-qm", "x"], check=True)
    assert "FT702" in cli("check", ws).output
    subprocess.run([*git, "-C", str(ws / "households"), "init", "-q"], check=True)
    checked = cli("check", ws)
    assert "FT702" in checked.output, checked.output
