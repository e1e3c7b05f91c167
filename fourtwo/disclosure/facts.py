"""A notice's facts as a document: what it states, frozen when it is posted.

Publishing writes, beside the notice, every figure, name, date and text it states as
canonical JSON (sorted keys, one layout) with the version of this schema and the
settings it was published under; the notice's digest is the SHA-256 of that document.
`check` and `verify` recompute the facts from today's records under the notice's own
version and compare them field by field, naming a fact that differs. Nothing is rendered.

Each version's shape is written out here and never changes once released: a field a
later version adds is outside an earlier shape, so it never touches an earlier notice's
verdict. In a shape a leaf is `R` (from the records: compared) or `S` (the wording and
settings in force on the notice's day: fourtwo.yaml, the procedure, the rule's citation;
kept as stated, never compared, so changing them later changes no posted notice).

Version 0 is the notice before facts documents: its digest is the SHA-256 of its whole
context as canonical JSON, and an archived notice of that time is verified by
recomputing that digest over the fields version 0 had.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, fields, is_dataclass
from typing import Any

from fourtwo.disclosure.fact_names import FIELD_NAMES
from fourtwo.i18n import N_, _

# from the records (compared) / as in force on the day (kept, not compared): the settings, and a
# head of household's name, read from the register on the day (the households are frozen, not who lives there)
R, S = "r", "s"
Shape = dict[str, Any]  # field -> R | S | a Shape (an object, or None) | [Shape] (a list of objects)

_AMOUNT: Shape = {"value": R, "figures": R, "capitals": R}
_MEETING_V0: Shape = {
    "step": S, "body": S, "label": S, "date": R, "members": R, "present": R, "votes_for": R, "against": R, "abstain": R,
    "present_percent": R, "for_percent": R, "for_base": S, "result": R, "households": R, "households_present": R,
    "households_percent": R, "valid_by": R,
}  # fmt: skip
_CANVASS_V0: Shape = {
    "households": R, "visited": R, "coverage": R, "threshold": S, "agree": R, "oppose": R, "abstain": R, "attempts": R,
    "first_day": R, "last_day": R, "heading": S, "method": S, "rate_name": S, "visited_word": S, "attempts_word": S,
    "counted": S, "channels": [{"name": S, "households": R, "counted": S}], "elsewhere": R,
}  # fmt: skip
_IMPLEMENTATION: Shape = {
    "started": R, "completed": R, "accepted": R, "acceptance": R, "failed": R, "accepted_by": R, "contractor": R,
    "cost": _AMOUNT, "audited": _AMOUNT, "difference": _AMOUNT, "over_budget": _AMOUNT, "next_steps": R, "note": R,
}  # fmt: skip
_NOTICE_V0: Shape = {
    "kind": R, "title": S, "subject": R, "addressee": S, "organisation": S, "project_id": R, "matter": R, "basis": R,
    "origin": R, "place": R, "budget": _AMOUNT, "funding": R, "contractor": R, "schedule_start": R, "schedule_end": R,
    "meetings": [_MEETING_V0], "canvass": _CANVASS_V0, "implementation": _IMPLEMENTATION,
    "objections": [{"number": R, "date": R, "text": R, "answer": R, "answered": R}],
    "period_start": R, "period_end": R, "period_length": R, "period_unit": S, "objection_to": S, "objection_phone": S,
    "hotline": S, "posting_place": S, "signatories": S, "date": R, "households": [{"id": R, "head": S}],
    "resolution": {"date": R, "period_start": R, "period_end": R, "objections": R, "answered": R},
    "progress": {"milestones": R, "spent": _AMOUNT, "spent_percent": R, "next_steps": R},
}  # fmt: skip

# Version 1 (issue 21): each meeting cites the rules in force on its date; the canvass
# states the households left out of scope, why, and when each was decided.
_NOTICE_V1: Shape = {
    **_NOTICE_V0,
    "period_length": S,  # from the period's dates (compared) counted in the unit and holidays of its day
    "meetings": [{**_MEETING_V0, "basis": S}],
    "canvass": {**_CANVASS_V0, "excluded": R, "exclusions": [{"reason": R, "households": R, "date": R}]},
}

# Version 2 (issue 22): every printed figure recorded. A meeting says which counts nobody
# recorded (未记录, never 0), who attended without a vote, the 村民代表's own votes, the body's
# word for its households, and the same step held before and failed; the canvass gives each
# household heard by its latest opinion, by channel, instead of the counted channel's only;
# the work says 未验收 and never a saving after a failed acceptance; objections after their
# period are late; every notice names 实施主体 and how to object in person.
_MEETING_V2: Shape = {
    **_MEETING_V0, "basis": S, "unrecorded": R, "not_voting": R, "nonvoting": R, "representatives": R, "representatives_for": R,
    "representatives_percent": R, "whole": S,
}  # fmt: skip
_MEETING_V2 = {**_MEETING_V2, "earlier": [_MEETING_V2]}
_OPINIONS: Shape = {"agree": R, "oppose": R, "abstain": R}
_CANVASS_V2: Shape = {
    **{k: v for k, v in _NOTICE_V1["canvass"].items() if k not in _OPINIONS}, "heard": R, "latest": _OPINIONS,
    "by_channel": [{"name": S, "households": R, **_OPINIONS, "counted": S}], "changed": R,
}  # fmt: skip
_NOTICE_V2: Shape = {
    **_NOTICE_V1,
    "meetings": [_MEETING_V2],
    "canvass": _CANVASS_V2,
    "implementation": {**{k: v for k, v in _IMPLEMENTATION.items() if k != "difference"}, "unaccepted": R, "saving": _AMOUNT, "audited_differs": R},
    "objections": [{**_NOTICE_V0["objections"][0], "late": R}],
    "resolution": {**_NOTICE_V0["resolution"], "in_period": R, "late": R},
    "progress": {**_NOTICE_V0["progress"], "over_budget": _AMOUNT},
    "implementer": R, "procedure_basis": S, "objection_place": S, "office_hours": S, "supervision_review": S,
    "period_extended_from": S, "period_extension": S,
}  # fmt: skip

# Version 3: a failed meeting held again says why the first did not pass (quorum or majority);
# a count nobody recorded that the others imply (all present voted for) is 0, not 未记录.
_MEETING_V3: Shape = {**_MEETING_V2, "failed_because": R, "unknown": R}
_MEETING_V3 = {**_MEETING_V3, "earlier": [_MEETING_V3]}
_NOTICE_V3: Shape = {**_NOTICE_V2, "meetings": [_MEETING_V3]}

# Version 4: 上门未遇 counts every household tried with nobody in and never met through a
# counted channel, heard later by phone or not, and says how many were heard that way
# ('attempts' keeps its meaning: tried and heard nowhere).
_NOTICE_V4: Shape = {**_NOTICE_V3, "canvass": {**_CANVASS_V2, "tried": R, "tried_heard": R}}

# Version 5: the result notice of a procedure without a resolution notice (the seed's form) says
# when the notice that made the decision public (its 过程公开) was posted and what it drew.
_NOTICE_V5: Shape = {**_NOTICE_V4, "plan": {**_NOTICE_V2["resolution"], "objections": R, "answered": R}}

# Version 6: a re-acceptance (复验) after a failed acceptance: the result notice states the
# acceptances before it, each with its day and verdict, beside the one in force.
_NOTICE_V6: Shape = {
    **_NOTICE_V5,
    "implementation": {**_NOTICE_V2["implementation"], "earlier_acceptances": [{"accepted": R, "acceptance": R, "accepted_by": R}]},
}

SHAPES: dict[int, Shape] = {0: _NOTICE_V0, 1: _NOTICE_V1, 2: _NOTICE_V2, 3: _NOTICE_V3, 4: _NOTICE_V4, 5: _NOTICE_V5, 6: _NOTICE_V6}
SCHEMA = 6  # the version publish writes
SETTINGS = (
    "period", "unit", "organisation", "addressee", "signatories", "objection_to", "objection_phone", "hotline", "posting_place", "site_url",
    "objection_place", "office_hours", "supervision_review", "implementer",
)  # fmt: skip


def canonical(value: object) -> str:
    """One text for one value: sorted keys, no spaces, Chinese as it is."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def sha256(text: str) -> str:
    """The digest of a document's text as written, line ends forgiven (a checkout may turn LF into CRLF)."""
    return "sha256:" + hashlib.sha256(text.replace("\r\n", "\n").encode("utf-8")).hexdigest()


