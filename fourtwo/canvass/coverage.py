"""Canvass coverage: households contacted against the households in scope, decided exactly.

A household counts as visited when it has a contact (an opinion heard); its opinion is
that of its latest contact. Rows saying nobody was home are attempts: they never
count, and never undo an earlier contact. The threshold is inclusive (入户率达到80%以上):
visited * q >= p * total, in integers. An empty scope never passes.

The scope is the register's households (in the project's buildings) less those left out:
by their status in the register (`exclude_status`, undated) or by an exclusion recorded
with its reason and date. Once a step after the canvass has used its rate, the scope it
used is frozen in that step's record and the canvass is judged against it from then on.
Households left out by an undated status must not be what carries the rate over the
threshold: nobody can tell whether that was decided before the canvass or after it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from fractions import Fraction
from itertools import compress
from operator import and_, attrgetter, itemgetter, not_
from typing import cast

from fourtwo.files.reading import not_a_file
from fourtwo.findings.errors import InputError
from fourtwo.findings.printers import display_path
from fourtwo.i18n import T, Text
from fourtwo.model.coverage import Coverage, Exclusion
from fourtwo.model.household import Household, Register
from fourtwo.model.loaded import Model
from fourtwo.model.project import Project, RegisterRef
from fourtwo.model.scope import Excluded, FrozenScope
from fourtwo.model.shares import holds
from fourtwo.model.visit import CHANNELS, CONTACTS, Visit, Visits

DEFAULT_THRESHOLD = Fraction(4, 5)


def scope_test(ref: RegisterRef | None) -> Callable[[str, str], str]:
    """For a household's building and status: '' when in scope, else 'building' or 'status'."""
    buildings = set(ref.buildings) if ref and ref.buildings else None
    exclude = set(ref.exclude_status) if ref else set()

    def test(building: str, status: str) -> str:
        if buildings is not None and building not in buildings:
            return "building"
        return "status" if status and status in exclude else ""

    return test


def in_scope(register: Register, ref: RegisterRef | None, exclusions: Sequence[Excluded] = ()) -> tuple[list[Household], list[Exclusion]]:
    """The households a project concerns: its buildings, less those left out by a recorded
    exclusion (the first recorded for a household counts; a withdrawn one never) or, undated,
    by their status."""
    dated: dict[str, Excluded] = {}
    for e in exclusions:
        if not e.withdrawn:
            dated.setdefault(e.household, e)
    if not dated and (not ref or not (ref.buildings or ref.exclude_status)):
        return list(register.households), []
    test = scope_test(ref)
    scope, excluded = [], []
    for h in register.households:
        why = test(h.building, h.status)
        if why == "building":
            continue
        if h.id in dated:  # recorded with its reason and day: that, even where its status leaves it out too
            excluded.append(Exclusion(h, dated[h.id].reason, dated[h.id].date))
        elif why == "status":
            excluded.append(Exclusion(h, h.status, None))
        else:
            scope.append(h)
    return scope, excluded


def left_out(project: Project, household: str, status: str | None) -> tuple[Text, Text] | None:
    """Why a household of the register (`status`: its status there, None when not known) is out
    of the canvass's scope though in the project's buildings, and what to do if that is wrong:
    a recorded exclusion, or its status."""
    exclusion = next((e for e in project.data.exclusions if e.household == household and not e.withdrawn), None)
    if exclusion is not None:
        return T("it is left out ({reason}, since {date})", reason=exclusion.reason, date=exclusion.date or "—"), T(
            "if it was left out by mistake, withdraw that first: fourtwo correct exclusion {project} {household} --withdraw --reason …",
            project=display_path(project.folder),
            household=household,
        )
    ref = project.data.households
    if status and ref is not None and status in ref.exclude_status:
        why = T("its status in the register ({status}) leaves it out", status=status)
        return why, T("if its status is wrong, correct the register; households of that status are out of scope")
    return None


