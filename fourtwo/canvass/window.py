"""When a canvass runs: from the last step recorded before it to the first recorded after it.

Visits outside that window do not count, nor those dated after today (and `fourtwo check`
says so, FT510): check, coverage and every notice count the same visits.
"""

from __future__ import annotations

import datetime as dt

from fourtwo.model.procedure import Procedure
from fourtwo.model.project import Project
from fourtwo.model.visit import Visits

Window = tuple[dt.date | None, dt.date | None]


def canvass_window(procedure: Procedure | None, project: Project) -> Window:
    """The first and last day a visit may count (None: open on that side)."""
    if procedure is None:
        return None, None
    at = next((i for i, s in enumerate(procedure.steps) if s.kind == "canvass"), -1)
    before = {s.id for s in procedure.steps[:at]}
    after = {s.id for s in procedure.steps[at + 1 :]}
    records = project.data.steps
    opens = max((r.date for r in records if r.step in before and r.date), default=None)
    closes = min((r.date for r in records if r.step in after and r.date), default=None)
    return opens, closes


def outside(window: Window, visits: Visits, today: dt.date) -> set[dt.date]:
    """The days among these visits' that fall outside the window or after today (a canvass has few days)."""
    opens, closes = window
    return {d for d in visits.days if (opens is not None and d < opens) or (closes is not None and d > closes) or d > today}
