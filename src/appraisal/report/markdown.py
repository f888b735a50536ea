"""The Markdown report: the HTML report's sections as GitHub-flavoured tables, for board papers.

Charts become the tables behind them; every rationale is listed per option. User text is
escaped so that it can neither break a table (``|``, newlines) nor inject HTML or Markdown
markup (``<``, ``*``, ``[`` and the like). Deterministic, like the HTML report.
"""

from __future__ import annotations

from appraisal._placeholders import shown
from appraisal._table import md_escape
from appraisal.report import _sections as s
from appraisal.report._sections import SECTIONS, ReportData, Table

__all__ = ["md_escape", "render_markdown"]


def table_md(t: Table) -> str:
    """A GitHub-flavoured table with its caption in bold above it."""
    align = ["---:" if t.is_numeric(j) else "---" for j in range(len(t.headers))]
    lines = [
        f"**{md_escape(t.caption)}**",
        "",
        "| " + " | ".join(md_escape(h) for h in t.headers) + " |",
        "| " + " | ".join(align) + " |",
    ]
    lines += ["| " + " | ".join(md_escape(c) for c in row) + " |" for row in t.rows]
    return "\n".join(lines)


def _score_table(data: ReportData) -> Table:
    by_id = {o["id"]: o for o in data.export.get("options", [])}
    order = [o for o in s.ranked_ids(data) if o in by_id] + [
        o for o in by_id if o not in s.ranked_ids(data)
    ]
    rows = []
    for c in data.export.get("criteria", []):
        cells = []
        for o in order:
            cell = by_id[o]["scores"].get(c["id"], {})
            score = "–" if cell.get("score") is None else s.fraw(cell["score"])
            cells.append(f"{score} {cell.get('rating') or ''}".strip())
        rows.append((c["name"], *cells))
    headers = ("Criterion", *(by_id[o]["name"] for o in order))
    caption = "Scores by criterion (rows) and option (columns); rationales below"
    return Table(caption, headers, tuple(rows))


def _rationales(data: ReportData) -> list[str]:
    out = []
    for o in data.export.get("options", []):
        rows = s.rationale_rows(data, o)
        out += [
            f"### {md_escape(o['name'])}",
            "",
            table_md(Table("Rationale of each score", s.RATIONALE_HEADERS, rows)),
        ]
        out.append("")
    return out


def _not_computed(what: str, how: str) -> str:
    return f"_{md_escape(what)} was not computed for this report ({md_escape(how)})._"


def _section_body(data: ReportData, anchor: str) -> list[str]:
    if anchor == "options":
        return [table_md(s.options_table(data))]
    if anchor == "scores":
        return [table_md(_score_table(data)), "", *_rationales(data)]
    if anchor == "weights":
        return [table_md(s.weight_sets_table(data)), "", table_md(s.weights_table(data))]
    if anchor == "ranking":
        notes = [f"- {md_escape(n)}" for n in s.ranking_notes(data)]
        return [
            table_md(s.ranking_table(data)),
            *(["", *notes] if notes else []),
            "",
            table_md(s.contributions_table(data)),
        ]
    if anchor == "comparison":
        return [table_md(s.comparison_table(data))]
    if anchor == "oneway":
        return _oneway(data)
    if anchor == "acceptability":
        return _acceptability(data)
    if anchor == "tornado":
        if not s.tornado_entries(data):
            return [_not_computed("The tornado", "no tornado analysis was supplied")]
        return [table_md(s.tornado_table(data))]
    if anchor == "warnings":
        if not data.warnings:
            return ["No validation warnings."]
        return [f"- {md_escape(w)}" for w in data.warnings]
    if not data.provenance:
        return ["_No provenance was supplied._"]
    return [table_md(s.provenance_table(data))]


def _oneway(data: ReportData) -> list[str]:
    if data.oneway is None:
        return [_not_computed("One-way sensitivity", "no one-way analysis was supplied")]
    out = [table_md(s.oneway_table(data))]
    critical = s.critical_criteria(data)
    if not critical:
        out += ["", "No single criterion's weight, moved alone, changes the top option."]
    names = s.criterion_names(data)
    for entry in critical:
        c = entry["criterion"]
        out += [
            "",
            f"### Weight of {md_escape(names.get(c, c))}",
            "",
            table_md(s.oneway_lines_table(data, entry)),
            "",
            table_md(s.crossovers_table(data, entry)),
        ]
    return out


def _acceptability(data: ReportData) -> list[str]:
    if data.smaa is None:
        return [_not_computed("Rank acceptability", "run with --samples N to sample weights")]
    out = [md_escape(data.smaa_setup), ""] if data.smaa_setup else []
    out.append(table_md(s.acceptability_table(data)))
    for t in (s.central_weights_table(data), s.pairwise_table(data)):
        if t is not None:
            out += ["", table_md(t)]
    se = data.smaa.get("standard_error")
    if se is not None:
        seed = md_escape(data.smaa.get("seed"))
        out += [
            "",
            f"Monte Carlo standard error of each share: at most {100 * float(se):.2f} "
            f"percentage points (seed {seed}).",
        ]
    return out


def render_markdown(data: ReportData) -> str:
    """The whole report as GitHub-flavoured Markdown.

    Same sections as :func:`appraisal.report.html.render_html`, with the charts replaced by
    the tables behind them.

    Parameters
    ----------
    data : ReportData

    Returns
    -------
    str
        Markdown ending in a newline.

    Examples
    --------
    >>> import appraisal
    >>> from appraisal.report._sections import ReportData
    >>> text = render_markdown(ReportData.from_appraisal(appraisal.load(".")))
    >>> [line for line in text.splitlines() if line.startswith("## ")][:3]
    ['## Options', '## Score matrix', '## Weight sets']
    """
    out = [f"# {md_escape(data.title)}", ""]
    if data.source:
        out += [f"Source: {md_escape(shown(data.source))}", ""]
    first = [x for x in data.ranking.get("ranking", []) if x["rank"] == 1]
    if first:
        out += [
            f"Top option under weight set '{md_escape(data.ranking.get('weight_set', ''))}': "
            f"**{md_escape(', '.join(x['name'] for x in first))}** "
            f"(score {s.fscore(first[0]['score'])} of 100).",
            "",
        ]
    for anchor, heading in SECTIONS:
        out += [f"## {heading}", "", *_section_body(data, anchor), ""]
    return "\n".join(out).rstrip("\n") + "\n"
