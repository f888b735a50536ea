"""The report's data and its sections as plain tables, shared by the HTML and Markdown renderers.

:class:`ReportData` holds the JSON contracts (export, rank, weights, compare, one-way, SMAA,
tornado) as plain dicts, so the renderers depend on no result class. Each ``*_table`` function
turns one contract into a :class:`Table` of unescaped strings; the renderers escape and lay
them out. Numbers are formatted here, once, so both reports show the same digits.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from appraisal._figures import lines_from_oneway, normalise_tornado
from appraisal._placeholders import shown
from appraisal.ranking import some_of

if TYPE_CHECKING:
    from appraisal.case import Appraisal

__all__ = ["SECTIONS", "ReportData", "Table"]

#: ``(anchor, heading)`` of every section, in report order (both renderers use these).
SECTIONS: tuple[tuple[str, str], ...] = (
    ("options", "Options"),
    ("scores", "Score matrix"),
    ("weights", "Weight sets"),
    ("ranking", "Ranking"),
    ("comparison", "Weight-set comparison"),
    ("oneway", "One-way sensitivity"),
    ("acceptability", "Rank acceptability"),
    ("tornado", "Tornado"),
    ("warnings", "Validation warnings"),
    ("provenance", "Provenance"),
)


@dataclass(frozen=True)
class ReportData:
    """Everything a report shows, as JSON-ready contracts.

    Attributes
    ----------
    title : str
    source : str or None
    export : dict
        The export contract (``appraisal.report.export_dict``).
    ranking : dict
        The rank contract (``Ranking.to_dict()``) under the report's weight set.
    contributions : dict
        ``{option: {criterion: weight * value}}``; each option's entries sum to its score.
    weights : dict
        The weights contract (``appraisal.compare.weight_table(case).to_dict()``).
    compare : dict
        The compare contract (``appraisal.compare.compare(case).to_dict()``).
    oneway : dict or None
        The one-way sensitivity contract.
    oneway_lines : dict or None
        ``{criterion: {option: [score at weight 0, score at weight 1]}}``; scores are linear in
        the criterion's weight, so two points draw each option's line. Optional: by default
        taken from the ``lines`` (intercepts and slopes) of each one-way entry.
    smaa : dict or None
        The SMAA contract (rank acceptability, central weights, confidence).
    smaa_setup : str
        One or two sentences saying how the SMAA sampled weights and scores (which weight set,
        if any); printed above the acceptabilities. Empty: not said.
    tornado : dict or None
        The tornado contract (``{"entries": [{"label", "low", "high", "base"}], ...}`` or a
        bare list of entries).
    warnings : sequence of str
        Validation warnings as printed (``file:line:col: warning: ...``).
    provenance : dict
        Shown as a key/value table (nested mappings flattened to ``key.subkey``).
    values : dict or None
        ``{option: {criterion: value on 0..100}}``; colours the score matrix when given.

    Examples
    --------
    >>> import appraisal
    >>> data = ReportData.from_appraisal(appraisal.load("."))
    >>> data.ranking["ranking"][0]["option"], len(data.warnings)
    ('integrated-transformation', 2)
    """

    title: str
    source: str | None
    export: dict[str, Any]
    ranking: dict[str, Any]
    contributions: dict[str, dict[str, float]]
    weights: dict[str, Any]
    compare: dict[str, Any]
    oneway: dict[str, Any] | None = None
    oneway_lines: dict[str, dict[str, list[float]]] | None = None
    smaa: dict[str, Any] | None = None
    smaa_setup: str = ""
    tornado: dict[str, Any] | list[dict[str, Any]] | None = None
    warnings: Sequence[str] = ()
    provenance: dict[str, Any] = field(default_factory=dict)
    values: dict[str, dict[str, float]] | None = None

    @classmethod
    def from_appraisal(
        cls,
        appraisal: Appraisal,
        weights: str | None = None,
        *,
        oneway: dict[str, Any] | None = None,
        oneway_lines: dict[str, dict[str, list[float]]] | None = None,
        smaa: dict[str, Any] | None = None,
        smaa_setup: str = "",
        tornado: dict[str, Any] | list[dict[str, Any]] | None = None,
        provenance: dict[str, Any] | None = None,
    ) -> ReportData:
        """The core sections of an appraisal ranked under one weight set (default equal).

        Sensitivity, SMAA and provenance are passed in as their contracts.
        """
        from appraisal.compare import compare, weight_table
        from appraisal.report.export import export_dict

        ranked = appraisal.rank(weights)
        contributions = {
            o: {c: float(x) for c, x in zip(ranked.criteria, row, strict=True)}
            for o, row in zip(ranked.options, ranked.contributions, strict=True)
        }
        values = {
            o: {c: float(x) for c, x in zip(ranked.criteria, row, strict=True)}
            for o, row in zip(ranked.options, ranked.values, strict=True)
        }
        return cls(
            title=appraisal.title,
            source=appraisal.source,
            export=export_dict(appraisal),
            ranking=ranked.to_dict(),
            contributions=contributions,
            weights=weight_table(appraisal).to_dict(),
            compare=compare(appraisal).to_dict(),
            oneway=oneway,
            oneway_lines=oneway_lines,
            smaa=smaa,
            smaa_setup=smaa_setup,
            tornado=tornado,
            warnings=tuple(str(w) for w in appraisal.warnings),
            provenance=dict(provenance or {}),
            values=values,
        )


@dataclass(frozen=True)
class Table:
    """A titled table of unescaped, already formatted strings; column 0 heads each row."""

    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...] = ()

    def is_numeric(self, j: int) -> bool:
        """Whether column ``j`` holds numbers (right-aligned)."""
        return j < len(self.numeric) and self.numeric[j]


# --- formatting ---------------------------------------------------------------------------
def fscore(x: float | None) -> str:
    """A 0..100 score with one decimal (empty for None)."""
    return "" if x is None else f"{float(x):.1f}"


def fweight(x: float | None) -> str:
    """A weight with three decimals (empty for None)."""
    return "" if x is None else f"{float(x):.3f}"


def fpct(x: float | None) -> str:
    """A fraction as a whole percentage (``"n/a"`` for None)."""
    return "n/a" if x is None else f"{100.0 * float(x):.0f}%"


def fraw(x: Any) -> str:
    """A raw score as written: integers without a decimal point."""
    if x is None:
        return ""
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    if isinstance(x, float):
        return f"{x:g}"
    return str(x)


def finterval(pair: Sequence[float | None] | None) -> str:
    """``[lo, hi]`` as ``"0.012 – 0.311"``."""
    if not pair:
        return "n/a"
    lo, hi = pair[0], pair[1]
    return f"{fweight(lo) or 'n/a'} – {fweight(hi) or 'n/a'}"


# --- lookups ------------------------------------------------------------------------------
def option_names(data: ReportData) -> dict[str, str]:
    """``{option id: name}`` from the export contract."""
    return {o["id"]: o["name"] for o in data.export.get("options", [])}


def criterion_names(data: ReportData) -> dict[str, str]:
    """``{criterion id: name}`` from the export contract."""
    return {c["id"]: c["name"] for c in data.export.get("criteria", [])}


RATIONALE_HEADERS = ("Criterion", "Score", "Rating", "Rationale")


def rationale_rows(data: ReportData, option: dict[str, Any]) -> tuple[tuple[str, ...], ...]:
    """One row per criterion of an option: name, score, rating and rationale (or reason).

    A scaffold placeholder rationale is shown as its visible mark.
    """
    names = criterion_names(data)
    return tuple(
        (
            names.get(c, c),
            fraw(cell.get("score")),
            cell.get("rating") or "",
            shown(cell.get("not_scored") or cell.get("rationale") or ""),
        )
        for c, cell in option["scores"].items()
    )


def criterion_ids(data: ReportData) -> list[str]:
    """Criterion ids in appraisal order."""
    return [c["id"] for c in data.export.get("criteria", [])]


def ranked_ids(data: ReportData) -> list[str]:
    """Ranked option ids in rank order."""
    return [r["option"] for r in data.ranking.get("ranking", [])]


def score_shade(data: ReportData, option: str, criterion: str) -> float | None:
    """A cell's position on its scale, 0 (worst) .. 1 (best), for colouring; None if unknown.

    From ``values`` when given, else from an ordinal scale's level values and the direction.
    """
    if data.values is not None and criterion in data.values.get(option, {}):
        return min(1.0, max(0.0, data.values[option][criterion] / 100.0))
    crit = next((c for c in data.export.get("criteria", []) if c["id"] == criterion), None)
    opt = next((o for o in data.export.get("options", []) if o["id"] == option), None)
    if crit is None or opt is None:
        return None
    score = opt["scores"].get(criterion, {}).get("score")
    levels = data.export.get("scales", {}).get(crit["scale"], {}).get("levels")
    if score is None or not levels:
        return None
    nums = [float(lv["value"]) for lv in levels]
    lo, hi = min(nums), max(nums)
    if hi <= lo:
        return None
    t = (float(score) - lo) / (hi - lo)
    return 1.0 - t if crit.get("direction") == "cost" else t


def oneway_lines(data: ReportData, criterion: str) -> dict[str, tuple[float, float]]:
    """The report's lines for one criterion (see :func:`lines_from_oneway`)."""
    return lines_from_oneway(data.oneway or {}, criterion, data.oneway_lines)


