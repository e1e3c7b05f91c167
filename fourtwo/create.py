"""Creating a workspace (`fourtwo init`) and a project (`fourtwo new`): files a person can read."""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from fourtwo import schema
from fourtwo.files.atomic import atomic_write, make_dirs
from fourtwo.files.layout import (
    HOUSEHOLDS_DIR,
    LOCK_NAME,
    PROJECT_FILE,
    PROJECTS_DIR,
    SCHEMA_DIR,
    WORKSPACE_FILE,
    find_root,
)
from fourtwo.files.reading import NotRegular, inside, kind_of, leads_to, named_file, real, unreadable
from fourtwo.files.safepath import PROJECT_ID, id_problem
from fourtwo.files.yamledit import scalar
from fourtwo.findings import Loc
from fourtwo.findings.errors import FindingsError, InputError
from fourtwo.i18n import T, _, fold, language, listing
from fourtwo.load import open_workspace
from fourtwo.model.workspace import KIND_ALIASES, ORGANISATION_KINDS

# The procedure a new workspace follows: for a community the seed's own form (three reviews,
# the canvass, the process and the result made public); the 居民代表会议 form keeps the id
# `community` that projects made before it name (docs/procedures.md).
DEFAULT_PROCEDURES = {"community": "community-canvass", "village": "village"}


@dataclass(frozen=True)
class Contacts:
    """How residents object, as `init` is told it: a phone, or a place with its office hours."""

    hotline: str = ""
    place: str = ""
    hours: str = ""


# Names of the organs, derived from the short name so `init` needs no questions.
_NAMES = {
    "community": ("中共{n}委员会", "{n}居民委员会", "{n}居务监督委员会", "全体居民", "{n}居务公开栏"),
    "village": ("中共{n}支部委员会", "{n}村民委员会", "{n}村务监督委员会", "全体村民", "{n}村务公开栏"),
}


def schema_line(kind: str, file_dir: Path, root: Path) -> str:
    rel = os.path.relpath(root / SCHEMA_DIR / schema.schema_filename(kind), file_dir)
    return f"# yaml-language-server: $schema={Path(rel).as_posix()}\n"


def _aligned(text: str, column: int = 31) -> str:
    """Line the trailing comments up, whatever the width of the values filled in."""
    from wcwidth import wcswidth

    lines = []
    for line in text.splitlines():
        body, sep, comment = line.partition("  # ")
        if sep and body.count('"') % 2 == 1:  # '  # ' inside a quoted value: not a comment
            body, sep, comment = line, "", ""
        if sep and body.strip() and not body.lstrip().startswith("#"):
            body = body.rstrip()
            pad = max(column - 1 - wcswidth(body), 1)  # display width: a Chinese character takes two columns
            line = f"{body}{' ' * pad}# {comment.strip()}"
        lines.append(line)
    return "\n".join(lines) + "\n"


