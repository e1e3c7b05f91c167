"""The language a person reads: gettext catalogues, chosen once per process.

English is the source text (the msgid) everywhere; zh_CN is compiled from
fourtwo/locale/zh_CN/LC_MESSAGES/fourtwo.po into the .mo shipped beside it.
Nothing is read from disk until a Chinese text is first asked for, so
`fourtwo --version` and English help load no catalogue at all.

Precedence: `--lang` (set_language) > FOURTWO_LANG > the workspace's `language:`
(set_workspace_default) > the locale (LC_ALL, LC_MESSAGES, LANG; Windows' UI language).
"""

from __future__ import annotations

import functools
import os
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import gettext

DOMAIN = "fourtwo"
LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES = ("en", "zh")
_GETTEXT_LANGUAGE = {"zh": "zh_CN"}

# Words a person may type for a language, after NFKC and lower-casing.
_NAMES = {
    "en": "en",
    "english": "en",
    "英文": "en",
    "英语": "en",
    "zh": "zh",
    "cn": "zh",
    "chinese": "zh",
    "中文": "zh",
    "汉语": "zh",
    "简体中文": "zh",
}

_state: dict[str, str | None] = {"chosen": None, "workspace": None}
_loaded: dict[str, gettext.NullTranslations] = {}


@functools.lru_cache(maxsize=64)
def parse_language(text: str) -> str | None:
    """'zh', 'zh_CN.UTF-8', 'zh-Hans', 'Chinese (Simplified)_China.936', '中文' → 'zh'; 'en…' → 'en'; else None."""
    word = unicodedata.normalize("NFKC", text).strip().lower()
    if word in _NAMES:
        return _NAMES[word]
    if word.startswith(("zh_", "zh-", "zh.", "chinese")):
        return "zh"
    if word.startswith(("en_", "en-", "en.", "english")) or word in {"c", "posix"} or word.startswith(("c.", "posix.")):
        return "en"
    return None


def locale_language(environ: Mapping[str, str] | None = None) -> str:
    """Chinese when the locale says so (the first of LC_ALL, LC_MESSAGES, LANG that is set, as POSIX reads them)."""
    env = os.environ if environ is None else environ
    return _locale(env.get("LC_ALL"), env.get("LC_MESSAGES"), env.get("LANG"), os.name == "nt" and environ is None)


@functools.lru_cache(maxsize=8)
def _locale(lc_all: str | None, lc_messages: str | None, lang: str | None, windows: bool) -> str:
    for value in (lc_all, lc_messages, lang):
        if value:
            return "zh" if parse_language(value) == "zh" else "en"
    if windows:  # pragma: no cover - Windows keeps its language outside the environment
        return _windows_language()
    return "en"


def _windows_language() -> str:  # pragma: no cover - Windows only
    try:
        import ctypes

        lang_id = int(ctypes.windll.kernel32.GetUserDefaultUILanguage())  # type: ignore[attr-defined]
        if lang_id & 0x3FF == 0x04:  # LANG_CHINESE: zh-CN 0x0804, zh-TW 0x0404, zh-HK 0x0C04, zh-SG 0x1004
            return "zh"
    except (AttributeError, OSError):
        pass
    import locale

    name = locale.getlocale()[0] or ""
    return "zh" if parse_language(name) == "zh" else "en"


def set_language(lang: str | None) -> None:
    """The language asked for on the command line (`--lang`); None forgets it."""
    _state["chosen"] = parse_language(lang) if lang else None


def set_workspace_default(lang: str | None) -> None:
    """The default a workspace sets in fourtwo.yaml (`language:`)."""
    _state["workspace"] = parse_language(lang) if lang else None


def language() -> str:
    """'zh' or 'en', by the precedence in the module's docstring."""
    if _state["chosen"]:
        return _state["chosen"]
    env = parse_language(os.environ.get("FOURTWO_LANG", "") or "")
    if env:
        return env
    return _state["workspace"] or locale_language()


def translations(lang: str | None = None) -> gettext.NullTranslations:
    """The compiled catalogue of a language, read once; English is the identity."""
    lang = lang or language()
    if lang not in _loaded:
        import gettext

        if lang == "en":
            _loaded[lang] = gettext.NullTranslations()
        else:
            _loaded[lang] = gettext.translation(DOMAIN, LOCALE_DIR, languages=[_GETTEXT_LANGUAGE[lang]], fallback=True)
    return _loaded[lang]


