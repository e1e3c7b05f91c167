"""Coverage as the clerk reads it (text) and as tools read it (JSON)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from fourtwo.i18n import Term, _, ngettext
from fourtwo.model.coverage import Coverage, Tally
from fourtwo.model.procedure import Procedure
from fourtwo.model.shares import share
from fourtwo.model.visit import CHANNEL_NAMES, OPINION_NAMES

_OPINIONS = ("agree", "oppose", "abstain")


def _tally_rows(cov: Coverage, groups: dict[str, Tally], label: dict[str, str] | None = None, totals: bool = True) -> list[tuple[object, ...]]:
    rows = []
    for name in sorted(groups, key=_natural):
        t = groups[name]
        shown = (label or {}).get(name, name)
        figures = (t.total, t.visited, cov.percent(t.visited, t.total)) if totals else (t.visited,)
        rows.append((shown, *figures, *(t.opinions.get(o, 0) for o in _OPINIONS)))
    return rows


def _natural(text: str) -> tuple[object, ...]:

    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in re.split(r"(\d+)", text))


def tabulate(rows: Sequence[Sequence[object]], headers: Sequence[str], disable_numparse: bool = True) -> str:
    """The table laid out by tabulate (imported here: only a report with tables pays for it).
    A hand-written layout for plain cells was measured against it on 20,000 households: 7%
    of `canvass coverage`, under the 10% that would keep a second way to lay out a table."""
    from tabulate import tabulate as laid_out

    return laid_out(rows, headers=headers, disable_numparse=disable_numparse)


def as_text(title: str, register: str, cov: Coverage, missing: bool, procedure: Procedure | None = None) -> str:
    """The report a clerk reads; `procedure` names the step that froze the scope, if one did."""
    verdict = _("reached") if cov.reached else _("NOT reached: {n} more needed").format(n=max(cov.needed - cov.visited, 0))
    if cov.total == 0:
        verdict = _("NOT reached: no household is in scope")
    elif cov.carried:
        verdict = ngettext(
            "NOT reached: {n} household left out by its status alone carries it (record it with 'fourtwo canvass exclude')",
            "NOT reached: {n} households left out by their status alone carry it (record them with 'fourtwo canvass exclude')",
            cov.carried,
        ).format(n=cov.carried)
    reasons = "、".join(f"{reason}{n}" for reason, n in Counter(e.reason for e in cov.exclusions).items())
    excluded = _(" ({n} left out: {reasons})").format(n=cov.excluded, reasons=reasons) if cov.excluded else ""
    if cov.frozen_by:
        step = procedure.term_of(cov.frozen_by[0]) if procedure else Term(cov.frozen_by[0])
        excluded += _(", as frozen by '{step}' on {date}").format(step=step, date=cov.frozen_by[1])
    in_scope = ngettext("{register}: {total} household in scope{excluded}", "{register}: {total} households in scope{excluded}", cov.total)
    needed = ngettext("at least {share} = {needed} household: {verdict}", "at least {share} = {needed} households: {verdict}", cov.needed)
    fields = [
        (_("register"), in_scope.format(register=register, total=cov.total, excluded=excluded)),
        (_("visited"), _("{visited} of {total} = {percent} (exactly {visited}/{total})").format(visited=cov.visited, total=cov.total, percent=cov.percent())),
        (_("threshold"), needed.format(share=share(cov.threshold), needed=cov.needed, verdict=verdict)),
        (_("attempts"), _attempts(cov)),
        (_("counted"), _counted(cov)),
        (_("opinions"), _(", ").join(f"{OPINION_NAMES[o]} {cov.opinions.get(o, 0)}" for o in _OPINIONS)),
    ]
    latest, changed = cov.latest
    if any(channel not in cov.channels for channel, _o in latest) or changed:  # what notices print: every channel, each household's latest
        by_opinion = Counter(opinion for _c, opinion in latest.elements())
        fields.append(
            (
                _("latest"),
                _(", ").join(f"{OPINION_NAMES[o]} {by_opinion.get(o, 0)}" for o in _OPINIONS) + _(" (every channel, each household by its latest opinion)"),
            )
        )
    if changed:
        said = ngettext(
            "{n} household said otherwise after the visit that counts: {ids}", "{n} households said otherwise after the visit that counts: {ids}", len(changed)
        )
        fields.append((_("changed"), said.format(n=len(changed), ids=" ".join(changed))))
    if cov.outside:
        rows = ngettext(
            "{n} visit row names a household not in scope (see fourtwo check)",
            "{n} visit rows name households not in scope (see fourtwo check)",
            len(cov.outside),
        )
        fields.append((_("outside"), rows.format(n=len(cov.outside))))
    from wcwidth import wcswidth  # a Chinese label takes two columns

    width = max(wcswidth(label) for label, _text in fields) + 3  # the labels in a column
    lines = [title, "", *(label + " " * (width - wcswidth(label)) + text for label, text in fields)]
    heads = [_("households"), _("visited"), _("coverage"), "同意", "反对", "弃权"]
    lines += ["", tabulate(_tally_rows(cov, cov.by_building), headers=[_("building"), *heads], disable_numparse=True)]
    lines += ["", tabulate(_tally_rows(cov, cov.by_unit), headers=[_("unit"), *heads], disable_numparse=True)]
    lines += ["", tabulate(_tally_rows(cov, cov.by_worker, totals=False), headers=[_("worker"), _("visited"), "同意", "反对", "弃权"], disable_numparse=True)]
    lines += [
        "",
        tabulate(
            _tally_rows(cov, cov.by_channel, CHANNEL_NAMES, totals=False), headers=[_("channel"), _("visited"), "同意", "反对", "弃权"], disable_numparse=True
        ),
    ]
    if missing:
        lines += ["", _("still to visit ({n}):").format(n=len(cov.missing))]
        lines += [f"  {h.id}  {h.head}" for h in cov.missing]
    return "\n".join(lines)


def _attempts(cov: Coverage) -> str:
    """Households tried with nobody in, and how many of them were heard later another way."""
    n = cov.attempted_only
    said = ngettext("{n} household tried with nobody home (not counted)", "{n} households tried with nobody home (not counted)", n).format(n=n)
    if cov.attempted_heard_otherwise:
        said += _("; {n} of them heard later through a channel that does not count").format(n=cov.attempted_heard_otherwise)
    return said


def _counted(cov: Coverage) -> str:
    """Which channels count toward the rate, and each channel's households (a phone call is never 入户)."""
    channels = _(", ").join(CHANNEL_NAMES[c] for c in cov.channels)
    counted = _("{channels} only").format(channels=channels) if len(cov.channels) < len(CHANNEL_NAMES) else channels
    others = [f"{CHANNEL_NAMES[c]} {n}" for c, n in cov.households_by_channel.items() if c not in cov.channels]
    if others:
        households = sum(n for c, n in cov.households_by_channel.items() if c not in cov.channels)
        said = ngettext(
            "; not counted: {others} household ({n} heard only that way)", "; not counted: {others} households ({n} heard only that way)", households
        )
        counted += said.format(others=_(", ").join(others), n=cov.heard_elsewhere)
    return counted