def critical_criteria(data: ReportData) -> list[dict[str, Any]]:
    """One-way entries with at least one crossover that changes the top option."""
    if data.oneway is None:
        return []
    return [
        e
        for e in data.oneway.get("criteria", [])
        if any(x.get("top_changes") for x in e.get("crossovers", []))
    ]


def smaa_options(data: ReportData) -> list[str]:
    """The SMAA contract's options, ranked ones first in rank order."""
    acc = (data.smaa or {}).get("acceptability", {})
    listed = list((data.smaa or {}).get("options", acc.keys()))
    return [o for o in ranked_ids(data) if o in listed] + [
        o for o in listed if o not in ranked_ids(data)
    ]


def tornado_entries(data: ReportData) -> list[dict[str, Any]]:
    """The report's tornado bars (see :func:`normalise_tornado`), with names."""
    return normalise_tornado(data.tornado, option_names(data), criterion_names(data))


def tornado_measure(data: ReportData) -> str:
    """What the tornado's numbers measure."""
    t = data.tornado
    if isinstance(t, Mapping) and "margin" in t:
        names = option_names(data)
        top = t.get("top", "")
        return f"margin of {names.get(top, top)} over the best other option"
    return str(t.get("measure", "result")) if isinstance(t, Mapping) else "result"


