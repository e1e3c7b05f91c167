"""Rule sets: the named quorum and majority rules of each body (fourtwo/rulesets.yaml), in
periods where the law changed, and how a procedure's `rules:` becomes periods of rules."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from fourtwo.files import yamlio
from fourtwo.files.record import Record
from fourtwo.files.spec import Ctx, Field, Kind, ListOf, Str
from fourtwo.findings import Diagnostic, diag
from fourtwo.i18n import N_, T, Text, listing
from fourtwo.model import Located
from fourtwo.model.rules import PERIODS, RULE_LIST, DatedRules, Rule, RulePeriod, cite_of, period_problems, period_record, validate_rule


@dataclass(frozen=True)
class RulesKind(Kind):
    """`rules:` names a rule set (`party_general_meeting`), lists rules inline, or (`dated`)
    gives `periods:`, each with its own rules, for a body whose law changed."""

    expected = N_("a rule set's name or a list of rules")
    dated: bool = True

    def convert(self, node: yaml.Node, ctx: Ctx, key: str) -> Any:
        if isinstance(node, yaml.ScalarNode):
            return str(node.value).strip()
        if self.dated and isinstance(node, yaml.MappingNode):
            return DATED_RULES.convert(node, ctx, key)
        return RULE_LIST.convert(node, ctx, key)

    def json_schema(self) -> dict[str, Any]:
        forms = [{"type": "string"}, RULE_LIST.json_schema()]
        return {"anyOf": [*forms, DATED_RULES.json_schema()] if self.dated else forms}


DATED_RULES = Record(
    cls=DatedRules,
    title="rules by period",
    fields={"periods": Field(ListOf(period_record(RulesKind(dated=False))), "The rules in force in each period, in order", required=True)},
)


@dataclass(kw_only=True)
class RuleSet(Located):
    name: str
    rules: list[Rule]
    periods: list[RulePeriod]  # once loaded, always at least one (undated rules are one open period)
    cite: str
    whole: str  # the body's word for all its households (全村, 本组), given to each period


RULESET = Record(
    cls=RuleSet,
    title="rule set",
    fields={
        "name": Field(Str(), "Chinese name of the body", required=True),
        "rules": Field(RULE_LIST, "Its rules, when they have not changed over time", default=[]),
        "periods": Field(PERIODS, "Its rules in each period, where the law changed (from … until …)", default=[]),
        "cite": Field(Str(), "What a notice cites for a meeting judged by these rules; from the rules' basis when absent", default=""),
        "whole": Field(Str(), "The body's own word for all its households on a notice: 全村 (村民会议), 本组 (村民小组会议); 全体 when absent", default=""),
    },
)


def _dated(ruleset: RuleSet, name: str, ctx: Ctx) -> None:
    """A rule set as periods: its undated rules are one period open at both ends."""
    what = T("rule set '{name}'", name=name)
    if bool(ruleset.rules) == bool(ruleset.periods):
        ctx.findings.append(diag("FT415", ruleset.loc, what=what, problem=T("needs exactly one of rules or periods")))
    if not ruleset.periods:
        ruleset.periods = [RulePeriod(loc=ruleset.loc, start=None, end=None, rules=ruleset.rules, cite=ruleset.cite, whole=ruleset.whole)]
    for problem in period_problems(ruleset.periods):
        ctx.findings.append(diag("FT415", ruleset.at("periods"), what=what, problem=problem))
    for period in ruleset.periods:
        for rule in period.rules:
            validate_rule(rule, ctx)
        period.cite = period.cite or ruleset.cite or cite_of(period.rules)
        period.whole = period.whole or ruleset.whole


def load_rulesets(path: Path) -> tuple[dict[str, RuleSet], list[Diagnostic]]:
    doc, findings = yamlio.load(path, "rule sets")
    if doc is None:
        return {}, findings
    ctx = Ctx(path)
    sets: dict[str, RuleSet] = {}
    if not isinstance(doc.root, yaml.MappingNode):
        ctx.add("FT102", doc.root, key=T("the file"), expected=T("a mapping of rule set names"), found=T("something else"), hint=T("see docs/procedures.md"))
        return {}, findings + ctx.findings
    for key_node, value_node in doc.root.value:
        ruleset = RULESET.convert(value_node, ctx, str(key_node.value))
        if ruleset:
            _dated(ruleset, str(key_node.value), ctx)
            sets[str(key_node.value)] = ruleset
    return sets, findings + ctx.findings


def periods_of(holder: Located, written: Any, what: Text, rulesets: dict[str, RuleSet], findings: list[Diagnostic]) -> list[RulePeriod]:
    """A step's (or form's) rules as periods: a rule set's, rules written out (one open
    period), or periods written out, each naming a rule set without periods or listing rules."""
    if isinstance(written, list) and all(isinstance(p, RulePeriod) for p in written) and written:
        return written  # resolved already: a profile's step copied from its base
    ctx = Ctx(holder.loc.path)
    if isinstance(written, str):
        found = _named(written, rulesets, holder, what, findings)
        return found.periods if found else []
    if isinstance(written, DatedRules):
        periods = written.periods
        for period in periods:
            if isinstance(period.rules, str):
                found = _named(period.rules, rulesets, period, what, findings)
                if found is not None and len(found.periods) != 1:
                    findings.append(
                        diag("FT415", period.at("rules"), what=what, problem=T("a period names '{rules}', which has periods of its own", rules=period.rules))
                    )
                period.rules = found.periods[0].rules if found and len(found.periods) == 1 else []
                period.cite = period.cite or (found.periods[0].cite if found and found.periods else "")
                period.whole = period.whole or (found.periods[0].whole if found and found.periods else "")
            else:
                for rule in period.rules:
                    validate_rule(rule, ctx)
            period.cite = period.cite or cite_of(period.rules)
        findings += [diag("FT415", holder.at("rules"), what=what, problem=p) for p in period_problems(periods)]
        findings += ctx.findings
        return periods
    rules: list[Rule] = written if isinstance(written, list) else []
    for rule in rules:
        validate_rule(rule, ctx)
    findings += ctx.findings
    return [RulePeriod(loc=holder.loc, start=None, end=None, rules=rules, cite=cite_of(rules))] if rules else []


def _named(name: str, rulesets: dict[str, RuleSet], where: Located, what: Text, findings: list[Diagnostic]) -> RuleSet | None:
    found = rulesets.get(name)
    if found is None:
        findings.append(
            diag("FT415", where.at("rules"), what=what, problem=T("no rule set '{rules}' (known: {join})", rules=name, join=listing(sorted(rulesets))))
        )
    return found