# The comments `init` and `new` write, in the language of the workspace they make: a clerk
# reads fourtwo.yaml and project.yaml in WPS or Notepad, not in the docs.
_COMMENTS = {
    "en": {
        "head": "# fourtwo workspace: who decides, and the defaults of every decision and notice.\n"
        "# Every key is documented in docs/files.md; `fourtwo check` validates this file.\n",
        "language": "",
        "name": "as printed on notices",
        "kind": "village (村) or community (社区): picks the law and the procedure",
        "region": "e.g. 宁夏回族自治区银川市兴庆区解放西街街道",
        "party": "党支部 / 社区党委: proposes and reviews (steps 1 and 3)",
        "secretary": "书记",
        "committee": "村民委员会 / 居民委员会: deliberates, publishes, implements",
        "director": "主任; the same person as the secretary means 一肩挑",
        "supervision": "村务 / 居务监督委员会: checks notices and the work",
        "chair": "",
        "upper": "街道党工委 / 乡镇党委, where a procedure has it review",
        "upper_name": "中共XX街道工作委员会",
        "procedure": "default procedure of new projects (or one of procedures/)",
        "notice": "defaults of the two public notices",
        "period": "how long a notice stays up",
        "unit": "or working_days (Chinese holiday calendar)",
        "hotline": "supervision phone for objections, printed on every notice",
        "objection_place": "where objections are taken in person (a notice needs it with office_hours, or a phone)",
        "office_hours": "when that place takes them, e.g. 工作日8:30—17:30",
        "posting_place": "where notices are posted",
        "project": "# One decision under 四议两公开. Commands append to `steps:`; comments you add are kept.\n",
        "title": "notices read 关于{title}的公示",
        "matter": "what is to be decided, as residents will read it",
        "amount": "yuan, e.g. 186000",
        "funding": "e.g. 为民服务和发展专项资金",
    },
    "zh": {
        "head": "# fourtwo 工作区：由谁议事决策，以及每个事项、每份公示的默认设置。\n"
        "# 每个键的含义见 docs/files.md；“fourtwo check”会检查本文件；“fourtwo correct workspace”可填写或更正设置。\n",
        "language": "language: zh                 # 界面语言：zh（中文）或 en（英文）\n",
        "name": "公示上印的名称",
        "kind": "village（村）或 community（社区）：决定适用的法律和程序",
        "region": "如 宁夏回族自治区银川市兴庆区解放西街街道",
        "party": "党支部／社区党委：提议、评议",
        "secretary": "书记",
        "committee": "村民委员会／居民委员会：商议、公开、组织实施",
        "director": "主任；与书记为同一人即“一肩挑”",
        "supervision": "村务／居务监督委员会：监督公示和实施",
        "chair": "主任",
        "upper": "街道党工委／乡镇党委：程序中有其评议时填写",
        "upper_name": "中共××街道工作委员会",
        "procedure": "新事项默认的程序（或 procedures/ 中的程序）",
        "notice": "两份公示的默认设置",
        "period": "公示天数",
        "unit": "或 working_days（按法定节假日计算工作日）",
        "hotline": "监督电话，印在每份公示上，供居民提出异议",
        "objection_place": "当面提出异议的地点（公示须有电话，或有地点和受理时间）",
        "office_hours": "受理时间，如 工作日8:30—17:30",
        "posting_place": "公示张贴地点",
        "project": "# “四议两公开”事项一件。命令在 steps: 下追加记录；您加的注释会保留。\n",
        "title": "公示标题为“关于{title}的公示”",
        "matter": "议事内容，按居民读到的样子写",
        "amount": "元，如 186000",
        "funding": "如 为民服务和发展专项资金",
    },
}


def workspace_text(name: str, kind: str, root: Path, contacts: Contacts = Contacts()) -> str:
    party, committee, supervision, addressee, board = (t.format(n=name) for t in _NAMES[kind])
    c = _COMMENTS[language()]
    upper = f"# upper_party_organisation:   # {c['upper']}\n#   name: {c['upper_name']}\n"
    q = scalar
    chair = f"  # {c['chair']}" if c["chair"] else ""
    return schema_line("workspace", root, root) + _aligned(
        f"""{c["head"]}version: 1
{c["language"]}
organisation:
  name: {q(name)}              # {c["name"]}
  kind: {kind}                 # {c["kind"]}
  region: ""                   # {c["region"]}

party_organisation:            # {c["party"]}
  name: {q(party)}
  secretary: ""                # {c["secretary"]}

committee:                     # {c["committee"]}
  name: {q(committee)}
  director: ""                 # {c["director"]}

supervision_committee:         # {c["supervision"]}
  name: {q(supervision)}
  chair: ""{chair}
  phone: ""

{upper}
procedure: {DEFAULT_PROCEDURES[kind]}              # {c["procedure"]}

notice:                        # {c["notice"]}
  period: 7                    # {c["period"]}
  unit: calendar_days          # {c["unit"]}
  hotline: {q(contacts.hotline) if contacts.hotline else chr(34) * 2}                  # {c["hotline"]}
  objection_place: {q(contacts.place) if contacts.place else chr(34) * 2}          # {c["objection_place"]}
  office_hours: {q(contacts.hours) if contacts.hours else chr(34) * 2}             # {c["office_hours"]}
  posting_place: {q(board)}    # {c["posting_place"]}
  addressee: {q(addressee)}
"""
    )


