"""Chinese all the way through: no sentence reaches a Chinese reader in English.

A finding's message and hint are translated from the catalogue, but what is passed into
them (a hint, a reason, the name of what was refused) is the caller's: a plain English
literal there stays English in Chinese. Every such argument is a `T(...)` (translated where
shown), a `Term` or a value; the code is read for any that is not.
"""

from __future__ import annotations

import ast
import re

from conftest import REPO

# Arguments of a finding that are words a person reads (not ids, paths or numbers).
SAID = {"hint", "why", "what", "value", "problem", "explain", "where", "expected", "found", "guess", "kind", "names", "columns", "reason"}
CALLS = {"diag", "InputError", "Refusal", "add", "_input_error"}
NOT_WORDS = re.compile(r"--?[a-z][\w-]*|{[^{}]*}|\b[\w.-]+\.(?:yaml|csv|xlsx|html|md|txt|json)\b|'[^']*'|U\+[0-9A-F]+|\(none\)")


def _words(node: ast.expr) -> str:
    """The English words of a literal or f-string argument ('' for anything else)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        text = node.value
    elif isinstance(node, ast.JoinedStr):
        text = "".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
    else:
        return ""
    return " ".join(re.findall(r"[A-Za-z]{2,}", NOT_WORDS.sub(" ", text)))


def test_every_sentence_given_to_a_finding_is_translated() -> None:
    found = []
    for module in sorted((REPO / "fourtwo").rglob("*.py")):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else node.func.attr if isinstance(node.func, ast.Attribute) else ""
            if name not in CALLS:
                continue
            for kw in node.keywords:
                if kw.arg in SAID and _words(kw.value):
                    found.append(f"{module.relative_to(REPO)}:{kw.value.lineno} {kw.arg}={_words(kw.value)!r}")
    assert found == [], "wrap it in T(...) (a sentence) or _() (a word), and translate it in the .po"