def document(kind: str, facts: dict[str, object], settings: dict[str, object]) -> str:
    """The facts document as archived: canonical JSON of the current version, one field a line
    (sorted, so two publishes of the same records write the same bytes), ending in a newline."""
    shaped = project(facts, SHAPES[SCHEMA])
    doc = {"schema": SCHEMA, "kind": kind, "facts": shaped, "settings": {k: settings.get(k) for k in SETTINGS}}
    return json.dumps(doc, ensure_ascii=False, sort_keys=True, indent=1) + "\n"


@dataclass(frozen=True)
class Document:
    schema: int
    kind: str
    facts: dict[str, Any]
    settings: dict[str, Any]


class Unreadable(ValueError):
    """The text is not a facts document (the message says why)."""


def read(text: str) -> Document:
    """A facts document; Unreadable when it is not one. A version this fourtwo does not know
    is read (so the caller can say which), never judged."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise Unreadable(f"not JSON ({exc.msg}, line {exc.lineno})") from exc
    if not isinstance(doc, dict) or not isinstance(doc.get("schema"), int) or not isinstance(doc.get("facts"), dict):
        raise Unreadable("no 'schema' and 'facts'")
    settings = doc.get("settings")
    return Document(doc["schema"], str(doc.get("kind", "")), doc["facts"], settings if isinstance(settings, dict) else {})


def project(data: object, shape: object) -> Any:
    """`data` (a context as plain values) cut to `shape`: the fields a version has, no more."""
    if isinstance(shape, dict):
        if not isinstance(data, dict):
            return data  # None (no canvass, no budget) or a value where an object was expected
        return {key: project(data.get(key), sub) for key, sub in shape.items()}
    if isinstance(shape, list):
        return [project(item, shape[0]) for item in data] if isinstance(data, list) else data
    return data


def legacy_digest(data: dict[str, object]) -> str:
    """A notice of version 0's digest, recomputed from today's context: over the fields it had."""
    return "sha256:" + hashlib.sha256(canonical(project(data, SHAPES[0])).encode("utf-8")).hexdigest()


# The words of a difference, translated when shown (the site shows them in Chinese whatever the language).
_WAS, _OBJECTION = N_("{fact} was {was}, the records now say {now}"), N_("objection {number}")
_NOTHING, _YES, _NO = N_("(nothing)"), N_("yes"), N_("no")
# An item named by a word of its own (a channel: 入户) is told apart by its list, as one channel
# is in both `channels` and `by_channel`; a meeting's item carries its own label and date.
_ITEM, _LABELLED = N_("{list} ({item})"), frozenset({"meetings", "earlier"})

Place = tuple[tuple[str, str], ...]  # (field, which item: 居民代表会议（2024-04-26）, an objection's number)


@dataclass(frozen=True)
class Difference:
    """One fact stated on a notice that the records now give otherwise."""

    where: Place
    field: str  # votes_for
    was: object
    now: object

    def fact(self, tr: Callable[[str], str] = _) -> str:
        """The fact in a reader's language: '居民代表会议（2024-04-26） / 同意人数'."""
        parts = []
        for key, item in self.where:
            if key == "objections":
                parts.append(tr(_OBJECTION).format(number=item))
            elif item and key not in _LABELLED:
                parts.append(tr(_ITEM).format(list=tr(FIELD_NAMES.get(key, key)), item=item))
            else:
                parts.append(item or tr(FIELD_NAMES.get(key, key)))
        parts.append(tr(FIELD_NAMES.get(self.field, self.field)))
        return " / ".join(parts)

    def sentence(self, tr: Callable[[str], str] = _) -> str:
        return tr(_WAS).format(fact=self.fact(tr), was=shown(self.was, tr), now=shown(self.now, tr))


