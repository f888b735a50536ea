"""An Excel workbook of an appraisal, the way councils circulate them (the ``excel`` extra)."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from .frames import require

if TYPE_CHECKING:
    from ..model import Appraisal

__all__ = ["workbook_bytes"]


def workbook_bytes(appraisal: Appraisal, weights: str | None = None) -> bytes:
    """The appraisal as an ``.xlsx`` file's bytes.

    Sheets: ``Scores`` (options in rows, criteria in columns, each cell's rating and rationale
    as a cell comment), ``Weights`` (every weight set), ``Ranking`` (under ``weights``) and
    ``Sensitivity`` (exact one-way stability intervals). Needs the ``excel`` extra (openpyxl).
    """
    openpyxl = require("openpyxl", "excel")
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font

    from ..compare import weight_table
    from .export import export_dict

    data = export_dict(appraisal)
    book = openpyxl.Workbook()
    bold = Font(bold=True)

    sheet: Any = book.active
    sheet.title = "Scores"
    crit = data["criteria"]
    sheet.append(["option", "name", *(c["id"] for c in crit)])
    sheet.append(["", "criterion name", *(c["name"] for c in crit)])
    for option in data["options"]:
        row = [option["id"], option["name"]]
        row += [option["scores"][c["id"]]["score"] for c in crit]
        sheet.append(row)
        r = sheet.max_row
        for j, c in enumerate(crit):
            cell = option["scores"][c["id"]]
            text = cell["rationale"] or cell.get("not_scored") or ""
            if cell["rating"]:
                text = f"Rating: {cell['rating']}\n{text}"
            sheet.cell(row=r, column=3 + j).comment = Comment(text[:30000], "appraisal")
    for cell in sheet[1] + sheet[2]:
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "C3"

    table = weight_table(appraisal).to_dict()["weight_sets"]
    ws: Any = book.create_sheet("Weights")
    ws.append(["criterion", *table])
    for c in crit:
        ws.append([c["id"], *(body["weights"][c["id"]] for body in table.values())])
    ws.append([])
    ws.append(["weight set", "method", "consistency ratio", "illustrative", "view", "rationale"])
    for name, body in table.items():
        ws.append(
            [
                name,
                body["method"],
                body["consistency_ratio"],
                body["illustrative"],
                body["view"],
                body["rationale"],
            ]
        )
    for cell in ws[1]:
        cell.font = bold

    ranking = appraisal.rank(weights).to_dict()
    rs: Any = book.create_sheet("Ranking")
    rs.append([f"weights: {ranking['weight_set']}"])
    rs.append(["rank", "option", "name", "score (0-100)", "total"])
    for row in ranking["ranking"]:
        rs.append([row["rank"], row["option"], row["name"], row["score"], row["total"]])
    for entry in ranking["dominated"]:
        rs.append([f"{entry['option']} is dominated by {', '.join(entry['by'])}"])
    for entry in ranking["screened_out"]:
        rs.append([f"screened out: {entry['option']} ({entry['reason']})"])
    for cell in rs[2]:
        cell.font = bold

    oneway = appraisal.oneway(weights).to_dict()
    ss: Any = book.create_sheet("Sensitivity")
    ss.append([f"top option: {oneway['top']}; most critical criterion: {oneway['most_critical']}"])
    ss.append(
        [
            "criterion",
            "weight",
            "top stable from",
            "top stable to",
            "ranking stable from",
            "ranking stable to",
            "crossovers that change the top",
        ]
    )
    for c in oneway["criteria"]:
        lo, hi = c["stability_interval"]
        rlo, rhi = c["ranking_stability_interval"]
        flips = "; ".join(
            f"{x['weight']:.3f}: {x['options'][1]} over {x['options'][0]}"
            for x in c["crossovers"]
            if x["top_changes"]
        )
        ss.append([c["criterion"], c["weight"], lo, hi, rlo, rhi, flips])
    for cell in ss[2]:
        cell.font = bold

    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
