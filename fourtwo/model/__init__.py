"""The model: typed values built from the files people keep, each knowing where it came from."""

from __future__ import annotations

from dataclasses import dataclass, field

from fourtwo.findings import Loc


@dataclass(kw_only=True)
class Located:
    """Base of every model value: its own position and the position of each field."""

    loc: Loc
    locs: dict[str, Loc] = field(default_factory=dict, repr=False, compare=False)

    def at(self, attr: str) -> Loc:
        """Where a field's value is written; the record itself when the field is absent."""
        return self.locs.get(attr, self.loc)

    def key_at(self, attr: str) -> Loc:
        return self.locs.get(f"{attr}:key", self.at(attr))