# --- tables -------------------------------------------------------------------------------
def options_table(data: ReportData) -> Table:
    """Option name, id and summary, in file order (a placeholder summary marked)."""
    rows = tuple(
        (o["name"], o["id"], shown(o.get("summary") or "")) for o in data.export["options"]
    )
    return Table("The options appraised", ("Option", "Id", "Summary"), rows)


def weight_sets_table(data: ReportData) -> Table:
    """How each weight set was elicited."""
    rows = []
    for name, ws in data.weights.get("weight_sets", {}).items():
        method = str(ws.get("method", ""))
        if ws.get("formula"):
            method += f" ({ws['formula']})"
        cr = ws.get("consistency_ratio")
        rows.append(
            (
                name,
                method,
                "" if cr is None else f"{float(cr):.3f}",
                "yes" if ws.get("illustrative") else "no",
                ws.get("view") or "",
                ws.get("rationale") or "",
            )
        )
    headers = ("Weight set", "Method", "AHP CR", "Illustrative", "View", "Rationale")
    return Table("How each weight set was elicited", headers, tuple(rows))


def weights_table(data: ReportData) -> Table:
    """Each criterion's weight under each set."""
    sets = data.weights.get("weight_sets", {})
    names = criterion_names(data)
    rows = tuple(
        (names.get(c, c), *(fweight(ws["weights"].get(c)) for ws in sets.values()))
        for c in criterion_ids(data)
    )
    numeric = (False, *(True for _ in sets))
    return Table("Weights by criterion (each set sums to 1)", ("Criterion", *sets), rows, numeric)


def ranking_table(data: ReportData) -> Table:
    """Rank, option, score and (when meaningful) the unweighted total."""
    r = data.ranking
    with_total = any(x.get("total") is not None for x in r.get("ranking", []))
    headers = ("Option", "Id", "Rank", "Score", *(("Total",) if with_total else ()))
    rows = tuple(
        (
            x["name"],
            x["option"],
            str(x["rank"]),
            fscore(x["score"]),
            *((fraw(x.get("total")),) if with_total else ()),
        )
        for x in r.get("ranking", [])
    )
    caption = f"Ranking under weight set '{r.get('weight_set', '')}' (scores on 0-100)"
    return Table(caption, headers, rows, (False, False, True, True, True))