def _(message: str) -> str:
    """The message in the reader's language (English is the msgid itself: no file is read)."""
    if not message:
        return message
    lang = language()
    return message if lang == "en" else translations(lang).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    lang = language()
    if lang == "en":
        return singular if n == 1 else plural
    return translations(lang).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Marks a message for the catalogue where it is defined; `_()` translates it where it is shown."""
    return message


@dataclass(frozen=True)
class Text:
    """A message with named arguments, translated when it is shown, then formatted (so a translation can move them).

    Used where a finding's argument is itself a sentence: `hint=T("record '{step}' first", step=step)`.
    """

    msgid: str
    args: Mapping[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        text = _(self.msgid)
        return text.format(**command_args(text, self.args))

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)


# The arguments a hint's command takes as paths or names; a shell splits such a word on these.
_PATH_ARGS = frozenset({"project", "folder", "workspace", "name", "path", "file", "sheet"})
_SHELL_SPECIAL = frozenset(" \t\n'\"\\$`;&|<>()*?[]#~!{}")


def shell_word(value: str) -> str:
    """`value` as one word a shell reads back as it is: quoted only when it holds a space or a
    character the shell acts on (Chinese, dashes and slashes stay as they are)."""
    if value and not _SHELL_SPECIAL.intersection(value):
        return value
    return "'" + value.replace("'", "'\\''") + "'"


def command_args(template: str, args: Mapping[str, Any]) -> Mapping[str, Any]:
    """`args` with each path or name quoted as one shell word when `template` holds a command
    to copy ('fourtwo …'): a folder named 'my ws' or 'x $(…) y' is one argument of it."""
    if "fourtwo " not in template or not _PATH_ARGS.intersection(args):
        return args
    return {k: shell_word(v) if k in _PATH_ARGS and isinstance(v, str) else v for k, v in args.items()}


def T(msgid: str, **args: Any) -> Text:
    return Text(msgid, args)


@dataclass(frozen=True)
class PluralText(Text):
    """A Text whose words follow a count (1 household, 2 households), chosen when it is shown."""

    plural: str = ""
    n: int = 0

    def __str__(self) -> str:
        text = ngettext(self.msgid, self.plural, self.n)
        return text.format(n=self.n, **command_args(text, self.args))


def TN(singular: str, plural: str, n: int, **args: Any) -> PluralText:
    """T for a sentence with a count: `TN("{n} household", "{n} households", n)`."""
    return PluralText(singular, args, plural, n)


def bilingual(text: str | Text) -> str:
    """'预算及资金来源（Budget and its funding source）': the editor's tooltip for a Chinese clerk, the English
    kept; the same in every reader's language, as the schema files are committed and compared (FT213)."""
    msgid, args = (text.msgid, text.args) if isinstance(text, Text) else (text, {})
    chinese = translations("zh").gettext(msgid)
    return f"{chinese.format(**args)}（{msgid.format(**args)}）" if args else f"{chinese}（{msgid}）"


@dataclass(frozen=True)
class Term:
    """A word the files keep as an id and the English interface shows as it is typed (branch,
    community, in_person), shown in Chinese by its Chinese name (小区党支部评议, 社区“四议两公开”, 入户)."""

    id: str
    name: str = ""

    def __str__(self) -> str:
        return self.name if self.name and language() == "zh" else self.id

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)


def listing(items: Iterable[object]) -> Term:
    """Values in a sentence as each language lists them: '1-1-101, 1-1-102' or '1-1-101、1-1-102'."""
    shown = [str(item) for item in items]
    return Term(", ".join(shown), "、".join(shown))


def clauses(items: Iterable[object]) -> Term:
    """Clauses in a sentence as each language separates them: 'a; b' or 'a；b'."""
    shown = [str(item) for item in items]
    return Term("; ".join(shown), "；".join(shown))


# What the system says when a file cannot be opened, read or written, in the reader's words:
# Python gives the C library's sentence, which is English whatever the locale.
_OS_REASONS = {
    "ENOENT": N_("no such file or folder"),
    "EACCES": N_("permission denied"),
    "EPERM": N_("the operation is not permitted"),
    "EISDIR": N_("it is a folder, not a file"),
    "ENOTDIR": N_("a part of the path is not a folder"),
    "EEXIST": N_("it exists already"),
    "ENOSPC": N_("the disk is full"),
    "EDQUOT": N_("the disk quota is used up"),
    "EROFS": N_("the disk is read-only"),
    "ENAMETOOLONG": N_("the name is too long"),
    "ELOOP": N_("too many links, one leading to another"),
    "ENOTEMPTY": N_("the folder is not empty"),
    "EBUSY": N_("it is in use"),
    "ETXTBSY": N_("it is in use"),
    "EMFILE": N_("too many files are open"),
    "ENFILE": N_("too many files are open"),
    "EIO": N_("the disk could not be read or written"),
    "EXDEV": N_("it is on another disk"),
    "EINVAL": N_("the name or the value is not valid here"),
    "ENXIO": N_("nothing is there to read from"),
}


def os_reason(exc: OSError) -> Text:
    """Why the system refused a file, as a person reads it (the error's code when it is a rare one)."""
    import errno

    # fourtwo's own refusals (files/reading.py): what is there instead, never an internal name
    if isinstance(kind := getattr(exc, "kind", None), str):
        return T("it is {kind}, not a {what}", kind=T(kind), what=T("folder") if getattr(exc, "folder", False) else T("file"))
    if (target := getattr(exc, "target", None)) is not None:
        return T("it is a link to {target}, outside the workspace", target=str(target))
    name = errno.errorcode.get(exc.errno or 0, "")
    if name in _OS_REASONS:
        return T(_OS_REASONS[name])
    return T("the system refused it ({code})", code=name or exc.errno or type(exc).__name__)


def fold(text: str) -> str:
    """A word as typed on a phone or with an IME, made comparable: NFKC (full-width Ａ１ → A1), trimmed, ASCII lower-cased."""
    word = unicodedata.normalize("NFKC", text).strip()
    return word.lower() if word.isascii() else word


def width(text: str) -> str:
    """An id as typed on a phone (３-２-５０１) as the register writes it (3-2-501): NFKC, trimmed, case kept."""
    return unicodedata.normalize("NFKC", text).strip()


def split_words(text: str) -> list[str]:
    """'a, b、c，d' → ['a', 'b', 'c', 'd']: the separators people type, the Chinese 、 and full-width comma included."""
    import re

    return [w for w in (fold(p) for p in re.split(r"[,、;\s]+", unicodedata.normalize("NFKC", text))) if w]
