"""The hostile-input harness: Hypothesis makes workspaces with hostile ids, field values, file
names, links and sizes, and runs every command over each. Whatever it makes:

- every command ends with exit status 0, 1 or 2, never a traceback or an internal error;
- nothing outside the workspace and the output folders named is created, changed or
  deleted (the parent folder is snapshot before and after, links included);
- no full personal number reaches anything public (the site, the notices published).

The number of examples is bounded (FOURTWO_HOSTILE_EXAMPLES, 8 by default: some 30 s on two
shared cores); docs/robustness.md lists each class with its test.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from pathlib import Path

from conftest import EXAMPLES, cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fourtwo.disclosure.privacy import unmasked

FOLDER = "projects/2024-hongmeiyuan-activity-area"
SECRET_PHONE = "13912345678"  # in the register outside the workspace: never public
PUBLIC = {"09516012345", "09516012346"}  # the example's hotline and supervision phone, public on purpose

IDS = ["2024-hongmeiyuan-activity-area", "../../../evil", "javascript:alert(1)//", "/tmp/evil", "..", "a/../../b", "index", "x" * 300, "ok\u202eevil", ""]
FILE_NAMES = [
    "notices/../../secret/register.csv",
    "../../../secret/register.csv",
    "notices/javascript:x.html",
    "notices/a b.html",
    "/etc/hostname",
    "notices/x\ny.txt",
]
TEXTS = st.sampled_from(["", "\u200b", f"联系 {SECRET_PHONE}", "1 3 9 1 2 3 4 5 6 7 8", "<script>alert(1)</script>", "{{ 7*7 }}", "a\r\nb, c", "x" * 20_000])
DATES = st.sampled_from(["", "2024-04-12", "9999-12-28", "1900-01-01", "2024-02-30", "45392"])
FOLDERS = st.sampled_from([None, ".", "..", "projects", "../out", "../secret", "/"])
LINKS = st.sampled_from([None, "templates", "template-file", "notice-file", "register", "out-folder", "out-file"])


def snapshot(folder: Path, skip: set[Path]) -> dict[str, object]:
    seen: dict[str, object] = {}
    for top, dirs, names in os.walk(folder):
        here = Path(top)
        dirs[:] = [d for d in dirs if here / d not in skip]
        for name in [*names, *dirs]:
            path = here / name
            rel = path.relative_to(folder).as_posix()
            if path.is_symlink():
                seen[rel] = ("link", os.readlink(path))
            elif path.is_file():
                seen[rel] = ("file", path.read_bytes())
            else:
                seen[rel] = ("folder", None)
    return seen


def _set(text: str, key: str, value: str) -> str:
    """Replace the first `key: ...` line's value (as YAML text: quoted, or empty)."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if line.startswith(f"{key}:") or line.startswith(f"    {key}:"):
            indent = line[: len(line) - len(line.lstrip())]
            quoted = '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r") + '"' if value else ""
            lines[i] = f"{indent}{key}: {quoted}"
            break
    return "\n".join(lines)


def make(parent: Path, case: dict[str, object]) -> Path:
    """The example workspace under `parent`, made hostile as `case` says; a secret beside it."""
    ws = parent / "ws"
    shutil.copytree(EXAMPLES / "beiyuan", ws)
    (parent / "secret").mkdir()
    (parent / "secret/register.csv").write_text(f"楼栋,单元,房号,户主,联系电话\n3,1,302,张三,{SECRET_PHONE}\n", encoding="utf-8")
    file = ws / FOLDER / "project.yaml"
    text = file.read_text(encoding="utf-8")
    text = _set(text, "id", str(case["id"]))
    text = _set(text, "title", str(case["title"]))
    text = _set(text, "text", str(case["objection"]))
    text = _set(text, "date", str(case["date"]))
    if case["file"]:
        text = text.replace("notices/2024-04-28-resolution.txt]", f"notices/2024-04-28-resolution.txt, {case['file']!r}]".replace("'", '"'), 1)
    file.write_text(text, encoding="utf-8")
    if case["site_folder"] is not None:
        with open(ws / "fourtwo.yaml", "a", encoding="utf-8") as f:
            f.write(f"site:\n  folder: {case['site_folder']!r}\n")
    with open(ws / FOLDER / "canvass.csv", "a", encoding="utf-8", newline="") as f:
        f.write(f'3-1-302,agree,李娟,2024-04-12,in_person,"{str(case["note"]).replace(chr(34), chr(34) * 2)}"\r\n' * int(str(case["rows"])))
    link = case["link"]
    if link == "templates":
        (ws / "templates").symlink_to(parent / "secret")
    elif link == "template-file":
        (ws / "templates").mkdir()
        (ws / "templates/resolution.txt.j2").symlink_to(parent / "secret/register.csv")
    elif link == "notice-file":
        target = ws / FOLDER / "notices/2024-04-28-resolution.txt"
        target.unlink()
        target.symlink_to(parent / "secret/register.csv")
    elif link == "register":
        (ws / "households/hongmeiyuan.csv").unlink()
        (ws / "households/hongmeiyuan.csv").symlink_to(parent / "secret/register.csv")
    elif link in ("out-folder", "out-file"):
        (parent / "out").mkdir()
        (parent / "out/.fourtwo-site").write_text("Built by `fourtwo site`.\n")
        if link == "out-folder":
            (parent / "out/ws").symlink_to(parent / "secret")
        else:
            (parent / "out/index.html").symlink_to(parent / "secret/register.csv")
    (parent / "sheet.csv").write_text(
        f"户号,意见,日期,网格员,备注\n3-1-302,{case['opinion']},{case['date'] or '2024-04-12'},李娟,{case['note']}\n", encoding="utf-8"
    )
    return ws


