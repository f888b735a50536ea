"""What the drawings share, whoever draws them: colours, line styles, and the data a figure plots.

The SVG report (:mod:`appraisal.report.svg`) and the matplotlib plots (:mod:`appraisal.plot`)
draw the same figures from the same numbers and the same words; both take them from here, so
the plots need nothing from the report layer and the results nothing from either.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

#: The tornado shows this many entries (largest effect first).
TORNADO_LIMIT = 15


def lines_from_oneway(
    oneway: Mapping[str, Any],
    criterion: str,
    lines: Mapping[str, Mapping[str, Sequence[float]]] | None = None,
) -> dict[str, tuple[float, float]]:
    """``{option: (score at weight 0, score at weight 1)}`` for one criterion's sweep.

    From ``lines`` when it has the criterion, else from the one-way entry's ``lines``
    (intercepts and slopes in the order of the contract's ``options``).

    Examples
    --------
    >>> ow = {"options": ["a", "b"], "criteria": [{"criterion": "x",
    ...       "lines": {"intercept": [10.0, 50.0], "slope": [80.0, -20.0]}}]}
    >>> lines_from_oneway(ow, "x")
    {'a': (10.0, 90.0), 'b': (50.0, 30.0)}
    """
    if lines is not None and criterion in lines:
        return {o: (float(p[0]), float(p[1])) for o, p in lines[criterion].items()}
    entry: dict[str, Any] = next(
        (e for e in oneway.get("criteria", []) if e["criterion"] == criterion), {}
    )
    ab = entry.get("lines")
    if not ab:
        return {}
    return {
        o: (float(a), float(a) + float(b))
        for o, a, b in zip(oneway.get("options", []), ab["intercept"], ab["slope"], strict=True)
    }


def normalise_tornado(
    tornado: Mapping[str, Any] | Sequence[Mapping[str, Any]] | None,
    names: Mapping[str, str] | None = None,
    cnames: Mapping[str, str] | None = None,
    limit: int | None = TORNADO_LIMIT,
) -> list[dict[str, Any]]:
    """A tornado's bars as ``{"label", "low", "high", "base", "new_top"}``, largest first.

    Accepts the sensitivity module's contract (``entries`` of ``{"kind", "criterion",
    "option", "low": {"margin", "top"}, "high": {...}}`` around ``margin``, already sorted) or
    plain entries ``{"label", "low", "high", "base"}`` (sorted here by swing). ``names`` and
    ``cnames`` map option and criterion ids to the names shown.

    Examples
    --------
    >>> t = {"top": "a", "margin": 5.0, "entries": [{"kind": "weight", "criterion": "x",
    ...      "option": None, "low": {"margin": -1.0, "top": "b"}, "high": {"margin": 7.0,
    ...      "top": "a"}}]}
    >>> normalise_tornado(t)
    [{'label': 'Weight of x', 'low': -1.0, 'high': 7.0, 'base': 5.0, 'new_top': 'b'}]
    """
    if tornado is None:
        return []
    names, cnames = names or {}, cnames or {}
    entries = tornado.get("entries", []) if isinstance(tornado, Mapping) else tornado
    top = tornado.get("top") if isinstance(tornado, Mapping) else None
    out: list[dict[str, Any]] = []
    for e in entries:
        if isinstance(e.get("low"), Mapping):
            c = cnames.get(e["criterion"], e["criterion"])
            o = e.get("option")
            label = f"Weight of {c}" if o is None else f"{c} ({names.get(o, o)})"
            flips = [x["top"] for x in (e["low"], e["high"]) if x.get("top") not in (None, top)]
            out.append(
                {
                    "label": label,
                    "low": float(e["low"]["margin"]),
                    "high": float(e["high"]["margin"]),
                    "base": tornado.get("margin") if isinstance(tornado, Mapping) else None,
                    "new_top": ", ".join(names.get(f, f) for f in dict.fromkeys(flips)),
                }
            )
        else:
            out.append({**e, "new_top": e.get("new_top", "")})
    if not any(isinstance(e.get("low"), Mapping) for e in entries):
        out.sort(key=lambda e: -abs(float(e["high"]) - float(e["low"])))
    return out if limit is None else out[:limit]


#: Okabe-Ito colours, black last (for lines and categories).
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")

#: Line styles that tell options apart without colour.
DASHES = ("", "6 3", "2 3", "8 3 2 3", "12 4", "4 2 1 2", "1 2", "10 2 2 2 2 2")


def rgb(hex_colour: str) -> tuple[int, int, int]:
    h = hex_colour.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def ramp(stops: Sequence[str], x: float) -> str:
    """The colour at ``x`` in 0..1 along a ramp, interpolated linearly in RGB.

    Examples
    --------
    >>> ramp(("#000000", "#ffffff"), 0.5)
    '#808080'
    """
    x = min(1.0, max(0.0, float(x))) * (len(stops) - 1)
    i = min(int(x), len(stops) - 2)
    f = x - i
    a, b = rgb(stops[i]), rgb(stops[i + 1])
    return "#" + "".join(f"{round(p + (q - p) * f):02x}" for p, q in zip(a, b, strict=True))


def lighten(hex_colour: str, f: float) -> str:
    """``hex_colour`` mixed with white by fraction ``f``."""
    return ramp((hex_colour, "#ffffff"), f)


def side_meanings(weight_change: float) -> tuple[str, str]:
    """What "low" and "high" mean, worded once for the text table and the plot's legend.

    Examples
    --------
    >>> side_meanings(0.2)
    ('low: weight -20%, score 1 level lower', 'high: weight +20%, score 1 level higher')
    """
    pct = f"{100 * weight_change:g}%"
    return (
        f"low: weight -{pct}, score 1 level lower",
        f"high: weight +{pct}, score 1 level higher",
    )


def entry_label(criterion: str, option: str | None) -> str:
    """A tornado bar's label: ``"Weight of <criterion>"`` or ``"<criterion> (<option>)"``.

    The same wording as the reports' (:func:`appraisal.report._sections.normalise_tornado`),
    which put names in place of ids.

    Examples
    --------
    >>> entry_label("cost", None), entry_label("cost", "north-site")
    ('Weight of cost', 'cost (north-site)')
    """
    return f"Weight of {criterion}" if option is None else f"{criterion} ({option})"
