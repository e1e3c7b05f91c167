"""The door-to-door form (`fourtwo canvass sheet`): A4 HTML to print, and an XLSX to fill in.

Both are internal documents for grid workers (they show names and phones, which a
public notice never does) and say so on the page. The XLSX reads back with
`fourtwo canvass import`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from io import BytesIO
from itertools import groupby
from pathlib import Path

from fourtwo.canvass.coverage import DEFAULT_THRESHOLD, households_in_scope
from fourtwo.findings.errors import InputError
from fourtwo.i18n import T, listing
from fourtwo.judge import Judgement
from fourtwo.model.household import Household
from fourtwo.model.project import Project
from fourtwo.model.shares import share

XLSX_HEADER = ("楼栋", "单元", "房号", "户号", "户主", "联系电话", "意见", "签名", "日期", "走访人", "方式", "备注")
INTERNAL = "内部资料　仅供网格员入户使用　请勿张贴、外传"


@dataclass
class Unit:
    name: str
    households: list[Household] = field(default_factory=list)


@dataclass
class Building:
    name: str
    units: list[Unit] = field(default_factory=list)


def _natural(text: str) -> tuple[object, ...]:
    """'2' before '10', as people number buildings and rooms."""
    import re

    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", text))


def grouped(households: list[Household]) -> list[Building]:
    ordered = sorted(households, key=lambda h: (_natural(h.building), _natural(h.unit), _natural(h.room), h.id))
    buildings = []
    for b, in_building in groupby(ordered, key=lambda h: h.building):
        building = Building(f"{b}号楼" if b.isdigit() else (b or "—"))
        for u, in_unit in groupby(in_building, key=lambda h: h.unit):
            building.units.append(Unit(f"{u}单元" if u.isdigit() else u, list(in_unit)))
        buildings.append(building)
    return buildings


@dataclass(frozen=True)
class Selection:
    """Which households a form is printed for: some buildings, those not yet heard, one worker's."""

    buildings: tuple[str, ...] = ()
    missing: bool = False  # only the households not yet heard (a second round)
    worker: str = ""  # written on the form, and in the 走访人 column of the workbook


def stem(project: Project, selection: Selection) -> str:
    """The default name of a form: the folder's (never the id a file may claim: ../..), then its
    selection, so a second round or a worker's round never takes the first round's name (a
    workbook may hold opinions typed in and not yet imported)."""
    parts = [f"canvass-{project.folder.name}"]
    parts += ["missing"] * selection.missing + [_safe(_building_key(b)) for b in sorted(set(selection.buildings), key=_natural)] + [_safe(selection.worker)]
    return "-".join(p for p in parts if p)


def _safe(word: str) -> str:
    """A word as a part of a file name: letters, digits and Chinese kept, anything else (/ .. :) a '_'."""
    return re.sub(r"[^\w]+", "_", word, flags=re.UNICODE).strip("_")


def _building_key(name: str) -> str:
    """'3', '3号楼', '３栋' and '3幢' name one building."""
    import re
    import unicodedata

    return re.sub(r"(号楼|号|栋|幢|楼)$", "", unicodedata.normalize("NFKC", name).strip())


def chosen(judged: Judgement, project: Project, selection: Selection) -> list[Household]:
    """The households the form is for, in scope; InputError for a building the register does not have."""
    households = households_in_scope(judged.model, project)
    if selection.buildings:
        known = {_building_key(h.building) for h in households}
        wanted = {_building_key(b) for b in selection.buildings}
        unknown = sorted(wanted - known)
        if unknown:
            names = sorted(known, key=_natural)
            listed = listing(names)
            raise InputError("FT905", what="--building", value=unknown[0], hint=T("buildings of the register: {value}", value=listed))
        households = [h for h in households if _building_key(h.building) in wanted]
    if selection.missing:
        cov = judged.coverage(project)
        heard = {h.id for h in households} - {h.id for h in cov.missing} if cov else set()
        households = [h for h in households if h.id not in heard]
    return households


PHONE_WIDTH = 18  # characters the form's 联系电话 column holds on one line: "0571-88886666-8012"
_SEPARATOR = re.compile(r"([/／,，;；、]+)")


def _digits(text: str) -> int:
    return sum(c.isdigit() for c in text)


def phone_parts(phone: str) -> list[tuple[str, bool]]:
    """A phone cell as (part, whole): the numbers it holds, each with its separator, so a printed
    form wraps between two numbers but never inside one (not at its hyphen, not after '+86 ').

    A space parts two numbers only where both sides hold a number's worth of digits (7): so
    '+86 139 0013 9002' stays one. whole is False for a part longer than the column holds,
    which is no number and may wrap rather than run into the tick boxes beside it."""
    parts: list[str] = []
    for piece in _SEPARATOR.split(phone.strip()):
        if _SEPARATOR.fullmatch(piece) and parts:
            parts[-1] += piece
            continue
        for chunk in piece.split():
            if parts and (_digits(parts[-1]) < 7 or _digits(chunk) < 7) and not _SEPARATOR.search(parts[-1][-1:]):
                parts[-1] += " " + chunk
            else:
                parts.append(chunk)
    return [(part, len(part) <= PHONE_WIDTH) for part in parts]


