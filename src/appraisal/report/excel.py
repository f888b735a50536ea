"""An Excel workbook of an appraisal, the way councils circulate them (the ``excel`` extra).

Text from the case is always stored as text: every string cell gets the string data type, so a
name such as ``=HYPERLINK("http://x", "click")`` (or one starting ``+``, ``-``, ``@``) is shown,
never evaluated as a formula. Characters a workbook cannot hold (C0 controls other than tab,
line feed and carriage return) are written as visible ``\\xNN`` escapes instead of failing the
export; a cell holds at most 32,767 characters, a comment is cut at 30,000.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from appraisal._extras import require
from appraisal._placeholders import shown
from appraisal.ranking import some_of

if TYPE_CHECKING:
    from appraisal.case import Appraisal

__all__ = ["safe_text", "workbook_bytes"]

# what openpyxl refuses (its ILLEGAL_CHARACTERS_RE): C0 controls except tab, LF and CR
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_CELL_MAX = 32_767


def safe_text(text: str, limit: int = _CELL_MAX) -> str:
    """``text`` with the characters a workbook cannot hold escaped, cut to ``limit`` characters.

    Examples
    --------
    >>> print(safe_text("bell" + chr(7)))
    bell\\x07
    """
    clean = _ILLEGAL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
    return clean[:limit]


def _append(sheet: Any, row: Sequence[Any]) -> None:
    """Append a row; every string is stored as text, never as a formula."""
    sheet.append([safe_text(v) if isinstance(v, str) else v for v in row])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"


def workbook_bytes(appraisal: Appraisal, weights: str | None = None) -> bytes:
    """The appraisal as an ``.xlsx`` file's bytes.

    Sheets: ``Scores`` (options in rows, criteria in columns, each cell's rating and rationale
    as a cell comment), ``Weights`` (every weight set), ``Ranking`` (under ``weights``) and
    ``Sensitivity`` (exact one-way stability intervals). Needs the ``excel`` extra (openpyxl).
    """
    openpyxl = require("openpyxl", "excel")
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font

    from appraisal.compare import weight_table
    from appraisal.report.export import export_dict

    data = export_dict(appraisal)
    book = openpyxl.Workbook()
    bold = Font(bold=True)

    sheet: Any = book.active
    sheet.title = "Scores"
    crit = data["criteria"]
    _append(sheet, ["option", "name", *(c["id"] for c in crit)])
    _append(sheet, ["", "criterion name", *(c["name"] for c in crit)])
    for option in data["options"]:
        row = [option["id"], option["name"]]
        row += [option["scores"][c["id"]]["score"] for c in crit]
        _append(sheet, row)
        r = sheet.max_row
        for j, c in enumerate(crit):
            cell = option["scores"][c["id"]]
            text = shown(cell["rationale"] or cell.get("not_scored") or "")
            if cell["rating"]:
                text = f"Rating: {cell['rating']}\n{text}"
            note = Comment(safe_text(text, 30_000), "appraisal")
            sheet.cell(row=r, column=3 + j).comment = note
    for cell in sheet[1] + sheet[2]:
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "C3"

    table = weight_table(appraisal).to_dict()["weight_sets"]
    ws: Any = book.create_sheet("Weights")
    _append(ws, ["criterion", *table])
    for c in crit:
        _append(ws, [c["id"], *(body["weights"][c["id"]] for body in table.values())])
    _append(ws, [])
    _append(ws, ["weight set", "method", "consistency ratio", "illustrative", "view", "rationale"])
    for name, body in table.items():
        _append(
            ws,
            [
                name,
                body["method"],
                body["consistency_ratio"],
                body["illustrative"],
                body["view"],
                body["rationale"],
            ],
        )
    for cell in ws[1]:
        cell.font = bold

    ranking = appraisal.rank(weights).to_dict()
    rs: Any = book.create_sheet("Ranking")
    _append(rs, [f"weights: {ranking['weight_set']}"])
    _append(rs, ["rank", "option", "name", "score (0-100)", "total"])
    for row in ranking["ranking"]:
        _append(rs, [row["rank"], row["option"], row["name"], row["score"], row["total"]])
    for entry in ranking["dominated"]:
        _append(rs, [f"{entry['option']} is dominated by {some_of(entry['by'])}"])
    for entry in ranking["screened_out"]:
        _append(rs, [f"screened out: {entry['option']} ({entry['reason']})"])
    for cell in rs[2]:
        cell.font = bold

    oneway = appraisal.oneway(weights).to_dict()
    ss: Any = book.create_sheet("Sensitivity")
    _append(
        ss, [f"top option: {oneway['top']}; most critical criterion: {oneway['most_critical']}"]
    )
    _append(
        ss,
        [
            "criterion",
            "weight",
            "top stable from",
            "top stable to",
            "ranking stable from",
            "ranking stable to",
            "crossovers that change the top",
        ],
    )
    for c in oneway["criteria"]:
        lo, hi = c["stability_interval"]
        rlo, rhi = c["ranking_stability_interval"]
        flips = "; ".join(
            f"{x['weight']:.3f}: {x['options'][1]} over {x['options'][0]}"
            for x in c["crossovers"]
            if x["top_changes"]
        )
        _append(ss, [c["criterion"], c["weight"], lo, hi, rlo, rhi, flips])
    for cell in ss[2]:
        cell.font = bold

    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
