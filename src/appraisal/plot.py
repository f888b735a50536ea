"""matplotlib plots of the result contracts (needs the ``plot`` extra).

Each function takes a JSON contract (a plain dict), draws on ``ax`` (a new figure when None)
and returns the Axes, so results can offer them as ``.plot()`` methods. matplotlib is imported
only when a function is called; without it the call raises
:class:`~appraisal._extras.MissingExtraError` (an ImportError) with the install hint.
Colours are the Okabe-Ito palette, with line styles as a second cue.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from appraisal._extras import require
from appraisal._figures import (
    DASHES,
    PALETTE,
    entry_label,
    lighten,
    lines_from_oneway,
    normalise_tornado,
    side_meanings,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes  # type: ignore[import-not-found, unused-ignore]

__all__ = ["plot_acceptability", "plot_oneway", "plot_ranking", "plot_tornado"]


def _axes(ax: Axes | None, size: tuple[float, float]) -> Axes:
    """``ax``, or the Axes of a new figure (matplotlib imported here, lazily)."""
    plt = require("matplotlib.pyplot", "plot")
    if ax is not None:
        return ax
    new: Axes = plt.subplots(figsize=size, layout="constrained")[1]
    return new


def _dash(pattern: str) -> Any:
    """A matplotlib linestyle from an SVG dash pattern."""
    return "-" if not pattern else (0, tuple(float(x) for x in pattern.split()))


def plot_ranking(
    ranking: Mapping[str, Any],
    contributions: Mapping[str, Mapping[str, float]],
    ax: Axes | None = None,
) -> Axes:
    """Stacked horizontal bars: each option's score split into criterion contributions.

    Parameters
    ----------
    ranking : dict
        The rank contract (``Ranking.to_dict()``).
    contributions : dict
        ``{option: {criterion: weight * value}}``.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import appraisal
    >>> r = appraisal.load(".").rank()
    >>> contrib = {o: dict(zip(r.criteria, map(float, row)))
    ...            for o, row in zip(r.options, r.contributions)}
    >>> ax = plot_ranking(r.to_dict(), contrib)  # doctest: +SKIP
    """
    ax = _axes(ax, (8.0, 1.2 + 0.6 * len(ranking.get("ranking", []))))
    rows = ranking.get("ranking", [])
    criteria = list(ranking.get("weights", {}))
    labels = [f"{x['rank']}. {x['name']}" for x in rows]
    left = [0.0] * len(rows)
    for j, c in enumerate(criteria):
        widths = [float(contributions.get(x["option"], {}).get(c, 0.0)) for x in rows]
        colour = lighten(PALETTE[j % len(PALETTE)], 0.45 * ((j // len(PALETTE)) % 2))
        ax.barh(labels, widths, left=left, color=colour, edgecolor="white", linewidth=0.5, label=c)
        left = [a + b for a, b in zip(left, widths, strict=True)]
    for i, x in enumerate(rows):
        ax.text(float(x["score"]) + 1.0, i, f"{float(x['score']):.1f}", va="center", fontsize=9)
    ax.set_xlim(0, 100)
    ax.invert_yaxis()
    ax.set_xlabel("score (0-100): contribution of each criterion (weight × value)")
    ax.set_title(f"Ranking, weights: {ranking.get('weight_set', '')}")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=7, frameon=False)
    return ax


def plot_oneway(
    oneway: Mapping[str, Any],
    lines: Mapping[str, Mapping[str, Sequence[float]]] | None,
    criterion: str,
    ax: Axes | None = None,
) -> Axes:
    """Each option's score as one criterion's weight moves over 0..1, crossovers marked.

    The other weights are rescaled in proportion, so every score is a straight line. The
    current weight is a dashed vertical line, the top option's stability interval is shaded,
    and crossovers that change the top option are large filled markers.

    Parameters
    ----------
    oneway : dict
        The oneway contract (``OneWayResult.to_dict()``).
    lines : dict or None
        ``{criterion: {option: [score at 0, score at 1]}}``; None to take them from the
        contract's own ``lines``.
    criterion : str
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes

    Raises
    ------
    KeyError
        If ``criterion`` is not in the contract.
    """
    entry = next(e for e in oneway.get("criteria", []) if e["criterion"] == criterion)
    pts = lines_from_oneway(oneway, criterion, lines)
    ax = _axes(ax, (8.0, 4.5))
    lo, hi = (entry.get("stability_interval") or [0.0, 1.0])[:2]
    ax.axvspan(float(lo), float(hi), color="#ececec", label="top option unchanged")
    for i, (o, (a, b)) in enumerate(pts.items()):
        ax.plot(
            [0.0, 1.0],
            [a, b],
            color=PALETTE[i % len(PALETTE)],
            linestyle=_dash(DASHES[i % len(DASHES)]),
            linewidth=2,
            label=o,
        )
    w = float(entry.get("weight", 0.0))
    ax.axvline(w, color="black", linestyle="--", linewidth=1.2, label=f"current weight {w:.3f}")
    for x in entry.get("crossovers", []):
        t = float(x["weight"])
        a, b = pts.get(x["options"][0], (0.0, 0.0))
        y = a + (b - a) * t
        if x.get("top_changes"):
            ax.plot(t, y, "o", color="#D55E00", markeredgecolor="black", markersize=9, zorder=5)
            ax.annotate(f"{t:.3f}", (t, y), textcoords="offset points", xytext=(0, 8), ha="center")
        else:
            ax.plot(t, y, "o", color="white", markeredgecolor="#333333", markersize=5, zorder=4)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 100)
    ax.set_xlabel(f"weight of {criterion} (others rescaled in proportion)")
    ax.set_ylabel("score (0-100)")
    ax.set_title(f"One-way sensitivity: {criterion}")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    return ax


def plot_acceptability(smaa: Mapping[str, Any], ax: Axes | None = None) -> Axes:
    """A heat map of rank acceptability: options in rows, ranks in columns, percent in cells.

    Parameters
    ----------
    smaa : dict
        The SMAA contract (``acceptability``: ``{option: [b_1, ..., b_m]}``).
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes
    """
    acc = smaa.get("acceptability", {})
    opts = list(smaa.get("options", acc))
    m = max((len(v) for v in acc.values()), default=0)
    ax = _axes(ax, (1.6 + 0.9 * m, 1.0 + 0.5 * len(opts)))
    grid = [[float(b) for b in acc[o]] for o in opts]
    ax.imshow(grid, cmap="Blues", vmin=0.0, vmax=1.0, aspect="auto")
    for i, row in enumerate(grid):
        for r, b in enumerate(row):
            colour = "white" if b > 0.55 else "black"
            ax.text(r, i, f"{100 * b:.0f}%", ha="center", va="center", color=colour, fontsize=9)
    ax.set_xticks(range(m), [f"rank {r + 1}" for r in range(m)])
    ax.set_yticks(range(len(opts)), opts)
    ax.set_title(f"Rank acceptability ({smaa.get('samples', '?')} samples)")
    return ax


def plot_tornado(
    tornado: Mapping[str, Any] | Sequence[Mapping[str, Any]],
    ax: Axes | None = None,
    limit: int | None = 15,
) -> Axes:
    """Horizontal bars from each input's low to high result around the base, largest on top.

    For the sensitivity contract the bar labels are the text table's (``Weight of x``,
    ``x (option)``) and the legend says what low and high mean (weight -20%, score 1 level
    lower; weight +20%, score 1 level higher), as in :meth:`TornadoResult.to_text`.

    Parameters
    ----------
    tornado : dict or list
        The tornado contract (``TornadoResult.to_dict()``: margins of the top option), or a
        list of ``{"label", "low", "high", "base"}``.
    ax : matplotlib Axes, optional
    limit : int or None, default 15
        How many entries to draw (the largest effects); None for all.

    Returns
    -------
    matplotlib Axes
    """

    entries = normalise_tornado(tornado, limit=limit)
    ax = _axes(ax, (8.0, 1.2 + 0.35 * len(entries)))
    labels = [str(e["label"]) for e in entries]
    low_name, high_name = "low", "high"
    if isinstance(tornado, Mapping):
        # the sensitivity contract: the text table's own labels and meaning of low and high
        raw = list(tornado.get("entries", []))[: len(entries)]
        labels = [
            str(r.get("label") or entry_label(r["criterion"], r.get("option")))
            if isinstance(r.get("low"), Mapping)
            else labels[n]
            for n, r in enumerate(raw)
        ]
        if tornado.get("weight_change") is not None:
            low_name, high_name = side_meanings(float(tornado["weight_change"]))
    for i, e in enumerate(entries):
        low, high = float(e["low"]), float(e["high"])
        base = float(e["base"]) if e.get("base") is not None else (low + high) / 2
        ax.barh(i, low - base, left=base, color=PALETTE[0], label=low_name if i == 0 else None)
        ax.barh(i, high - base, left=base, color=PALETTE[1], label=high_name if i == 0 else None)
    bases = {float(e["base"]) for e in entries if e.get("base") is not None}
    if len(bases) == 1:
        ax.axvline(bases.pop(), color="black", linewidth=1.2)
    ax.set_yticks(range(len(entries)), labels)
    ax.invert_yaxis()
    margin = isinstance(tornado, Mapping) and "margin" in tornado
    ax.set_xlabel("margin of the top option over the best other" if margin else "result")
    ax.set_title("Tornado")
    if entries:
        ax.legend(loc="lower right", fontsize=8)
    return ax