def _context(judged: Judgement, project: Project, households: list[Household], selection: Selection) -> dict[str, object]:
    model = judged.model
    proc = model.procedure(project)
    step = next((s for s in proc.steps if s.kind == "canvass"), None) if proc else None
    budget = project.data.budget.amount if project.data.budget else None
    return {
        "title": project.data.title or project.id,
        "project_id": project.id,
        "folder": project.folder.name,
        "organisation": model.workspace.settings.organisation.name or "",
        "matter": " ".join((project.data.matter or "").split()),
        "budget": f"{budget:,.2f}元" if budget is not None else "",
        "funding": project.data.budget.funding if project.data.budget else "",
        "total": len(households),
        "threshold": share(step.threshold if step and step.threshold else DEFAULT_THRESHOLD),
        "today": model.workspace.today(),
        "buildings": grouped(households),
        "phones": {h.id: phone_parts(h.phone) for h in households},
        "worker": selection.worker,
        "missing": selection.missing,
        "xlsx": f"{stem(project, selection)}.xlsx",
    }


def sheet_html(judged: Judgement, project: Project, selection: Selection = Selection()) -> str:
    from fourtwo.render import render

    households = chosen(judged, project, selection)
    return render("canvass_sheet.html.j2", _context(judged, project, households, selection), judged.model.workspace.root)


def sheet_xlsx(judged: Judgement, project: Project, selection: Selection = Selection()) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.worksheet.worksheet import Worksheet

    households = chosen(judged, project, selection)
    context = _context(judged, project, households, selection)
    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)  # a new workbook's one sheet
    sheet.title = "入户意见"
    sheet.append([f"{context['title']}入户征求意见表"])
    sheet.append([INTERNAL])
    sheet.append(list(XLSX_HEADER))
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A2"].font = Font(bold=True, color="BB0000")
    for cell in sheet[3]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center")
    for building in context["buildings"]:  # type: ignore[attr-defined]
        for unit in building.units:
            for h in unit.households:
                sheet.append([h.building, h.unit, h.room, h.id, h.head, h.phone, "", "", "", selection.worker, "", ""])
                for cell in sheet[sheet.max_row]:
                    if isinstance(cell.value, str):
                        cell.data_type = "s"  # text stays text: a name starting with '=' is no formula
    last = sheet.max_row
    choices = DataValidation(
        type="list", formula1='"同意,反对,弃权,未遇"', allow_blank=True, showErrorMessage=True, error="请从下拉列表中选择：同意、反对、弃权或未遇"
    )
    choices.add(f"G4:G{max(last, 4)}")
    channels = DataValidation(
        type="list", formula1='"入户,电话,书面,代录"', allow_blank=True, showErrorMessage=True, error="请从下拉列表中选择：入户、电话、书面或代录"
    )
    channels.add(f"K4:K{max(last, 4)}")
    sheet.add_data_validation(choices)
    sheet.add_data_validation(channels)
    for column, width in zip("ABCDEFGHIJKL", (6, 6, 8, 12, 10, 14, 8, 10, 12, 10, 8, 20), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A4"
    sheet.print_title_rows = "3:3"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    footer = sheet.oddFooter
    if footer is not None and footer.center is not None:
        footer.center.text = INTERNAL
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def write_sheets(judged: Judgement, project: Project, out: Path | None, selection: Selection = Selection(), force: bool = False) -> list[Path]:
    """Write the form: to `out` (its suffix picks HTML or XLSX), or both beside the current
    folder. A form already there is refused unless `force`: its workbook may hold opinions typed
    in and not yet imported."""
    from fourtwo.files.atomic import atomic_write_bytes, make_dirs
    from fourtwo.files.outdir import among_records

    targets: list[Path]
    name = stem(project, selection)
    if out is None:
        targets = [Path(f"{name}.html"), Path(f"{name}.xlsx")]
    elif out.suffix.lower() in (".html", ".htm", ".xlsx"):
        targets = [out]
    else:
        targets = [out / f"{name}.html", out / f"{name}.xlsx"]
    for path in targets:  # internal (names, phones): never among a project's records, nor in git
        why = among_records(path, projects_only=True)
        if why:
            raise InputError("FT013", path=path, why=why)
    there = [path for path in targets if path.exists()]
    if there and not force:
        raise InputError("FT803", path=there[-1], project=project.folder.name)
    for path in targets:
        data = sheet_xlsx(judged, project, selection) if path.suffix.lower() == ".xlsx" else sheet_html(judged, project, selection).encode("utf-8")
        if path.parent and not path.parent.exists():
            make_dirs(path.parent)
        atomic_write_bytes(path, data)
    return targets