def create_workspace(folder: Path, name: str | None, kind: str, contacts: Contacts = Contacts()) -> list[Path]:
    kind = dict(KIND_ALIASES).get(fold(kind), fold(kind))
    if kind not in ORGANISATION_KINDS:
        raise InputError("FT905", what="--kind", value=kind, hint=T("use one of: {join}", join=listing(ORGANISATION_KINDS)))
    if (folder / WORKSPACE_FILE).exists():
        raise InputError("FT903", path=folder)
    short = (name or real(folder).name).strip()
    if not short:
        raise InputError("FT905", what="--name", value="''", hint=T("give the name of the community or village"))
    _refuse_a_link_out(folder, [PROJECTS_DIR, HOUSEHOLDS_DIR, SCHEMA_DIR, ".gitignore"])
    _refuse_a_special_gitignore(folder / ".gitignore")
    make_dirs(folder)
    written = [folder / WORKSPACE_FILE]
    for sub in (PROJECTS_DIR, HOUSEHOLDS_DIR):
        make_dirs(folder / sub)
        keep = folder / sub / ".gitkeep"  # git keeps no empty folders
        atomic_write(keep, "")
        written.append(keep)
    written += schema.write_schemas(folder / SCHEMA_DIR)
    ignore = folder / ".gitignore"
    if not ignore.exists():  # the lock files commands leave beside project.yaml are not records
        atomic_write(
            ignore,
            "# " + _("left by fourtwo commands while they write; not part of the record") + f"\n{LOCK_NAME}\n"
            "# " + _("door-to-door forms: internal, with names and phones; never commit them") + "\ncanvass-*.html\ncanvass-*.xlsx\n"
            "# " + _("household registers hold residents' names, phones and ID numbers (personal data, FT702):") + "\n"
            "# " + _("keep them out of git; commit a masked copy instead, named with git add -f, if CI must check it") + "\n"
            f"{HOUSEHOLDS_DIR}/*\n!{HOUSEHOLDS_DIR}/.gitkeep\n",
        )
        written.append(ignore)
    atomic_write(folder / WORKSPACE_FILE, workspace_text(short, kind, folder, contacts))
    return written


def _refuse_a_special_gitignore(ignore: Path) -> None:
    """A .gitignore that is a FIFO or a folder is never written (nor opened): said before
    anything is, as it is what keeps registers and door-to-door forms out of git."""
    try:
        mode = os.lstat(ignore).st_mode
    except OSError:
        return
    if not (stat.S_ISREG(mode) or stat.S_ISLNK(mode)):  # a link is said by _refuse_a_link_out, or leads to a file inside
        raise InputError.of(unreadable(ignore, ".gitignore", NotRegular(ignore, kind_of(mode))))


@dataclass(frozen=True)
class Content:
    """What a project is about, as `fourtwo new` may be told it at once (else filled in later)."""

    matter: str = ""
    place: str = ""
    budget: Decimal | None = None
    funding: str = ""
    implementer: str = ""


def project_text(project_id: str, title: str, procedure: str, register: str | None, folder: Path, root: Path, content: Content = Content()) -> str:
    q = scalar
    c = _COMMENTS[language()]
    shown_title = "".join(ch for ch in " ".join(title.split()) if ch.isprintable())
    lines = [
        schema_line("project", folder, root),
        c["project"],
        f"id: {q(project_id)}\n",
        f"title: {q(title)}            # {c['title'].format(title=shown_title)}\n",
    ]
    lines.append(f"procedure: {q(procedure)}\n")
    amount = f"{content.budget:.2f}" if content.budget is not None else ""
    lines += [
        f"matter: {q(content.matter) if content.matter else chr(34) * 2}                     # {c['matter']}\n",
        f"place: {q(content.place) if content.place else chr(34) * 2}\n",
        *([f"implementer: {q(content.implementer)}\n"] if content.implementer else []),
        "budget:\n",
        f"  amount: {amount}                      # {c['amount']}\n",
        f"  funding: {q(content.funding) if content.funding else chr(34) * 2}                  # {c['funding']}\n",
    ]
    if register:
        lines += ["households:\n", f"  register: {q(register)}\n"]
    lines.append("steps: []\n")
    return "".join(lines)


