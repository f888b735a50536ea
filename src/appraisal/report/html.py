"""The HTML report: one self-contained file with inline SVG charts, readable printed on A4.

Nothing is loaded from outside the file: styles are inline, charts are inline SVG, there is no
script, and a Content-Security-Policy ``default-src 'none'`` makes the browser refuse any
request the markup might still imply. Every piece of user text is escaped. Each rationale is one
click away (``<details>`` in the score matrix, no JavaScript) and printed in an appendix.
The output is deterministic: the same :class:`~appraisal.report._sections.ReportData` gives
the same string.
"""

from __future__ import annotations

from typing import Any

from appraisal._placeholders import shown
from appraisal.report import _sections as s
from appraisal.report._sections import SECTIONS, ReportData, Table
from appraisal.report.svg import (
    RATING_RAMP,
    acceptability_chart,
    contribution_chart,
    esc,
    ink,
    oneway_chart,
    ramp,
    tornado_chart,
)

__all__ = ["render_html"]

CSS = """
@page { size: A4; margin: 14mm 12mm; }
:root { color-scheme: light; }
body { font: 11pt/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial,
  sans-serif; color: #1a1a1a; background: #ffffff; max-width: 62rem; margin: 0 auto;
  padding: 1rem 1.5rem 3rem; }
h1 { font-size: 1.6rem; margin-bottom: .25rem; }
h2 { font-size: 1.3rem; border-bottom: 2px solid #0072B2; padding-bottom: .15rem;
  margin-top: 2.2rem; }
h3 { font-size: 1.05rem; margin-top: 1.4rem; }
table { border-collapse: collapse; margin: .5rem 0 1.2rem; font-size: 10pt; }
caption { text-align: left; font-weight: 600; padding: .3rem 0; caption-side: top; }
th, td { border: 1px solid #c8c8c8; padding: .25rem .45rem; vertical-align: top;
  text-align: left; }
thead th { background: #eef2f6; }
tbody th { font-weight: 500; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
.matrix td { min-width: 6.5rem; }
.matrix summary { cursor: pointer; }
.matrix details p { background: #ffffff; color: #1a1a1a; padding: .3rem; margin: .3rem 0 0;
  font-size: 9.5pt; border-radius: 2px; }
.score { font-weight: 700; margin-right: .25rem; }
.swatch { display: inline-block; padding: .1rem .45rem; margin: 0 .2rem .2rem 0;
  border: 1px solid #999999; font-size: 9.5pt; }
figure { margin: 1rem 0 1.5rem; }
figcaption { font-size: 10pt; color: #444444; margin-top: .25rem; }
svg.chart { max-width: 100%; height: auto; display: block; }
.lede { font-size: 1.05rem; }
.muted { color: #555555; }
nav ol { columns: 2; font-size: 10pt; }
code { font-size: 9.5pt; }
.print-only { display: none; }
@media print {
  body { max-width: none; padding: 0; font-size: 9.5pt; }
  nav, .screen-only { display: none; }
  .print-only { display: block; }
  figure, svg, table { break-inside: avoid; page-break-inside: avoid; }
  table.long { break-inside: auto; page-break-inside: auto; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  h2, h3, caption { break-after: avoid; page-break-after: avoid; }
  h2 { break-before: auto; }
  .matrix summary { list-style: none; }
  .matrix td { min-width: 0; }
  .matrix tbody th { min-width: 11rem; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""

CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


def table_html(t: Table, cls: str = "") -> str:
    """An accessible table: caption, ``<th scope="col">`` headers, ``<th scope="row">`` heads."""
    klass = f' class="{cls}"' if cls else ""
    num = ' class="num"'
    head = "".join(
        f'<th scope="col"{num if t.is_numeric(j) else ""}>{esc(h)}</th>'
        for j, h in enumerate(t.headers)
    )
    body = []
    for row in t.rows:
        cells = [f'<th scope="row">{esc(row[0])}</th>']
        cells += [
            f'<td class="num">{esc(c)}</td>' if t.is_numeric(j) else f"<td>{esc(c)}</td>"
            for j, c in enumerate(row[1:], start=1)
        ]
        body.append("<tr>" + "".join(cells) + "</tr>")
    return (
        f"<table{klass}><caption>{esc(t.caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def _link(url: str, text: str | None = None) -> str:
    """A hyperlink for http(s) URLs; any other scheme is shown as text."""
    if url.startswith(("https://", "http://")):
        return f'<a href="{esc(url)}">{esc(text or url)}</a>'
    return esc(text or url)


def _figure(svg: str, caption: str, data_tables: list[Table]) -> str:
    tables = "".join(table_html(t) for t in data_tables)
    details = (
        f"<details><summary>The numbers behind this chart</summary>{tables}</details>"
        if tables
        else ""
    )
    return f"<figure>{svg}<figcaption>{esc(caption)}</figcaption>{details}</figure>"


def _not_computed(what: str, how: str) -> str:
    return f'<p class="muted">{esc(what)} was not computed for this report ({esc(how)}).</p>'


def _matrix_options(data: ReportData) -> list[dict[str, Any]]:
    """Exported options, ranked ones first in rank order, then any screened out."""
    by_id = {o["id"]: o for o in data.export.get("options", [])}
    order = [o for o in s.ranked_ids(data) if o in by_id]
    order += [o for o in by_id if o not in order]
    return [by_id[o] for o in order]


def _scale_legend(data: ReportData) -> str:
    scales = {c["scale"] for c in data.export.get("criteria", [])}
    if len(scales) != 1:
        return (
            '<p class="muted">Cell colours run from light (worst on the criterion) to dark '
            "(best); the number is the score.</p>"
        )
    levels = data.export.get("scales", {}).get(scales.pop(), {}).get("levels") or []
    if len(levels) < 2:
        return ""
    nums = [float(lv["value"]) for lv in levels]
    lo, hi = min(nums), max(nums)
    swatches = "".join(
        f'<span class="swatch" style="background:{ramp(RATING_RAMP, (v - lo) / (hi - lo))};'
        f'color:{ink(ramp(RATING_RAMP, (v - lo) / (hi - lo)))}">{esc(s.fraw(lv["value"]))} '
        f"{esc(lv['label'])}</span>"
        for v, lv in zip(nums, levels, strict=True)
    )
    return (
        f"<p>Colour scale (light is worse, dark is better; cost criteria reversed): {swatches}</p>"
    )


def _score_matrix(data: ReportData) -> str:
    options = _matrix_options(data)
    head = '<th scope="col">Criterion</th>' + "".join(
        f'<th scope="col">{esc(o["name"])}</th>' for o in options
    )
    rows = []
    for c in data.export.get("criteria", []):
        cells = [f'<th scope="row">{esc(c["name"])}</th>']
        for o in options:
            cell = o["scores"].get(c["id"], {})
            shade = s.score_shade(data, o["id"], c["id"])
            style = ""
            if shade is not None and cell.get("score") is not None:
                bg = ramp(RATING_RAMP, shade)
                style = f' style="background:{bg};color:{ink(bg)}"'
            score = "–" if cell.get("score") is None else s.fraw(cell["score"])
            rating = cell.get("rating") or ""
            why = shown(cell.get("not_scored") or cell.get("rationale") or "")
            evidence = "".join(f"<br>{_link(str(e))}" for e in cell.get("evidence", []))
            cells.append(
                f'<td{style}><details><summary><span class="score">{esc(score)}</span>'
                f"{esc(rating)}</summary><p>{esc(why)}{evidence}</p></details></td>"
            )
        rows.append("<tr>" + "".join(cells) + "</tr>")
    caption = "Scores by criterion (rows) and option (columns); open a cell for its rationale"
    return (
        _scale_legend(data)
        + f'<table class="matrix"><caption>{esc(caption)}</caption><thead><tr>{head}</tr>'
        f"</thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _rationales_appendix(data: ReportData) -> str:
    """Every rationale as a table per option, shown only when printed."""
    parts = []
    for o in _matrix_options(data):
        rows = s.rationale_rows(data, o)
        t = Table(f"Rationales: {o['name']}", s.RATIONALE_HEADERS, rows)
        parts.append(table_html(t, "long"))
    head = "<h3>Rationale of each score</h3>"
    return '<div class="print-only">' + head + "".join(parts) + "</div>"


def _section(anchor: str, body: str) -> str:
    heading = dict(SECTIONS)[anchor]
    return f'<section id="{anchor}"><h2>{esc(heading)}</h2>{body}</section>'


def _ranking(data: ReportData) -> str:
    notes = "".join(f"<li>{esc(n)}</li>" for n in s.ranking_notes(data))
    chart = contribution_chart(data, "chart-ranking")
    fig = _figure(
        chart,
        "Each bar is an option's overall score; its segments are the criteria's contributions "
        "(weight × value on 0-100).",
        [s.contributions_table(data)],
    )
    return table_html(s.ranking_table(data)) + (f"<ul>{notes}</ul>" if notes else "") + fig


def _comparison(data: ReportData) -> str:
    tops: dict[str, list[str]] = {}
    names = s.option_names(data)
    for o in data.compare.get("options", []):
        for ws, r in o["ranks"].items():
            if r == 1:
                tops.setdefault(ws, []).append(names.get(o["option"], o["option"]))
    distinct = {tuple(v) for v in tops.values()}
    note = (
        "The top option is the same under every weight set."
        if len(distinct) == 1
        else "The top option differs between weight sets: "
        + "; ".join(f"{k}: {', '.join(v)}" for k, v in tops.items())
        + "."
    )
    return table_html(s.comparison_table(data)) + f"<p>{esc(note)}</p>"


def _oneway(data: ReportData) -> str:
    if data.oneway is None:
        return _not_computed("One-way sensitivity", "no one-way analysis was supplied")
    parts = [table_html(s.oneway_table(data))]
    critical = s.critical_criteria(data)
    if not critical:
        parts.append("<p>No single criterion's weight, moved alone, changes the top option.</p>")
    names = s.criterion_names(data)
    for i, entry in enumerate(critical, start=1):
        c = entry["criterion"]
        parts.append(f"<h3>Weight of {esc(names.get(c, c))}</h3>")
        parts.append(
            _figure(
                oneway_chart(data, entry, f"chart-oneway-{i}"),
                "Lines are options' scores; the dashed vertical line is the current weight; "
                "filled markers are where the top option changes, open ones other crossovers; "
                "the shaded band is where the top option stays top.",
                [s.oneway_lines_table(data, entry), s.crossovers_table(data, entry)],
            )
        )
    return "".join(parts)


def _acceptability(data: ReportData) -> str:
    if data.smaa is None:
        return _not_computed("Rank acceptability", "run with --samples N to sample weights")
    setup = f"<p>{esc(data.smaa_setup)}</p>" if data.smaa_setup else ""
    parts = [
        setup,
        _figure(
            acceptability_chart(data, "chart-acceptability"),
            "Share of weight samples in which each option takes each rank; darker is more.",
            [],
        ),
        table_html(s.acceptability_table(data)),
    ]
    for t in (s.central_weights_table(data), s.pairwise_table(data)):
        if t is not None:
            parts.append(table_html(t))
    se = data.smaa.get("standard_error")
    if se is not None:
        parts.append(
            f'<p class="muted">Monte Carlo standard error of each share: at most '
            f"{100 * float(se):.2f} percentage points (seed {esc(data.smaa.get('seed'))}).</p>"
        )
    return "".join(parts)


def _tornado(data: ReportData) -> str:
    if not s.tornado_entries(data):
        return _not_computed("The tornado", "no tornado analysis was supplied")
    entries = s.tornado_entries(data)
    crosses = any(min(float(e["low"]), float(e["high"])) < 0 for e in entries)
    return _figure(
        tornado_chart(data, "chart-tornado"),
        "Each bar runs from the result at an input's low setting (blue) to its high setting "
        "(orange) around the base (black line); the largest effect is on top."
        + (" Left of the dashed zero line another option would rank first." if crosses else ""),
        [s.tornado_table(data)],
    )


def _warnings(data: ReportData) -> str:
    if not data.warnings:
        return "<p>No validation warnings.</p>"
    items = "".join(f"<li><code>{esc(w)}</code></li>" for w in data.warnings)
    return f"<ul>{items}</ul>"


def _provenance(data: ReportData) -> str:
    if not data.provenance:
        return '<p class="muted">No provenance was supplied.</p>'
    return table_html(s.provenance_table(data))


def render_html(data: ReportData) -> str:
    """The whole report as one self-contained HTML document.

    Parameters
    ----------
    data : ReportData

    Returns
    -------
    str
        An HTML5 document with inline CSS and SVG, no scripts and no external resources.

    Examples
    --------
    >>> import appraisal
    >>> from appraisal.report._sections import ReportData
    >>> page = render_html(ReportData.from_appraisal(appraisal.load(".")))
    >>> page.startswith("<!DOCTYPE html>"), "<script" in page, page.count("<svg")
    (True, False, 1)
    """
    top = data.ranking.get("ranking", [])
    lede = ""
    if top:
        first = [x for x in top if x["rank"] == 1]
        ws = esc(data.ranking.get("weight_set"))
        lede = (
            f"<p class=\"lede\">Top option under weight set '{ws}':"
            f" <strong>{esc(', '.join(x['name'] for x in first))}</strong> "
            f"(score {esc(s.fscore(first[0]['score']))} of 100).</p>"
        )
    source = ""
    if data.source:
        source = f"<p>Source: {_link(shown(data.source))}</p>"
    nav = "".join(f'<li><a href="#{a}">{esc(h)}</a></li>' for a, h in SECTIONS)
    options_body = table_html(s.options_table(data))
    sections = [
        _section("options", options_body),
        _section("scores", _score_matrix(data) + _rationales_appendix(data)),
        _section(
            "weights", table_html(s.weight_sets_table(data)) + table_html(s.weights_table(data))
        ),
        _section("ranking", _ranking(data)),
        _section("comparison", _comparison(data)),
        _section("oneway", _oneway(data)),
        _section("acceptability", _acceptability(data)),
        _section("tornado", _tornado(data)),
        _section("warnings", _warnings(data)),
        _section("provenance", _provenance(data)),
    ]
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(data.title)}</title><style>{CSS}</style></head>\n<body>"
        f"<header><h1>{esc(data.title)}</h1>{source}{lede}</header>"
        f'<nav aria-label="Contents"><ol>{nav}</ol></nav>'
        f"<main>{''.join(sections)}</main></body></html>\n"
    )
