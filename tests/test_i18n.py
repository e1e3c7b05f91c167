"""Chinese and English: the gettext catalogue is complete and current, the language is chosen as documented."""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from conftest import EXAMPLES, REPO, WORKSPACE_YAML, cli, write_tree

from fourtwo import i18n
from fourtwo.findings import Loc, diag
from fourtwo.findings.catalogue import MESSAGES


def _make_locale() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_locale", REPO / "docs/make_locale.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


MAKE = _make_locale()
PLACEHOLDER = re.compile(r"{[^{}]*}")


def _catalogue() -> dict[object, object]:
    from babel.messages.pofile import read_po

    with MAKE.PO.open("rb") as f:
        return {m.id: m.string for m in read_po(f) if m.id}


def test_every_message_has_a_chinese_translation_unlike_the_english() -> None:
    po = _catalogue()
    missing, same, moved = [], [], []
    for msgid in MAKE.collect():
        string = po.get(msgid)
        forms = [string] if isinstance(string, str) else list(string or [])
        english = msgid[0] if isinstance(msgid, tuple) else msgid
        if not forms or not all(forms):
            missing.append(msgid)
        elif any(f == english for f in forms):
            same.append(msgid)
        elif any(sorted(PLACEHOLDER.findall(f)) != sorted(PLACEHOLDER.findall(english)) for f in forms):
            moved.append(msgid)
    assert missing == [], "no translation (run docs/make_locale.py, then fill them in)"
    assert same == [], "translation left identical to the English"
    assert moved == [], "a translation must keep every {placeholder} of its msgid"


def test_every_catalogue_entry_is_a_msgid() -> None:
    """The catalogue's texts are what is translated: adding a message is one entry plus its translation."""
    collected = set(MAKE.collect())
    for code, message in MESSAGES.items():
        for text, plural in ((message.text, message.plural), (message.hint, message.hint_plural)):
            if MAKE.has_words(text):
                assert (text, plural) in collected if plural else text in collected, code


