"""The export JSON contract: an appraisal's data with every score as a number."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from appraisal.ranking import json_number
from appraisal.validation.checks import resolve_score

if TYPE_CHECKING:
    from appraisal.case import Appraisal


def export_dict(appraisal: Appraisal) -> dict[str, Any]:
    """The whole appraisal as the export JSON contract.

    ``{"title", "source", "scales", "criteria": [{"id", "name", "scale", "direction", "group"}],
    "options": [{"id", "name", "summary", "scores": {criterion: {"score", "rating",
    "rationale", "range"}}}]}``; ``score`` and ``range`` are numbers (labels resolved),
    ``score`` is null and ``not_scored`` gives the reason where an option leaves a criterion
    unscored.

    Examples
    --------
    >>> import appraisal
    >>> data = export_dict(appraisal.load("."))
    >>> data["options"][0]["scores"]["outcomes"]["score"]
    2
    """
    crit_out = [
        {
            "id": c.id,
            "name": c.name,
            "scale": c.scale,
            "direction": c.direction,
            "group": c.group,
            **({"description": c.description} if c.description else {}),
        }
        for c in appraisal.criteria
    ]
    options = []
    for o in appraisal.options:
        scores: dict[str, Any] = {}
        for c in appraisal.criteria:
            cell = o.scores[c.id]
            scale = appraisal.scales[c.scale]
            value = None if cell.score is None else resolve_score(cell.score, scale)[0]
            rng = None
            if cell.range is not None:
                rng = [_num(resolve_score(x, scale)[0]) for x in cell.range]
            entry: dict[str, Any] = {
                "score": _num(value),
                "rating": cell.rating,
                "rationale": cell.rationale,
                "range": rng,
            }
            if cell.not_scored is not None:
                entry["not_scored"] = cell.not_scored
            if cell.evidence:
                entry["evidence"] = list(cell.evidence)
            scores[c.id] = entry
        options.append({"id": o.id, "name": o.name, "summary": o.summary, "scores": scores})
    return {
        "title": appraisal.title,
        "source": appraisal.source,
        "scales": {k: v.model_dump(mode="json") for k, v in appraisal.scales.items()},
        "criteria": crit_out,
        "options": options,
    }


def _num(x: float | None) -> float | int | None:
    return None if x is None else json_number(x)
