"""An archived notice against today's records: what `check`, `verify` and the site say of it.

A notice published with a facts document is judged by that document: its bytes must be
those published (the digest printed on the notice covers them), and the facts it keeps
are compared, field by field, with the facts today's records give under the document's
own schema version and the settings kept with it. A notice published before facts
documents (version 0) is judged as it was then: the digest of its whole context,
recomputed over the fields that version had. Nothing is rendered.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from fourtwo.disclosure import facts
from fourtwo.disclosure.context import NoticeContext, NoticeSettings
from fourtwo.disclosure.notice import build
from fourtwo.disclosure.privacy import mask_as_notices
from fourtwo.files.reading import real
from fourtwo.i18n import N_
from fourtwo.judge import Judgement
from fourtwo.model.project import NoticeRecord, Project
from fourtwo.model.shares import honest_percent

# Why a facts document cannot be judged: it is not there, not what was published, not
# one at all, or of a version this fourtwo does not know.
MISSING, CHANGED, UNREADABLE, NEWER = "missing", "changed", "unreadable", "newer"


@dataclass(frozen=True)
class Standing:
    """What today's records make of one archived notice."""

    record: NoticeRecord
    kind: str
    settings: NoticeSettings  # in force on its day (today's, for a notice before facts documents)
    schema: int = 0  # the facts schema it was published under; 0 before facts documents
    differences: list[facts.Difference] = field(default_factory=list)
    problem: str = ""  # MISSING, CHANGED, UNREADABLE or NEWER: the facts document cannot be judged
    why: str = ""  # the problem in a few words, a msgid (or what a JSON parser said)
    legacy_matches: bool = True  # version 0: the recomputed digest is the one recorded
    period_length: int | None = None  # as its facts state it: counted on its day, under the holidays declared then

    @property
    def matches(self) -> bool:
        return not self.problem and not self.differences and self.legacy_matches

    @property
    def legacy(self) -> bool:
        return not self.record.facts


def standing(judged: Judgement, project: Project, kind: str, record: NoticeRecord) -> Standing:
    """Judge an archived notice: a JSON load, a build of today's facts, a comparison."""
    today = NoticeSettings.of(judged.model.workspace)
    if not record.facts:
        data = build(judged, project, kind, record, today).data()
        return Standing(record, kind, today, legacy_matches=facts.legacy_digest(data) == record.digest)
    path = project.folder / record.facts
    if not inside_folder(project.folder, record.facts):  # a path from a file never leaves its folder
        return Standing(record, kind, today, problem=UNREADABLE, why=N_("outside the project's folder"))
    try:
        text = judged.text(path)
    except UnicodeDecodeError:
        return Standing(record, kind, today, problem=UNREADABLE, why=N_("not UTF-8"))
    except OSError:
        return Standing(record, kind, today, problem=MISSING)
    if facts.sha256(text) != record.digest:
        return Standing(record, kind, today, problem=CHANGED)
    try:
        doc = facts.read(text)
    except facts.Unreadable as exc:
        return Standing(record, kind, today, problem=UNREADABLE, why=str(exc))
    if doc.schema not in facts.SHAPES or doc.schema == 0:
        return Standing(record, kind, today, schema=doc.schema, problem=NEWER)
    settings = NoticeSettings.stored(doc.settings, today)
    now = _on_stated_bases(build(judged, project, kind, record, settings), doc.facts)  # compared as built: no dict of it is made
    found = facts.differences(facts.SHAPES[doc.schema], doc.facts, now)
    stated, days = doc.facts.get("period_length"), (doc.facts.get("period_start"), doc.facts.get("period_end"))
    same_days = days == tuple(d.isoformat() if d else None for d in (record.period_start, record.period_end))
    length = stated if isinstance(stated, int) and not isinstance(stated, bool) and same_days else None
    return Standing(record, kind, settings, doc.schema, [replace(d, was=_masked(d.was), now=_masked(d.now)) for d in found], period_length=length)


def _masked(value: object) -> object:
    """A value a difference shows, every full phone, ID or card number in its texts masked as
    notices mask them: a finding and the public site say it whole but for those."""
    if isinstance(value, str):
        return mask_as_notices(value)
    if isinstance(value, dict):
        return {k: _masked(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_masked(v) for v in value]
    return value


def _on_stated_bases(now: NoticeContext, stated: dict[str, Any]) -> NoticeContext:
    """Each meeting's share for on the base the notice stated it on (实到 or 应到): the base is
    the rule's reading of its day, kept (a 两委 joint meeting read on 实到 before issue 22, on
    应到 since), while the votes and the figures it is a share of are compared."""
    lines = stated.get("meetings")
    if not isinstance(lines, list) or len(lines) != len(now.meetings):
        return now
    shown = []
    for was, line in zip(lines, now.meetings, strict=True):
        base = was.get("for_base") if isinstance(was, dict) else None
        if base in ("实到", "应到") and base != line.for_base:
            line = replace(line, for_base=base, for_percent=honest_percent(line.votes_for, line.members if base == "应到" else line.present))
        shown.append(line)
    return replace(now, meetings=shown) if shown != now.meetings else now


def inside_folder(folder: Path, name: str) -> bool:
    """`name` stays in `folder`: no absolute path, no `..`, and, where a link is on the way,
    its target inside too (resolving every path would cost a stat per folder above it)."""
    rel = Path(name)
    if rel.is_absolute() or ".." in rel.parts:
        return False
    path = folder / rel
    if path.is_symlink() or path.parent.is_symlink():
        return real(path).is_relative_to(real(folder))
    return True