def ranking_notes(data: ReportData) -> list[str]:
    """Dominance, screening and ranking warnings as sentences."""
    names = option_names(data)
    r = data.ranking
    notes = [
        f"{names.get(d['option'], d['option'])} is dominated by "
        + some_of([names.get(b, b) for b in d["by"]])
        + "."
        for d in r.get("dominated", [])
    ]
    notes += [
        f"{names.get(s['option'], s['option'])} is screened out: {s['reason']}."
        for s in r.get("screened_out", [])
    ]
    notes += [f"Warning: {w}" for w in r.get("warnings", [])]
    return notes


def contributions_table(data: ReportData) -> Table:
    """Each criterion's contribution (weight x value) to each ranked option's score."""
    opts = ranked_ids(data)
    names, cnames = option_names(data), criterion_names(data)
    rows = [
        (cnames.get(c, c), *(fscore(data.contributions.get(o, {}).get(c)) for o in opts))
        for c in criterion_ids(data)
    ]
    score = {x["option"]: x["score"] for x in data.ranking.get("ranking", [])}
    rows.append(("Score", *(fscore(score.get(o)) for o in opts)))
    headers = ("Criterion", *(names.get(o, o) for o in opts))
    numeric = (False, *(True for _ in opts))
    return Table("Contribution of each criterion to each score", headers, tuple(rows), numeric)


def comparison_table(data: ReportData) -> Table:
    """Rank (score) of each option under each weight set."""
    sets = data.compare.get("weight_sets", [])
    names = option_names(data)
    rows = tuple(
        (
            names.get(o["option"], o["option"]),
            *(f"{o['ranks'][s]} ({fscore(o['scores'][s])})" for s in sets),
        )
        for o in data.compare.get("options", [])
    )
    numeric = (False, *(True for _ in sets))
    return Table("Rank (score) under each weight set", ("Option", *sets), rows, numeric)


def oneway_table(data: ReportData) -> Table:
    """Per criterion: weight, stability intervals, smallest change of the top and crossovers."""
    oneway = data.oneway or {}
    names, cnames = option_names(data), criterion_names(data)
    rows = []
    for e in oneway.get("criteria", []):
        changes = [x for x in e.get("crossovers", []) if x.get("top_changes")]
        at = ", ".join(
            f"{fweight(x['weight'])} ({' → '.join(names.get(o, o) for o in x['options'])})"
            for x in changes
        )
        delta = e.get("delta")
        rows.append(
            (
                cnames.get(e["criterion"], e["criterion"]),
                fweight(e.get("weight")),
                finterval(e.get("stability_interval")),
                finterval(e.get("ranking_stability_interval")),
                "none" if delta is None else fweight(delta),
                at or "never",
            )
        )
    headers = (
        "Criterion",
        "Weight",
        "Top stays top for weight in",
        "Ranking unchanged for weight in",
        "Smallest change that changes the top",
        "Top changes at weight (top below → top above)",
    )
    top = oneway.get("top")
    caption = (
        f"One-way sensitivity of the top option ({names.get(top, top) if top else 'n/a'}) "
        "to each criterion's weight, the others rescaled in proportion"
    )
    return Table(caption, headers, tuple(rows), (False, True, True, True, True, False))


def oneway_lines_table(data: ReportData, entry: dict[str, Any]) -> Table:
    """Each option's score at weight 0, at the current weight and at weight 1 of a criterion."""
    crit = entry["criterion"]
    lines = oneway_lines(data, crit)
    names, cnames = option_names(data), criterion_names(data)
    w = float(entry.get("weight", 0.0))
    rows = tuple(
        (
            names.get(o, o),
            fscore(a),
            fscore(a + (b - a) * w),
            fscore(b),
        )
        for o, (a, b) in lines.items()
    )
    headers = ("Option", "Score at weight 0", f"At current weight {fweight(w)}", "At weight 1")
    caption = f"Scores as the weight of '{cnames.get(crit, crit)}' moves from 0 to 1"
    return Table(caption, headers, rows, (False, True, True, True))