def in_buildings(register: Register, ref: RegisterRef | None) -> set[str]:
    """The ids of the register's households in the project's buildings, whatever their status."""
    test = scope_test(ref)
    return {h.id for h in register.households if test(h.building, "") != "building"}


def frozen_scope(register: Register | None, frozen: FrozenScope) -> tuple[list[Household], list[Exclusion]]:
    """The scope as a step froze it: its households as the register has them now, or by id
    alone where the register no longer has them (a household removed since still counts)."""
    known = register.by_id if register else {}
    found = list(map(known.get, frozen.ids))
    scope = [h or _unlisted(i) for h, i in zip(found, frozen.ids, strict=True)] if None in found else cast(list[Household], found)  # one removed since
    return scope, [Exclusion(known.get(e.household) or _unlisted(e.household), e.reason, e.date) for e in frozen.excluded]


def _unlisted(household: str) -> Household:
    return Household(household, "", "", "", "", "", None, "", 0)


_ID = attrgetter("id")
_CONTACT = frozenset(CONTACTS).__contains__
_FIRST, _SECOND = itemgetter(0), itemgetter(1)


def heard_by(visits: Visits, household: str) -> Visit | None:
    """The first visit that heard `household` (an opinion, by any channel), whatever its day:
    leaving it out takes its opinion out of the counts (FT620), be the exclusion dated before
    the visit or after it."""
    heard = [v for v in visits if v.household == household and v.contact]
    return min(heard, key=lambda v: (v.date, v.row)) if heard else None


def counting_visits(visits: Visits, ids: frozenset[str]) -> tuple[list[int], dict[str, int], set[str]]:
    """For the households in `ids`: the rows of every contact in date order, the row of each
    household's counting contact (the latest by date, then by row), and those only attempted."""
    households, dates = visits.household, visits.date
    contact = list(map(_CONTACT, visits.opinion))
    known = contact if ids.issuperset(households) else map(and_, map(ids.__contains__, households), contact)
    contacts = list(compress(range(len(visits)), known))
    if len(visits.days) > 1:  # one day (often) is in order already
        contacts.sort(key=dates.__getitem__)  # stable: rows of one day stay in file order, the last written wins
    latest = dict(zip(map(households.__getitem__, contacts), contacts, strict=True))
    attempted = set(compress(households, map(not_, contact))) & ids if False in contact else set()
    return contacts, latest, attempted - latest.keys()


def reached(table: Visits, ids: frozenset[str]) -> tuple[Counter[str], set[str]]:
    """Households in `ids` heard through each channel, and every household heard at all: over
    whole columns (zip, compress, itemgetter in C; a Python loop took a fifth of check on
    20,000-visit projects). A test holds it to the row-by-row loop it replaces."""
    contact = map(_CONTACT, table.opinion)
    known = contact if ids.issuperset(table.household) else map(and_, map(ids.__contains__, table.household), contact)
    pairs = set(compress(zip(table.household, table.channel, strict=True), known))
    return Counter(map(_SECOND, pairs)), set(map(_FIRST, pairs))


