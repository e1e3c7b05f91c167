"""Every rule row of DOMAIN.md §2 at n-1, n and n+1 of its boundary, in exact arithmetic."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from fourtwo.deliberation.rules import evaluate
from fourtwo.model.procedure import builtin
from fourtwo.model.rules import parse_fraction
from fourtwo.model.shares import holds, needed

RULESETS = builtin()[1]


def passes(ruleset: str, stage: str, **figures: int | Decimal) -> bool:
    [rule] = [r for r in RULESETS[ruleset].periods[0].rules if r.stage == stage]
    verdict = evaluate(rule, figures)
    assert not verdict.missing, verdict.missing
    return verdict.ok


def test_counting_words() -> None:
    # 以上 includes the bound; 过半数 excludes it.
    assert holds(Fraction(30), Fraction(45), Fraction(2, 3), "at_least")
    assert not holds(Fraction(20), Fraction(40), Fraction(1, 2), "more_than")
    assert needed(Fraction(34), Fraction(2, 3), "at_least", whole=True) == 23  # 22.67 people round up
    assert needed(Fraction(40), Fraction(1, 2), "more_than", whole=True) == 21
    assert needed(Fraction(41), Fraction(1, 2), "more_than", whole=True) == 21
    assert parse_fraction("80%") == Fraction(4, 5) and parse_fraction("2/3") == Fraction(2, 3)
    assert parse_fraction("3/2") is None and parse_fraction("1/0") is None and parse_fraction("abc") is None


# 村民代表会议 (第二十六条): attendance >= 2/3 of all members; passes with > 1/2 of those present.
@pytest.mark.parametrize(("members", "present", "ok"), [(45, 29, False), (45, 30, True), (45, 31, True), (34, 22, False), (34, 23, True), (34, 24, True)])
def test_villagers_representatives_quorum(members: int, present: int, ok: bool) -> None:
    assert passes("villagers_representatives", "quorum", members=members, present=present) is ok


@pytest.mark.parametrize(("votes", "ok"), [(15, False), (16, True), (17, True)])
def test_villagers_representatives_passing_counts_those_present(votes: int, ok: bool) -> None:
    assert passes("villagers_representatives", "passing", members=45, present=30, **{"for": votes}) is ok


@pytest.mark.parametrize(("votes", "ok"), [(22, False), (23, True), (24, True)])
def test_stricter_profile_counts_all_representatives(votes: int, ok: bool) -> None:
    assert passes("villagers_representatives_all_members", "passing", members=45, present=30, **{"for": votes}) is ok


# 村民会议 (第二十二条): adults > 1/2, OR household representatives >= 2/3; > 1/2 of those present.
@pytest.mark.parametrize(("present", "ok"), [(500, False), (501, True), (502, True)])
def test_villagers_meeting_quorum_by_adults(present: int, ok: bool) -> None:
    assert passes("villagers_meeting", "quorum", members=1000, present=present, households=300, households_present=10) is ok


@pytest.mark.parametrize(("households_present", "ok"), [(199, False), (200, True), (201, True)])
def test_villagers_meeting_quorum_by_households(households_present: int, ok: bool) -> None:
    assert passes("villagers_meeting", "quorum", members=1000, present=300, households=300, households_present=households_present) is ok


@pytest.mark.parametrize(("votes", "ok"), [(250, False), (251, True), (252, True)])
def test_villagers_meeting_passing(votes: int, ok: bool) -> None:
    assert passes("villagers_meeting", "passing", present=501, **{"for": votes}) is ok


# 村民小组会议 (第二十八条): >= 2/3 of adults or of households; > 1/2 of those present.
@pytest.mark.parametrize(("present", "households_present", "ok"), [(59, 0, False), (60, 0, True), (61, 0, True), (0, 19, False), (0, 20, True), (0, 21, True)])
def test_villager_group_meeting_quorum(present: int, households_present: int, ok: bool) -> None:
    assert passes("villager_group_meeting", "quorum", members=90, present=present, households=30, households_present=households_present) is ok


@pytest.mark.parametrize(("votes", "ok"), [(30, False), (31, True), (32, True)])
def test_villager_group_meeting_passing(votes: int, ok: bool) -> None:
    assert passes("villager_group_meeting", "passing", present=60, **{"for": votes}) is ok


# 党员大会 (支部工作条例 第十一条): 半数以上 (>= 1/2, counting words) of voting members present
# for the vote; for > 1/2 of those ENTITLED. Even sizes change at exactly half: n-1, n, n+1.
@pytest.mark.parametrize(("members", "present", "ok"), [(40, 19, False), (40, 20, True), (40, 21, True), (41, 20, False), (41, 21, True), (41, 22, True)])
def test_party_general_meeting_quorum_is_half_inclusive(members: int, present: int, ok: bool) -> None:
    assert passes("party_general_meeting", "quorum", members=members, present=present) is ok


@pytest.mark.parametrize(("votes", "ok"), [(20, False), (21, True), (22, True)])
def test_party_general_meeting_passing_counts_the_entitled(votes: int, ok: bool) -> None:
    # 20 for of 30 present is two thirds of the room, and still fails: the denominator is the 40 entitled.
    assert passes("party_general_meeting", "passing", members=40, present=30, **{"for": votes}) is ok


@pytest.mark.parametrize(("present", "ok"), [(29, False), (30, True), (31, True)])
def test_party_general_meeting_two_thirds_profile(present: int, ok: bool) -> None:
    assert passes("party_general_meeting_two_thirds", "quorum", members=45, present=present) is ok


# 支委会 (第十二条): 半数以上 (>= 1/2) of committee members; the majority rule is borrowed.
@pytest.mark.parametrize(("members", "present", "ok"), [(5, 2, False), (5, 3, True), (5, 4, True), (6, 2, False), (6, 3, True), (6, 4, True)])
def test_party_branch_committee_quorum_is_half_inclusive(members: int, present: int, ok: bool) -> None:
    assert passes("party_branch_committee", "quorum", members=members, present=present) is ok


@pytest.mark.parametrize(("members", "present", "ok"), [(8, 3, False), (8, 4, True), (8, 5, True)])
def test_party_committee_quorum_is_half_inclusive(members: int, present: int, ok: bool) -> None:
    assert passes("party_committee", "quorum", members=members, present=present) is ok


def test_the_party_rules_quote_the_regulations_text() -> None:
    from fourtwo.model.procedure import builtin

    _, rulesets = builtin()
    quorum = next(r for r in rulesets["party_general_meeting"].periods[0].rules if r.stage == "quorum")
    assert "表决必须有半数以上有表决权的党员到会方可进行" in quorum.basis
    branch = next(r for r in rulesets["party_branch_committee"].periods[0].rules if r.stage == "quorum")
    assert "支部委员会会议须有半数以上委员到会方可进行" in branch.basis


@pytest.mark.parametrize(("votes", "ok"), [(2, False), (3, True), (4, True)])
def test_party_branch_committee_passing(votes: int, ok: bool) -> None:
    assert passes("party_branch_committee", "passing", members=5, present=4, **{"for": votes}) is ok


# 居民会议 (城市居民委员会组织法 第九条): > 1/2 present; > 1/2 of those present.
@pytest.mark.parametrize(("present", "ok"), [(30, False), (31, True), (32, True)])
def test_residents_meeting_quorum(present: int, ok: bool) -> None:
    assert passes("residents_meeting", "quorum", members=60, present=present) is ok


@pytest.mark.parametrize(("votes", "ok"), [(15, False), (16, True), (17, True)])
def test_residents_meeting_passing(votes: int, ok: bool) -> None:
    assert passes("residents_meeting", "passing", members=60, present=31, **{"for": votes}) is ok


# 业主共同决定 (民法典 第二百七十八条): >= 2/3 of area AND of owners take part.
@pytest.mark.parametrize(
    ("area_present", "present", "ok"),
    [
        (Decimal("5999.99"), 200, False),
        (Decimal("6000.00"), 200, True),
        (Decimal("6000.01"), 200, True),
        (Decimal("9000"), 79, False),
        (Decimal("9000"), 80, True),
        (Decimal("9000"), 81, True),
    ],
)
def test_owners_quorum_needs_area_and_headcount(area_present: Decimal, present: int, ok: bool) -> None:
    for ruleset in ("owners_general", "owners_major"):
        assert passes(ruleset, "quorum", area=Decimal("9000.00"), area_present=area_present, members=120, present=present) is ok


@pytest.mark.parametrize(
    ("area_for", "votes", "ok"),
    [(Decimal("3000.00"), 51, False), (Decimal("3000.01"), 51, True), (Decimal("6000"), 50, False), (Decimal("6000"), 51, True), (Decimal("6000"), 52, True)],
)
def test_owners_general_passing_more_than_half_of_both(area_for: Decimal, votes: int, ok: bool) -> None:
    assert passes("owners_general", "passing", area_present=Decimal("6000.00"), area_for=area_for, present=100, **{"for": votes}) is ok


@pytest.mark.parametrize(
    ("area_for", "votes", "ok"),
    [
        (Decimal("4499.99"), 90, False),
        (Decimal("4500.00"), 90, True),
        (Decimal("4500.01"), 90, True),
        (Decimal("6000"), 74, False),
        (Decimal("6000"), 75, True),
        (Decimal("6000"), 76, True),
    ],
)
def test_owners_major_passing_three_quarters_of_both(area_for: Decimal, votes: int, ok: bool) -> None:
    assert passes("owners_major", "passing", area_present=Decimal("6000.00"), area_for=area_for, present=100, **{"for": votes}) is ok


def test_explanation_names_the_figures_and_the_basis() -> None:
    [rule] = [r for r in RULESETS["party_general_meeting"].periods[0].rules if r.stage == "quorum"]
    text = evaluate(rule, {"members": 40, "present": 19}).explain()
    assert text.startswith("present 19 of 40 members; needs at least 1/2 (20) — 中国共产党支部工作条例（试行）第十一条")


def test_either_of_explanation() -> None:
    [rule] = [r for r in RULESETS["villagers_meeting"].periods[0].rules if r.stage == "quorum"]
    text = evaluate(rule, {"members": 1000, "present": 400, "households": 300, "households_present": 150}).explain()
    assert "present 400 of 1000 members; households present 150 of 300 households" in text
    assert "needs more than 1/2 (501) of members or at least 2/3 (200) of households" in text


def test_missing_counts_are_named_unless_another_way_suffices() -> None:
    [rule] = [r for r in RULESETS["villagers_meeting"].periods[0].rules if r.stage == "quorum"]
    assert evaluate(rule, {"members": 1000, "present": 600}).ok  # adults alone are enough
    verdict = evaluate(rule, {"members": 1000, "present": 400})
    assert not verdict.ok and verdict.missing == ["households", "households_present"]
    [owners] = [r for r in RULESETS["owners_general"].periods[0].rules if r.stage == "quorum"]
    verdict = evaluate(owners, {"members": 100, "present": 90})
    assert not verdict.ok and verdict.missing == ["area", "area_present"]


# 居民代表会议: a rule set of its own (local: two thirds of its members convene it).
@pytest.mark.parametrize(("present", "ok"), [(39, False), (40, True), (41, True)])
def test_residents_representatives_quorum(present: int, ok: bool) -> None:
    assert passes("residents_representatives", "quorum", members=60, present=present) is ok


# 土地承包方案 (农村土地承包法 第十九条): two thirds of the 村民代表, or of the 村民会议's members, agree.
@pytest.mark.parametrize(("votes", "ok"), [(19, False), (20, True), (21, True)])
def test_land_contract_needs_two_thirds_of_the_representatives(votes: int, ok: bool) -> None:
    assert passes("land_contract_representatives", "passing", members=35, present=33, representatives=30, **{"for": votes}) is ok


@pytest.mark.parametrize(("votes", "ok"), [(599, False), (600, True), (601, True)])
def test_land_contract_by_villagers_counts_all_members(votes: int, ok: bool) -> None:
    # 600 of 900 adults agree: two thirds of all members, whatever the room (700 present).
    assert passes("land_contract_villagers", "passing", members=900, present=700, **{"for": votes}) is ok