COMMANDS = (
    ("check", "{ws}"),
    ("status", "{ws}"),
    ("show", "{p}"),
    ("canvass", "coverage", "{p}", "--missing"),
    ("canvass", "sheet", "{p}", "--out", "{parent}/sheets"),
    ("canvass", "record", "{p}", "3-1-302", "agree", "--by", "李娟", "--date", "2024-04-12", "--note", "{note}"),
    ("canvass", "import", "{p}", "{parent}/sheet.csv"),
    ("canvass", "void", "{p}", "3-1-302", "--date", "2024-04-12", "--reason", "{note}"),
    ("publish", "{p}", "result", "--date", "{date}", "--format", "html", "--format", "txt", "--format", "md"),
    ("verify", "{p}/notices/2024-04-28-resolution.html"),
    ("site", "{ws}", "--out", "{parent}/out", "--date", "2024-08-01"),
    ("site", "--date", "2024-08-01"),  # into site.folder, wherever fourtwo.yaml says
)


@settings(
    max_examples=int(os.environ.get("FOURTWO_HOSTILE_EXAMPLES", "8")),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    st.fixed_dictionaries(
        {
            "id": st.sampled_from(IDS),
            "title": TEXTS,
            "objection": TEXTS,
            "note": TEXTS,
            "date": DATES,
            "file": st.sampled_from([None, *FILE_NAMES]),
            "site_folder": FOLDERS,
            "link": LINKS,
            "rows": st.sampled_from([0, 1, 3000]),
            "opinion": st.sampled_from(["同意", "作废", "maybe", ""]),
        }
    )
)
def test_no_hostile_workspace_breaks_out(case: dict[str, object]) -> None:
    with tempfile.TemporaryDirectory(prefix="fourtwo-hostile-") as tmp:
        parent = Path(tmp)
        ws = make(parent, case)
        named = {ws, parent / "out", parent / "sheets"}
        before = snapshot(parent, named)
        notices_before = snapshot(ws / FOLDER / "notices", set()) if (ws / FOLDER / "notices").is_dir() else {}
        old = Path.cwd()
        os.chdir(ws)  # `site` without a path builds the current workspace
        try:
            for command in COMMANDS:
                args = [
                    a.format(ws=ws, p=ws / FOLDER, parent=parent, note=case["note"] or " ", date=case["date"] or dt.date(2024, 8, 1).isoformat())
                    for a in command
                ]
                result = cli(*args)
                assert result.exit_code in (0, 1, 2), (command, case, result.output[-3000:], result.exception)
                assert "Traceback" not in result.output and "internal error" not in result.output, (command, case, result.output[-3000:])
        finally:
            os.chdir(old)
        assert snapshot(parent, named) == before, case  # nothing outside the workspace and the named folders
        assert (ws / "fourtwo.yaml").is_file() and (ws / FOLDER / "project.yaml").is_file(), case  # no site build removed the records
        public = snapshot(parent / "out", set()) if (parent / "out").is_dir() else {}
        if (ws / FOLDER / "notices").is_dir():
            now = snapshot(ws / FOLDER / "notices", set())
            public |= {f"notices/{k}": v for k, v in now.items() if notices_before.get(k) != v}  # what publish wrote
        for name, (kind, data) in public.items():  # type: ignore[misc]
            if kind == "link":
                assert name.startswith(("ws", "index.html")) and case["link"] in ("out-folder", "out-file"), (name, case)  # the planted link, left alone
                continue
            if kind == "file" and not name.endswith(".fourtwo-site"):
                text = data.decode("utf-8", "replace")
                assert SECRET_PHONE not in text, (name, case)
                assert not [f for f in unmasked(text, PUBLIC) if f[0] == "phone"], (name, case, unmasked(text, PUBLIC))