def test_the_compiled_catalogue_is_what_the_po_compiles_to() -> None:
    """The .mo is committed (so the wheel needs no build step) and must be current with the .po."""
    import gettext

    with MAKE.MO.open("rb") as f:
        mo = gettext.GNUTranslations(f)
    stale = []
    for msgid, string in _catalogue().items():
        if isinstance(msgid, tuple):
            if mo.ngettext(msgid[0], msgid[1], 2) != string[0]:  # type: ignore[index]
                stale.append(msgid)
        elif mo.gettext(msgid) != string:
            stale.append(msgid)
    assert stale == [], "run: python docs/make_locale.py"


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "zh_CN.UTF-8"}, "zh"),
        ({"LANG": "zh_TW.Big5"}, "zh"),
        ({"LANG": "zh_CN.GB18030"}, "zh"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({}, "en"),
        ({"LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, "zh"),
        ({"LC_ALL": "C", "LANG": "zh_CN.UTF-8"}, "en"),
        ({"LC_MESSAGES": "zh_CN.UTF-8", "LANG": "C.UTF-8"}, "zh"),
        ({"LC_ALL": "", "LANG": "zh_CN.UTF-8"}, "zh"),  # an empty variable is not set
        ({"LANG": "Chinese (Simplified)_China.936"}, "zh"),  # Windows' own spelling of the locale
        ({"LANG": "Chinese_China"}, "zh"),
        ({"LANG": "zh-Hans-CN"}, "zh"),
    ],
)
def test_the_locale_decides_the_language(environ: dict[str, str], expected: str) -> None:
    assert i18n.locale_language(environ) == expected


def test_lang_then_fourtwo_lang_then_the_workspace_then_the_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert i18n.language() == "zh"
    i18n.set_workspace_default("en")
    assert i18n.language() == "en"
    monkeypatch.setenv("FOURTWO_LANG", "中文")
    assert i18n.language() == "zh"
    i18n.set_language("en")
    assert i18n.language() == "en"


def test_messages_are_translated_then_formatted_with_their_arguments() -> None:
    i18n.set_language("zh")
    d = diag("FT503", Loc(Path("x")), step="assembly", visited=3, total=10, percent="30.0%", threshold="80%", more=5, needed=8, project="p")
    assert d.message == "“assembly”须先完成入户征求意见：已入户 3 户，共 10 户（30.0%），低于 80%"
    assert d.code == "FT503"
    i18n.set_language("en")
    assert diag(
        "FT503", Loc(Path("x")), step="assembly", visited=3, total=10, percent="30.0%", threshold="80%", more=5, needed=8, project="p"
    ).message.startswith("'assembly' needs the canvass done first")


def test_a_sentence_given_as_an_argument_is_translated_where_it_is_shown() -> None:
    hint = i18n.T("record it first: {command}", command="fourtwo review branch p")
    step = i18n.Term("branch", "党支部提议")
    i18n.set_language("zh")
    assert diag("FT405", Loc(Path("x")), step="a", earlier=step, hint=hint).hint == "请先记录：fourtwo review branch p"
    assert diag("FT405", Loc(Path("x")), step="a", earlier=step, hint=hint).message == "“a”应在“党支部提议”之后，而后者尚未记录"
    i18n.set_language("en")
    assert diag("FT405", Loc(Path("x")), step="a", earlier=step, hint=hint).hint == "record it first: fourtwo review branch p"
    assert diag("FT405", Loc(Path("x")), step="a", earlier=step, hint=hint).message == "'a' comes after 'branch', which is not recorded"


def test_plurals_follow_the_language() -> None:
    from fourtwo.findings.printers import summary

    assert summary([], 1, 1) == "No problems found (1 workspace, 1 project checked)."
    assert summary([], 2, 1) == "No problems found (1 workspace, 2 projects checked)."
    i18n.set_language("zh")
    assert summary([], 2, 1) == "没有发现问题（共检查 1 个工作区，2 个项目）。"


def test_version_loads_no_catalogue() -> None:
    code = (
        "import sys\n"
        "sys.argv = ['fourtwo', '--version']\n"
        "from fourtwo.cli import main\n"
        "main()\n"
        "print(sorted(m for m in ('gettext', 'fourtwo.i18n') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env={"LANG": "zh_CN.UTF-8", "PATH": ""})
    assert result.stdout.splitlines()[-1] == "[]"


def _json_without_text(text: str) -> object:
    doc = json.loads(text)
    for f in doc["findings"]:
        assert f.pop("message") and "hint" in f
        f.pop("hint")
    return doc


def test_json_keeps_its_keys_and_codes_in_both_languages(tmp_path: Path) -> None:
    """Machines read the keys, codes, paths and counts; only the message text follows the language."""
    import shutil

    shutil.copytree(EXAMPLES / "taqiao", tmp_path / "ws")
    (tmp_path / "ws/fourtwo.yaml").write_text((tmp_path / "ws/fourtwo.yaml").read_text(encoding="utf-8") + "bogus: 1\n", encoding="utf-8")
    english = cli(*["check", str(tmp_path / "ws"), "--format", "json"])
    chinese = cli(*["check", str(tmp_path / "ws"), "--format", "json", "--lang", "zh"])
    assert english.exit_code == chinese.exit_code
    assert _json_without_text(english.stdout) == _json_without_text(chinese.stdout)
    assert "unknown key" in english.stdout and "未知的键" in chinese.stdout
    github_en = cli(*["check", str(tmp_path / "ws"), "--format", "github"]).stdout.splitlines()
    github_zh = cli(*["check", str(tmp_path / "ws"), "--format", "github", "--lang", "zh"]).stdout.splitlines()
    assert [line.split("::")[1] for line in github_en[:-1]] == [line.split("::")[1] for line in github_zh[:-1]]
    assert github_zh[0].startswith("::warning file=") and "title=FT103" in github_zh[0]


def test_the_workspace_sets_its_language(tmp_path: Path) -> None:
    """`language: zh` in fourtwo.yaml: Chinese there, whatever the locale; FOURTWO_LANG and --lang still win."""
    write_tree(tmp_path, {"fourtwo.yaml": WORKSPACE_YAML + "language: zh\n", "projects/.keep": ""})
    env = {"PATH": "", "LANG": "C.UTF-8"}
    said = subprocess.run([sys.executable, "-m", "fourtwo", "check"], cwd=tmp_path, capture_output=True, text=True, env=env)
    assert said.stdout.strip() == "没有发现问题（共检查 1 个工作区，0 个项目）。", said.stderr
    said = subprocess.run([sys.executable, "-m", "fourtwo", "check", "--lang", "en"], cwd=tmp_path, capture_output=True, text=True, env=env)
    assert said.stdout.startswith("No problems found")
    said = subprocess.run([sys.executable, "-m", "fourtwo", "check"], cwd=tmp_path, capture_output=True, text=True, env={**env, "FOURTWO_LANG": "en"})
    assert said.stdout.startswith("No problems found")


def test_a_bad_language_in_the_workspace_is_a_finding(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {"fourtwo.yaml": WORKSPACE_YAML + "language: fr\n"})
    result = cli(*["check", str(root)])
    assert result.exit_code == 1 and "FT105" in result.stdout and "'language' must be one of zh, en" in result.stdout


def test_lang_takes_chinese_and_refuses_what_it_does_not_know() -> None:
    assert cli(*["schema", "--lang", "中文", "workspace"]).exit_code == 0
    result = cli(*["schema", "--lang", "fr", "workspace"])
    assert result.exit_code == 2 and "FT913" in result.output and "--lang" in result.output


def test_every_help_and_message_of_the_cli_goes_through_the_catalogue() -> None:
    """A new option's help, or a new line a command prints, in English only would not show in Chinese: `_()` it."""
    import ast

    untranslated = []
    for module in sorted((REPO / "fourtwo/cli").glob("*.py")):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.keyword) and node.arg in {"help", "metavar"} and isinstance(node.value, (ast.Constant, ast.JoinedStr)):
                text = node.value.value if isinstance(node.value, ast.Constant) else "f-string"
                words = r"[A-Z]{2}" if node.arg == "metavar" else r"[a-z]{2}"  # a metavar of choices (zh|en) is what is typed
                if isinstance(text, str) and re.search(words, text):
                    untranslated.append(f"{module.name}:{node.lineno} {node.arg}={text!r}")
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in {"out", "echo"} and node.args:
                if isinstance(node.args[0], (ast.Constant, ast.JoinedStr)):
                    untranslated.append(f"{module.name}:{node.lineno} {node.func.id}({ast.unparse(node.args[0])[:40]})")
    assert untranslated == []


def test_help_text_is_cut_where_the_former_expression_cut_it() -> None:
    """The help wrapper's hand-written cutter (a regular expression over U+1100–U+FFFF took
    longer to compile than `--help` took to print) cuts as that expression did."""
    import re

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from fourtwo.cli._lang import _pieces

    expression = re.compile(r"\[[^\]\s]*\]|[\u1100-\uffff]|[^\u1100-\uffff]+")

    @settings(max_examples=2000, deadline=None)
    @given(st.text(alphabet=st.sampled_from([*"ab [] ]x中文，（\t", "\u1100", "\uffff", "\u10ff", "\U0001f600"]), max_size=30))
    def same(text: str) -> None:
        assert _pieces(text) == expression.findall(text)

    same()


def test_the_canvass_group_takes_lang_as_every_command_does() -> None:
    """`fourtwo canvass --help --lang zh` (the group, not one of its commands) was refused: no option --lang."""
    import subprocess
    import sys

    for args in (["canvass", "--help", "--lang", "zh"], ["canvass", "--lang", "zh", "--help"]):
        done = subprocess.run([sys.executable, "-m", "fourtwo", *args], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        assert "入户征求意见" in done.stdout and "--lang" in done.stdout
    english = subprocess.run([sys.executable, "-m", "fourtwo", "canvass", "--lang", "en", "--help"], capture_output=True, text=True)
    assert english.returncode == 0 and "Household visits" in english.stdout


# A count that is always far above one (a size over its limit) needs no singular.
ALWAYS_MANY = {
    "aliases expand to {size} nodes from {distinct}; refused",
    "file is too large ({size} bytes; limit {limit})",
    "it is longer than {limit} bytes",
    "a {suffix} file cannot be read as text to check it for personal data",  # a suffix, not a count
}
_COUNTED = r"\{(\w+)\} (?:more |full |bad )?(households?|projects?|days?|visits?|rows?|files?|pages?|errors?|warnings?|notes?|members?|flags?|workspaces?|characters?|nodes|bytes|findings?|numbers?|address(?:es)?|sheets?)\b"


def test_every_count_in_a_sentence_takes_its_plural_by_ngettext() -> None:
    """'1 projects', 'visit(s)': an English sentence with a count is a pair for ngettext (or TN,
    or a catalogue Message with `plural`), never one msgid with the noun fixed or '(s)'."""
    import importlib.util

    from conftest import REPO

    spec = importlib.util.spec_from_file_location("make_locale", REPO / "docs/make_locale.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    single = [m for m in module.collect() if isinstance(m, str) and "{" in m and m not in ALWAYS_MANY]
    fixed = [m for m in single if re.search(r"\w\((?:s|es)\)", m) or re.search(_COUNTED, m)]
    assert fixed == []
