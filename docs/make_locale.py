"""Bring the gettext catalogue up to date with the code, and compile it (Babel).

Collects every message a person reads: the catalogue's texts and hints
(fourtwo/findings/catalogue.py), every string literal given to `_()`, `N_()`, `T()` and
`ngettext()` in fourtwo/, the descriptions of fields and records (the editor schemas'), and the
docstrings of commands (their --help). New msgids are
added to fourtwo/locale/zh_CN/LC_MESSAGES/fourtwo.po with an empty translation (fill it
in), msgids no longer used are dropped, and the .mo beside it is compiled.

Run: .venv/bin/python docs/make_locale.py   (tests/test_i18n.py fails when a msgid has no
translation or the .mo is not what the .po compiles to)
"""

from __future__ import annotations

import ast
import io
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from babel.messages.catalog import Catalog  # noqa: E402
from babel.messages.mofile import write_mo  # noqa: E402
from babel.messages.pofile import read_po, write_po  # noqa: E402

from fourtwo import __version__ as fourtwo_version  # noqa: E402
from fourtwo.findings.catalogue import MESSAGES  # noqa: E402

PO = REPO / "fourtwo/locale/zh_CN/LC_MESSAGES/fourtwo.po"
MO = PO.with_suffix(".mo")
MARKERS = {"_", "N_", "T"}


def _literal(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def has_words(msgid: str | tuple[str, str]) -> bool:
    """A msgid of placeholders and spaces ('{n} {unit}') needs no translation; one with words or punctuation does."""
    text = msgid[0] if isinstance(msgid, tuple) else msgid
    return bool(re.sub(r"{[^{}]*}", "", text).strip())


def _descriptions(node: ast.AST) -> list[str]:
    """A field's description (`Field(kind, "…")`) and a record's (`Record(description="…")`): the editor
    schemas carry each in Chinese and English (i18n.bilingual)."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
        return []
    if node.func.id == "Field" and len(node.args) >= 2:
        return [text] if (text := _literal(node.args[1])) else []
    if node.func.id == "Record":
        return [text for kw in node.keywords if kw.arg == "description" and (text := _literal(kw.value))]
    return []


def collect() -> list[str | tuple[str, str]]:
    """Every msgid, in a stable order: the catalogue by code, then the code's literals file by file."""
    ids: dict[str | tuple[str, str], None] = {}
    for message in MESSAGES.values():
        if message.plural:
            ids[(message.text, message.plural)] = None
        if message.hint_plural:
            ids[(message.hint, message.hint_plural)] = None
        for text in ((message.text,) * (not message.plural)) + ((message.hint,) * (not message.hint_plural)):
            if text and text != "{hint}":
                ids[text] = None
    for module in sorted((REPO / "fourtwo").rglob("*.py")):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.args:
                first = _literal(node.args[0])
                if node.func.id in MARKERS and first:
                    ids[first] = None
                elif node.func.id in ("ngettext", "TN") and len(node.args) >= 2 and first and _literal(node.args[1]):
                    ids[(first, str(_literal(node.args[1])))] = None
            for text in _descriptions(node):
                ids[text] = None
            if isinstance(node, ast.FunctionDef) and any(
                isinstance(d, ast.Call) and isinstance(d.func, ast.Name) and d.func.id in {"command", "group"} for d in node.decorator_list
            ):
                doc = ast.get_docstring(node, clean=True)
                if doc:
                    ids[doc] = None
    return [m for m in ids if has_words(m)]


def compiled(po_bytes: bytes) -> bytes:
    """The .mo Babel compiles from a .po (byte for byte what is committed)."""
    catalog = read_po(io.BytesIO(po_bytes), locale="zh_CN", domain="fourtwo")
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    return buf.getvalue()


def update() -> None:
    old = read_po(PO.open("rb"), locale="zh_CN", domain="fourtwo") if PO.exists() else Catalog(locale="zh_CN", domain="fourtwo")
    new = Catalog(
        locale="zh_CN",
        domain="fourtwo",
        project="fourtwo",
        version="",
        copyright_holder="fourtwo",
        msgid_bugs_address="",
        last_translator="fourtwo maintainers",
        language_team="Simplified Chinese",
        fuzzy=False,
    )
    new.header_comment = (
        "# fourtwo's messages in Simplified Chinese. Fill in or correct a msgstr, then run\n"
        "# python docs/make_locale.py to compile the .mo beside this file (tests/test_i18n.py checks both)."
    )
    new.project, new.version = "fourtwo", fourtwo_version
    for msgid in collect():
        found = old.get(msgid)
        string = found.string if found is not None else ("", "") if isinstance(msgid, tuple) else ""
        new.add(msgid, string)
    buf = io.BytesIO()
    write_po(buf, new, width=0, omit_header=False, no_location=True)
    skipped = (b'"POT-Creation-Date', b'"PO-Revision-Date', b'"Generated-By', b'"Report-Msgid-Bugs-To')
    text = b"\n".join(line for line in buf.getvalue().split(b"\n") if not line.startswith(skipped))
    PO.parent.mkdir(parents=True, exist_ok=True)
    PO.write_bytes(text)
    MO.write_bytes(compiled(text))
    missing = [m.id for m in new if m.id and not (m.string if isinstance(m.string, str) else all(m.string))]
    print(f"{PO.relative_to(REPO)}: {len(new)} messages, {len(missing)} without a translation")
    for msgid in missing:
        print(f"  {msgid!r}")


if __name__ == "__main__":
    update()