def crossovers_table(data: ReportData, entry: dict[str, Any]) -> Table:
    """Where two options' score lines cross as one criterion's weight moves."""
    names, cnames = option_names(data), criterion_names(data)
    rows = tuple(
        (
            fweight(x["weight"]),
            " / ".join(names.get(o, o) for o in x["options"]),
            "yes" if x.get("top_changes") else "no",
        )
        for x in entry.get("crossovers", [])
    )
    crit = entry["criterion"]
    caption = f"Crossovers as the weight of '{cnames.get(crit, crit)}' moves"
    return Table(caption, ("Weight", "Options that swap", "Top option changes"), rows, (True,))


def acceptability_table(data: ReportData) -> Table:
    """Rank acceptability (share of samples giving each rank) and confidence factor."""
    smaa = data.smaa or {}
    names = option_names(data)
    opts = smaa_options(data)
    m = max((len(v) for v in smaa.get("acceptability", {}).values()), default=0)
    conf = smaa.get("confidence") or {}
    rows = tuple(
        (
            names.get(o, o),
            *(fpct(b) for b in smaa["acceptability"][o]),
            fpct(conf.get(o)),
        )
        for o in opts
    )
    headers = ("Option", *(f"Rank {r}" for r in range(1, m + 1)), "Confidence")
    caption = f"Rank acceptability over {smaa.get('samples', '?')} weight samples"
    return Table(caption, headers, rows, (False, *(True for _ in range(m + 1))))


def central_weights_table(data: ReportData) -> Table | None:
    """The central weight vector of each option that can rank first."""
    central = {o: w for o, w in ((data.smaa or {}).get("central_weights") or {}).items() if w}
    if not central:
        return None
    names, cnames = option_names(data), criterion_names(data)
    crits = [c for c in criterion_ids(data) if any(c in w for w in central.values())]
    rows = tuple((cnames.get(c, c), *(fweight(w.get(c)) for w in central.values())) for c in crits)
    headers = ("Criterion", *(names.get(o, o) for o in central))
    caption = "Central weights: the average weights that make each option rank first"
    return Table(caption, headers, rows, (False, *(True for _ in central)))


def pairwise_table(data: ReportData) -> Table | None:
    """Pairwise winning indices ``{a: {b: p}}`` as a matrix (None for another shape)."""
    pw = (data.smaa or {}).get("pairwise_winning")
    if not isinstance(pw, dict) or not pw or not all(isinstance(v, dict) for v in pw.values()):
        return None
    names = option_names(data)
    listed = smaa_options(data)
    cols: list[str] = [o for o in listed if o in pw] + [str(o) for o in pw if o not in listed]
    rows = tuple(
        (
            names.get(a, a),
            *("–" if a == b else fpct(pw[a].get(b)) for b in cols),
        )
        for a in cols
    )
    headers = ("Row beats column", *(names.get(b, b) for b in cols))
    caption = "Pairwise winning: share of samples in which the row option scores above the column"
    return Table(caption, headers, rows, (False, *(True for _ in cols)))


def tornado_table(data: ReportData) -> Table:
    """Each factor's low and high result around the base case, largest effect first."""
    rows = tuple(
        (
            str(e["label"]),
            fscore(e["low"]),
            fscore(e["high"]),
            fscore(e.get("base")),
            e.get("new_top") or "",
        )
        for e in tornado_entries(data)
    )
    t = data.tornado
    n = len(t if isinstance(t, list) else (t or {}).get("entries", []))
    shown = f" (the {len(rows)} largest of {n})" if n > len(rows) else ""
    caption = f"Tornado: the {tornado_measure(data)} at each input's low and high setting{shown}"
    headers = ("Input", "Low", "High", "Base", "New top option")
    return Table(caption, headers, rows, (False, True, True, True, False))


def provenance_table(data: ReportData) -> Table:
    """Every provenance key, nested mappings flattened to ``key.subkey``."""
    rows: list[tuple[str, str]] = []

    def walk(prefix: str, value: Any) -> None:
        if isinstance(value, Mapping):
            for k, v in value.items():
                walk(f"{prefix}.{k}" if prefix else str(k), v)
        elif isinstance(value, list | tuple):
            rows.append((prefix, ", ".join(str(v) for v in value)))
        else:
            rows.append((prefix, "" if value is None else str(value)))

    walk("", data.provenance)
    return Table("Provenance", ("Item", "Value"), tuple(rows))