def compute(
    register: Register | None,
    ref: RegisterRef | None,
    visits: Sequence[Visit],
    threshold: Fraction | None,
    channels: Sequence[str] = CHANNELS,
    exclusions: Sequence[Excluded] = (),
    frozen: FrozenScope | None = None,
) -> Coverage:
    """Counted with Counters over whole columns: 20,000 households take a few milliseconds.

    Only contacts through `channels` count (the procedure says which: 入户率 counts visits
    at home); each channel's figure is kept, so a report shows what did not count. Against
    the `frozen` scope when a step has frozen it, else against the register as it is."""
    table = Visits.of(visits)
    if frozen is not None:
        scope, excluded = frozen_scope(register, frozen)
        ids = frozenset(map(_ID, scope))
        on_register = ids | {e.household.id for e in excluded} | (register.ids if register else frozenset())  # on it then, or now
    elif register is not None:
        scope, excluded = in_scope(register, ref, exclusions)
        on_register = register.ids
        ids = on_register if len(scope) == len(register.households) else frozenset(map(_ID, scope))
    else:
        raise ValueError("a canvass is counted against a register or a frozen scope")
    counted_channels = tuple(c for c in CHANNELS if c in channels)
    wanted = frozenset(counted_channels)
    counted = table if wanted.issuperset(table.channel) else table.take(compress(range(len(table)), map(wanted.__contains__, table.channel)))
    every, contacts, attempted = counting_visits(counted, ids)
    by_channel, heard_at_all = reached(table, ids)
    elsewhere = heard_at_all - contacts.keys()  # heard, but only through channels that do not count
    found = list(map(contacts.__contains__, map(_ID, scope)))  # over whole columns in C, as above
    visited = found.count(True)
    outside = (
        Visits()
        if on_register.issuperset(table.household)
        else table.take(compress(range(len(table)), map(not_, map(on_register.__contains__, table.household))))
    )
    unscoped: Sequence[Visit] = ()
    if frozen is not None:  # on the register now, in no scope then (nor left out then): a row that counts for nothing
        known = ids | {e.household.id for e in excluded}
        if not known.issuperset(table.household):
            unscoped = table.take(i for i, h in enumerate(table.household) if h not in known and h in on_register)
    threshold = threshold or DEFAULT_THRESHOLD
    return Coverage(
        unscoped=unscoped,
        total=len(scope),
        visited=visited,
        attempted_only=len(attempted),  # tried at home and heard by phone later: still tried at home
        attempted_heard_otherwise=len(attempted & elsewhere),
        threshold=threshold,
        outside=outside,
        excluded=len(excluded),
        exclusions=excluded,
        carried=_carried(counted, excluded, visited, len(scope), threshold),
        last_contact=counted.date[every[-1]] if every else None,  # over every counted contact, not just each household's latest
        first_contact=counted.date[every[0]] if every else None,
        last_contact_row=(counted.household[every[-1]], counted.row[every[-1]]) if every else None,
        scope=scope,
        visits=counted,
        contacts=contacts,
        found=found,
        channels=counted_channels,
        households_by_channel={c: by_channel[c] for c in CHANNELS if by_channel[c]},
        heard_elsewhere=len(elsewhere),
        every_channel=table,
    )


def _carried(counted: Visits, excluded: list[Exclusion], visited: int, total: int, threshold: Fraction) -> int:
    """How many households left out by an undated status carry the rate over the threshold:
    the rate is reached without them in scope, and would not be with them (0 otherwise)."""
    undated = [e.household.id for e in excluded if e.date is None]
    if not undated or not total or not holds(visited, total, threshold, "at_least"):
        return 0
    _, heard, _ = counting_visits(counted, frozenset(undated))
    return 0 if holds(visited + len(heard), total + len(undated), threshold, "at_least") else len(undated)


def register_problem(model: Model, project: Project) -> str | Text:
    """Why the project has no usable register, in words for FT504 ('' when it has one)."""
    path = model.register_path(project)
    if path is None:
        return T("project.yaml names none under 'households: register:'")
    shown = project.data.households.register if project.data.households else str(path)
    if not path.is_relative_to(model.workspace.root):  # resolved when found
        return T("{path} is outside the workspace", path=shown)
    if not path.is_file():
        return not_a_file(path, shown)
    register = model.registers.get(path)
    if register is None:
        return T("{path} was not read", path=shown)
    if not register.households:
        if register.problem:
            return T("{path} has no household that could be read ({problem})", path=shown, problem=register.problem)
        return T("{path} has no household that could be read", path=shown)
    return ""


def households_in_scope(model: Model, project: Project) -> list[Household]:
    """The households the project concerns; InputError without a register that can be read."""
    register = model.register(project)
    if register is None or not register.households:
        raise InputError("FT504", project=project.id, folder=display_path(project.folder), why=register_problem(model, project) or T("it cannot be read"))
    return in_scope(register, project.data.households, project.data.exclusions)[0]
