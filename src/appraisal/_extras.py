"""pandas DataFrames of every result (the ``pandas`` extra, imported only when asked for)."""

from __future__ import annotations

from typing import Any

from appraisal.errors import AppraisalError

__all__ = ["MissingExtraError", "install_hint", "require", "to_frame"]


class MissingExtraError(AppraisalError, ImportError):
    """An optional dependency is not installed; the message names the extra and how to add it."""


def install_hint(extra: str) -> str:
    """How to install one of the optional extras: the one place this wording lives.

    The distribution is not on PyPI yet (the name ``appraisal`` there is someone else's; ours
    will be ``options-appraisal``), so the hint installs from a checkout of the repository.

    Examples
    --------
    >>> install_hint("excel")
    "from the appraisal repository folder, run: python3 -m pip install '.[excel]'"
    """
    return f"from the appraisal repository folder, run: python3 -m pip install '.[{extra}]'"


def require(module: str, extra: str) -> Any:
    """Import an optional dependency, or raise :class:`MissingExtraError` naming its extra.

    Examples
    --------
    >>> require("json", "none").dumps(1)
    '1'
    """
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise MissingExtraError(
            f"{module.partition('.')[0]} is not installed; it comes with the {extra} extra: "
            f"{install_hint(extra)}."
        ) from exc


def _interval(pair: Any, i: int) -> Any:
    return None if pair is None else pair[i]


def to_frame(result: Any) -> Any:
    """A tidy ``pandas.DataFrame`` for any result object of the library.

    One row per option for rankings and SMAA, per criterion for weights and one-way analysis,
    per entry for tornado and score switching, per (weight set, option) for comparisons.

    Examples
    --------
    >>> import appraisal
    >>> df = appraisal.load(".").rank().to_frame()  # doctest: +SKIP
    >>> list(df.columns)  # doctest: +SKIP
    ['rank', 'name', 'score', 'total']
    """
    pd = require("pandas", "pandas")
    kind = type(result).__name__
    d = result.to_dict()
    if kind == "Ranking":
        frame = pd.DataFrame(d["ranking"]).set_index("option")
        return frame[["rank", "name", "score", "total"]]
    if kind == "Comparison":
        rows = [
            {"weight_set": s, "option": o["option"], "rank": o["ranks"][s], "score": o["scores"][s]}
            for s in d["weight_sets"]
            for o in d["options"]
        ]
        return pd.DataFrame(rows)
    if kind == "WeightTable":
        return pd.DataFrame({n: v["weights"] for n, v in d["weight_sets"].items()})
    if kind == "WeightVector":
        return pd.DataFrame({"weight": d["weights"]})
    if kind == "OneWayResult":
        rows = [
            {
                "criterion": c["criterion"],
                "weight": c["weight"],
                "stable_from": _interval(c["stability_interval"], 0),
                "stable_to": _interval(c["stability_interval"], 1),
                "ranking_stable_from": _interval(c["ranking_stability_interval"], 0),
                "ranking_stable_to": _interval(c["ranking_stability_interval"], 1),
                "delta": c.get("delta"),
                "delta_percent": c.get("delta_percent"),
                "new_top": c.get("challenger"),
            }
            for c in d["criteria"]
        ]
        return pd.DataFrame(rows).set_index("criterion")
    if kind == "TornadoResult":
        rows = [
            {
                "kind": e["kind"],
                "criterion": e["criterion"],
                "option": e.get("option"),
                "margin_low": e["low"]["margin_change"],
                "margin_high": e["high"]["margin_change"],
                "top_low": e["low"]["top"],
                "top_high": e["high"]["top"],
            }
            for e in d["entries"]
        ]
        return pd.DataFrame(rows)
    if kind == "ScoreSwitchingResult":
        return pd.DataFrame(d["cells"])
    if kind == "WeightDistanceResult":
        return (
            pd.DataFrame({"weight": d["weights"], "new_weight": d["new_weights"]})
            if d.get("new_weights")
            else pd.DataFrame({"weight": d["weights"]})
        )
    if kind == "SmaaResult":
        m = len(d["options"])
        frame = pd.DataFrame(
            [d["acceptability"][o] for o in d["options"]],
            index=pd.Index(d["options"], name="option"),
            columns=[f"b{r}" for r in range(1, m + 1)],
        )
        frame["confidence"] = [d["confidence"][o] for o in d["options"]]
        if "holistic" in d:
            frame["holistic"] = [d["holistic"][o] for o in d["options"]]
        return frame
    raise TypeError(f"no DataFrame form for {kind}")