def differences(shape: Shape, stated: dict[str, Any], now: object) -> list[Difference]:
    """Every fact from the records (`R` in the shape) stated otherwise than the records now give;
    `now` is the context as built (its dataclasses read as they are: no dict is built) or as plain values."""
    found: list[Difference] = []
    _compare(shape, stated, now, (), found)
    return found


def _get(value: object, key: str) -> Any:
    return value.get(key) if isinstance(value, dict) else getattr(value, key, None)


def _plain(value: object) -> Any:
    """A value of the context as a facts document holds it."""
    data = getattr(value, "data", None)
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)} if data is None else data()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _compare(shape: Shape, stated: Any, now: Any, where: Place, found: list[Difference]) -> None:
    leaves, nested = _compiled(shape)
    if leaves:
        was_all = tuple(map(stated.get, leaves))
        now_all = tuple(map(now.get, leaves)) if isinstance(now, dict) else tuple(getattr(now, k, None) for k in leaves)
        if was_all != now_all:  # rare: then find which (a check of a true notice never comes here)
            found += [Difference(where, key, was, _plain(is_)) for key, was, is_ in zip(leaves, was_all, now_all, strict=True) if was != is_]
    for key, sub in nested:
        was, is_ = stated.get(key), _get(now, key)
        if isinstance(sub, dict):
            if isinstance(was, dict) and is_ is not None and not isinstance(is_, (str, int, list)):
                _compare(sub, was, is_, (*where, (key, "")), found)
            elif project(was, sub) != project(_plain(is_), sub):
                found.append(Difference(where, key, project(was, sub), project(_plain(is_), sub)))  # the section whole, both ways
        elif isinstance(was, list) and isinstance(is_, list) and len(was) == len(is_):
            for item_was, item_now in zip(was, is_, strict=True):
                if isinstance(item_was, dict):
                    _compare(sub[0], item_was, item_now, (*where, (key, _which(item_was))), found)
        elif isinstance(was, list) and isinstance(is_, list) and _by_item(sub, was, [_plain(i) for i in is_], key, where, found):
            pass  # each item named: one that is no longer in the records, or new in them, by its label
        elif project(was, sub) != project(_plain(is_), sub):
            found.append(Difference(where, key, project(was, sub), project(_plain(is_), sub)))  # every item, both ways