def _listing(folder: Path) -> list[Path]:
    try:
        return list(folder.iterdir())
    except OSError:
        return []


def _refuse_a_link_out(root: Path, names: list[str]) -> None:
    """A folder of the workspace that is a link out of it is never written through (FT011): what
    `new` or `init` writes there would land outside the workspace, and check would not read it (FT015)."""
    for name in names:
        path = root / name
        if os.path.lexists(path) and not inside(path, root):
            raise InputError("FT015", Loc(path), what=T("'{name}'", name=name), target=leads_to(path))


def create_project(start: Path, project_id: str, title: str, procedure: str | None, households: Path | None, content: Content = Content()) -> Path:
    """Write projects/ID/project.yaml in the workspace at or above `start`."""
    root = find_root(start)
    if root is None:
        raise InputError("FT902", path=start)
    if not re.fullmatch(PROJECT_ID, project_id) or ".." in project_id:
        raise InputError("FT905", what=T("project id"), value=project_id, hint=T("use letters, digits, '-', '_' or '.', e.g. 2024-hongmeiyuan-activity-area"))
    why = id_problem(project_id)
    if why is not None:  # a folder's name on every system the repository is cloned on: the rule every command keeps
        raise InputError("FT905", what=T("project id"), value=project_id, hint=why)
    if not title.strip():
        raise InputError("FT905", what="--title", value="''", hint=T("give the matter in a few words"))
    given = bool(procedure)
    model, found = open_workspace(root)
    broken = [f for f in found if f.severity.value == "error" and real(f.path) == real(root / WORKSPACE_FILE)]
    if broken:
        raise FindingsError(broken)
    if procedure:  # an id, or a word the procedure declares (村 → village)
        procedure = next((p.id for p in model.procedures.values() if p.called(procedure)), procedure)
    # Written whatever it is: a project keeps the form it was made under when fourtwo.yaml's default changes.
    procedure = procedure or model.workspace.default_procedure
    if procedure not in model.procedures:
        known = listing(sorted(model.procedures))
        hint = (
            T("known procedures: {join}", join=known)
            if given
            else T("fourtwo.yaml's default is not one of them ({join}): give one with --procedure", join=known)
        )
        raise InputError("FT905", what="--procedure" if given else T("the default procedure"), value=procedure, hint=hint)
    register = None
    if households is not None:
        path = real(households)
        named_file(households, "--households")
        if not path.is_relative_to(real(root)):
            raise InputError("FT905", what="--households", value=households, hint=T("copy the register into {value} first", value=root / HOUSEHOLDS_DIR))
        register = path.relative_to(real(root)).as_posix()
    folder = root / PROJECTS_DIR / project_id
    _refuse_a_link_out(root, [PROJECTS_DIR, SCHEMA_DIR])
    same = [p for p in _listing(root / PROJECTS_DIR) if p.name.casefold() == project_id.casefold()]
    if folder.exists() or same:  # ABC beside abc: one folder on Windows and macOS
        raise InputError("FT904", id=project_id, path=same[0] if same else folder)
    make_dirs(folder)
    path = folder / PROJECT_FILE
    try:
        if not (root / SCHEMA_DIR / schema.schema_filename("project")).exists():
            schema.write_schemas(root / SCHEMA_DIR)
        atomic_write(path, project_text(project_id, title.strip(), procedure, register, folder, root, content))
    except InputError:
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()  # a refused `new` leaves nothing behind: the retry must not find it taken
        raise
    return path