def as_json(project_id: str, register: str, cov: Coverage, missing: bool) -> str:
    import json  # here: the text report does without it (start-up)

    def tallies(groups: dict[str, Tally], with_totals: bool = True) -> dict[str, Any]:
        return {
            k: {**({"households": v.total} if with_totals else {}), "visited": v.visited, "opinions": {o: v.opinions.get(o, 0) for o in _OPINIONS}}
            for k, v in groups.items()
        }

    doc: dict[str, Any] = {
        "version": 1,
        "project": project_id,
        "register": register,
        "households": cov.total,
        "excluded": cov.excluded,
        "exclusions": [{"household": e.household.id, "reason": e.reason, "date": e.date.isoformat() if e.date else None} for e in cov.exclusions],
        "scope_frozen_by": {"step": cov.frozen_by[0], "date": cov.frozen_by[1].isoformat() if cov.frozen_by[1] else None} if cov.frozen_by else None,
        "visited": cov.visited,
        "attempted_only": cov.attempted_only,
        "attempted_heard_otherwise": cov.attempted_heard_otherwise,
        "coverage": {"numerator": cov.visited, "denominator": cov.total, "percent": cov.percent()},
        "threshold": {"numerator": cov.threshold.numerator, "denominator": cov.threshold.denominator, "households_needed": cov.needed},
        "reached": cov.reached,
        "opinions": {o: cov.opinions.get(o, 0) for o in _OPINIONS},
        "by_building": tallies(cov.by_building),
        "by_unit": tallies(cov.by_unit),
        "by_worker": tallies(cov.by_worker, with_totals=False),
        "by_channel": tallies(cov.by_channel, with_totals=False),
        "outside_scope_rows": [v.row for v in cov.outside],
        "channels_counted": list(cov.channels),
        "households_by_channel": dict(cov.households_by_channel),
        "heard_only_through_channels_not_counted": cov.heard_elsewhere,
        "opinions_latest": {o: sum(n for (_c, opinion), n in cov.latest[0].items() if opinion == o) for o in _OPINIONS},
        "changed_after_visit": cov.latest[1],
    }
    if missing:
        doc["missing"] = [h.id for h in cov.missing]
    return json.dumps(doc, ensure_ascii=False, indent=2)


def coverage_report(project: Path, missing: bool, fmt: str) -> tuple[str, str, int]:
    """`canvass coverage`: the report, what to say first on stderr (rows not counted), and 0 at
    or above the threshold, 1 below; raises for a register or project that cannot be read."""
    from fourtwo.canvass.coverage import register_problem
    from fourtwo.findings import Severity
    from fourtwo.findings.errors import FindingsError, InputError
    from fourtwo.findings.printers import as_text as findings_text
    from fourtwo.findings.printers import display_path
    from fourtwo.i18n import T
    from fourtwo.pipeline import open_project

    model, judged, found, findings = open_project(project)
    register = model.register_path(found)
    broken = [f for f in findings if f.severity is Severity.ERROR and f.path == register]
    if broken:  # no coverage can be measured against a register that cannot be read
        raise FindingsError(broken)
    own = [f for f in findings if f.severity is Severity.ERROR and f.path.name == "canvass.csv"]
    cov = judged.coverage(found)
    if cov is None:
        raise InputError("FT504", project=found.id, folder=display_path(found.folder), why=register_problem(model, found) or T("it cannot be read"))
    named = found.data.households.register if found.data.households else ""
    if fmt == "json":
        text = as_json(found.id, named, cov, missing)
    else:
        text = as_text(f"{found.data.title} ({found.id})", named, cov, missing, model.procedure(found))
    return text, findings_text(own) if own else "", 0 if cov.reached else 1