_COMPILED: dict[int, tuple[tuple[str, ...], list[tuple[str, Any]]]] = {}


def _compiled(shape: Shape) -> tuple[tuple[str, ...], list[tuple[str, Any]]]:
    """A shape's compared leaves, read in one go, and its objects and lists (shapes never change)."""
    found = _COMPILED.get(id(shape))
    if found is None:
        leaves = tuple(k for k, sub in shape.items() if sub == R)
        found = _COMPILED[id(shape)] = (leaves, [(k, sub) for k, sub in shape.items() if isinstance(sub, (dict, list))])
    return found


def _by_item(sub: list[Shape], was: list[Any], now: list[Any], key: str, where: Place, found: list[Difference]) -> bool:
    """Lists of a different length, their items told apart by their labels (a meeting that no
    longer passes drops out of a notice's list): each item compared with its own, and one on
    one side only said by its label, not both lists whole. False when the labels do not tell
    the items apart: the lists are then said whole."""
    if not (isinstance(sub, list) and sub and all(isinstance(i, dict) for i in [*was, *now])):
        return False
    labels_was, labels_now = [_which(i) for i in was], [_which(i) for i in now]
    if "" in labels_was + labels_now or len(set(labels_was)) < len(was) or len(set(labels_now)) < len(now):
        return False
    for label, item in zip(labels_was, was, strict=True):
        if label in labels_now:
            _compare(sub[0], item, now[labels_now.index(label)], (*where, (key, label)), found)
        else:
            found.append(Difference(where, key, label, None))
    found += [Difference(where, key, None, label) for label in labels_now if label not in labels_was]
    return True


def _which(item: dict[str, Any]) -> str:
    """Which item of a list a fact belongs to, as the notice shows it."""
    if "label" in item:
        return f"{item.get('label')}（{item.get('date')}）"
    for key in ("number", "name", "id", "reason"):
        if key in item:
            return str(item.get(key))
    return ""


_CLAUSE, _SEPARATOR = N_("; "), N_(", ")  # as each language writes them (；，in Chinese)


def shown(value: object, tr: Callable[[str], str] = _) -> str:
    """A stated value as a clerk reads it, whole: a figure or a date as it is, text in quotes,
    a section as its facts by name, a list item by item, nothing as （无）."""
    if value is None or value == "" or value == [] or value == {}:
        return tr(_NOTHING)
    if isinstance(value, bool):
        return tr(_YES) if value else tr(_NO)
    if isinstance(value, dict):
        said = [f"{tr(FIELD_NAMES.get(str(k), str(k)))} {shown(v, tr)}" for k, v in value.items() if v not in (None, "", [], {})]
        return "{" + tr(_CLAUSE).join(said) + "}"
    if isinstance(value, list):
        return "[" + tr(_SEPARATOR).join(shown(v, tr) for v in value) + "]"
    text = value if isinstance(value, str) else canonical(value)
    if not isinstance(value, str) or _FIGURE.fullmatch(text):
        return text
    return f"“{text}”"


_FIGURE = re.compile(r"[\d.,:%—-]+")  # 2024-05-04, 93.1%, 186452.60
