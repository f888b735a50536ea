"""Hand-written inline SVG charts for the HTML report (no dependencies).

Every chart is an ``<svg role="img">`` labelled by its own ``<title>`` and ``<desc>`` (the
text alternative a screen reader reads), carries no ``xmlns`` or other URL, and is built from
fixed-precision numbers so the same input gives the same bytes. Colours come from the
Okabe-Ito palette (distinguishable with the common colour-vision deficiencies) and, for
quantities, from ColorBrewer's single- and multi-hue sequential ramps; every coloured mark also
carries its number or a line style, so colour is never the only cue.

References
----------
Okabe, M. and Ito, K. (2008). Color Universal Design (CUD): how to make figures and
presentations that are friendly to colorblind people. https://jfly.uni-koeln.de/color/
Harrower, M. and Brewer, C. A. (2003). ColorBrewer.org: an online tool for selecting colour
schemes for maps. *The Cartographic Journal* 40(1), 27-37.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from typing import Any

from appraisal._figures import DASHES, PALETTE, lighten, ramp, rgb
from appraisal._terminal import terminal_safe
from appraisal.report._sections import (
    ReportData,
    criterion_names,
    fpct,
    fscore,
    fweight,
    oneway_lines,
    option_names,
    ranked_ids,
    smaa_options,
    tornado_entries,
    tornado_measure,
)

__all__ = [
    "PALETTE",
    "acceptability_chart",
    "contribution_chart",
    "ink",
    "oneway_chart",
    "ramp",
    "tornado_chart",
]

#: ColorBrewer YlGnBu (5 classes): worst to best score.
RATING_RAMP = ("#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494")
#: ColorBrewer Blues (5 classes): probability 0 to 1.
PROB_RAMP = ("#f7fbff", "#c6dbef", "#6baed6", "#2171b5", "#08306b")

FONT = 'font-family="system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif"'


def esc(text: object) -> str:
    """HTML/SVG-escaped text (quotes too, so it is safe in attributes).

    Control characters, which HTML and XML do not allow as text, are shown as ``\\xNN``.

    Examples
    --------
    >>> print(esc('<a href="x">' + chr(27) + "</a>"))
    &lt;a href=&quot;x&quot;&gt;\\x1b&lt;/a&gt;
    """
    return html.escape(terminal_safe(str(text)), quote=True)


def ink(background: str) -> str:
    """Black or white, whichever contrasts more with ``background`` (WCAG relative luminance).

    Examples
    --------
    >>> ink("#253494"), ink("#ffffcc")
    ('#ffffff', '#000000')
    """

    def lin(c: int) -> float:
        s = c / 255.0
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (lin(c) for c in rgb(background))
    lum = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "#000000" if (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05) else "#ffffff"


def nice_ticks(lo: float, hi: float, n: int = 5) -> list[float]:
    """Round tick values covering ``[lo, hi]`` (about ``n`` of them).

    Examples
    --------
    >>> nice_ticks(-3.2, 11.0)
    [-5.0, 0.0, 5.0, 10.0, 15.0]
    """
    if hi <= lo:
        hi = lo + 1.0
    raw = (hi - lo) / max(n - 1, 1)
    mag = 10.0 ** math.floor(math.log10(raw))
    step = next(s * mag for s in (1.0, 2.0, 2.5, 5.0, 10.0) if s * mag >= raw)
    start = math.floor(lo / step) * step
    out = []
    t = start
    while t < hi + step * 0.999:
        out.append(round(t, 10) + 0.0)
        t += step
    return out


def _n(x: float) -> str:
    """A coordinate with two decimals."""
    return f"{x:.2f}"


def short(text: str, limit: int = 34) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def svg_open(chart_id: str, title: str, desc: str, width: int, height: int) -> str:
    """The opening ``<svg>`` with its title and description."""
    return (
        f'<svg class="chart" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" {FONT} '
        f'font-size="12"><title id="{chart_id}-title">{esc(title)}</title>'
        f'<desc id="{chart_id}-desc">{esc(desc)}</desc>'
    )


def _text(x: float, y: float, s: str, anchor: str = "start", **attrs: str) -> str:
    extra = "".join(f' {k.replace("_", "-")}="{v}"' for k, v in attrs.items())
    return f'<text x="{_n(x)}" y="{_n(y)}" text-anchor="{anchor}"{extra}>{esc(s)}</text>'


def criterion_colours(data: ReportData) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """A colour per criterion (hue by group, alternating shade within it) and the legend."""
    crits = data.export.get("criteria", [])
    groups: list[str] = []
    for c in crits:
        g = c.get("group") or ""
        if g not in groups:
            groups.append(g)
    colours: dict[str, str] = {}
    if len(groups) > 1 and len(groups) <= len(PALETTE):
        seen: dict[str, int] = {}
        for c in crits:
            g = c.get("group") or ""
            base = PALETTE[groups.index(g)]
            n = seen.get(g, 0)
            seen[g] = n + 1
            colours[c["id"]] = base if n % 2 == 0 else lighten(base, 0.45)
        legend = [(g or "(no group)", PALETTE[i]) for i, g in enumerate(groups)]
        return colours, legend
    names = criterion_names(data)
    for i, c in enumerate(crits):
        base = PALETTE[i % len(PALETTE)]
        colours[c["id"]] = lighten(base, 0.45 * ((i // len(PALETTE)) % 2))
    return colours, [(short(names[c["id"]], 40), colours[c["id"]]) for c in crits]


def contribution_chart(data: ReportData, chart_id: str) -> str:
    """Stacked horizontal bars: each ranked option's score split into criterion contributions."""
    names, cnames = option_names(data), criterion_names(data)
    colours, legend = criterion_colours(data)
    ranking = data.ranking.get("ranking", [])
    x0, plot_w, row_h = 12.0, 600.0, 44.0
    top = 24.0
    legend_cols = 3
    legend_rows = math.ceil(len(legend) / legend_cols)
    height = int(top + row_h * len(ranking) + 34 + 18 * legend_rows + 8)
    width = 720
    desc = (
        f"Stacked bars of each option's overall score on 0-100 under weight set "
        f"'{data.ranking.get('weight_set', '')}', split into the contribution of each criterion "
        "(weight times value), in rank order: "
        + "; ".join(f"{x['rank']}. {x['name']} {fscore(x['score'])}" for x in ranking)
        + ". Colours show the criterion groups; the table below gives every contribution."
    )
    out = [svg_open(chart_id, "Ranking with criterion contributions", desc, width, height)]
    crits = data.export.get("criteria", [])
    groups = list(dict.fromkeys(c.get("group") or "" for c in crits))
    stack_order = [c["id"] for c in sorted(crits, key=lambda c: groups.index(c.get("group") or ""))]
    axis_y = top + row_h * len(ranking)
    for t in range(0, 101, 20):
        x = x0 + plot_w * t / 100
        out.append(
            f'<line x1="{_n(x)}" y1="{_n(top - 4)}" x2="{_n(x)}" y2="{_n(axis_y)}" '
            'stroke="#d0d0d0" stroke-width="1"/>'
        )
        out.append(_text(x, axis_y + 14, str(t), "middle"))
    out.append(_text(x0 + plot_w / 2, axis_y + 28, "score (0-100)", "middle"))
    for r, entry in enumerate(ranking):
        o = entry["option"]
        y = top + r * row_h
        label = f"{entry['rank']}. {names.get(o, entry['name'])}"
        out.append(_text(x0, y + 8, label, font_weight="600"))
        x = x0
        for c in stack_order:
            v = float(data.contributions.get(o, {}).get(c, 0.0))
            if v <= 0:
                continue
            wpx = plot_w * v / 100
            out.append(
                f'<rect x="{_n(x)}" y="{_n(y + 12)}" width="{_n(wpx)}" height="20" '
                f'fill="{colours.get(c, "#999999")}" stroke="#ffffff" stroke-width="0.75">'
                f"<title>{esc(cnames.get(c, c))}: {fscore(v)} points</title></rect>"
            )
            x += wpx
        out.append(_text(x + 6, y + 27, fscore(entry["score"])))
    ly = axis_y + 40
    col_w = width / legend_cols
    for i, (label, colour) in enumerate(legend):
        lx, lyy = 12 + (i % legend_cols) * col_w, ly + (i // legend_cols) * 18
        out.append(
            f'<rect x="{_n(lx)}" y="{_n(lyy)}" width="12" height="12" fill="{colour}" '
            'stroke="#333333" stroke-width="0.5"/>'
        )
        out.append(_text(lx + 18, lyy + 10, label))
    out.append("</svg>")
    return "".join(out)


def _option_styles(data: ReportData, options: Sequence[str]) -> dict[str, tuple[str, str]]:
    """A (colour, dash) per option, by rank order so every chart agrees."""
    order = ranked_ids(data) + sorted(o for o in options if o not in ranked_ids(data))
    return {o: (PALETTE[i % len(PALETTE)], DASHES[i % len(DASHES)]) for i, o in enumerate(order)}


def _spread(ys: list[float], gap: float, lo: float, hi: float) -> list[float]:
    """Label positions at least ``gap`` apart, kept near ``ys`` and inside ``[lo, hi]``."""
    order = sorted(range(len(ys)), key=lambda i: ys[i])
    pos = [ys[i] for i in order]
    for i in range(1, len(pos)):
        pos[i] = max(pos[i], pos[i - 1] + gap)
    overflow = pos[-1] - hi if pos else 0.0
    if overflow > 0:
        pos = [p - overflow for p in pos]
        for i in range(len(pos) - 2, -1, -1):
            pos[i] = min(pos[i], pos[i + 1] - gap)
    out = [0.0] * len(ys)
    for i, p in zip(order, pos, strict=True):
        out[i] = max(p, lo)
    return out


def oneway_chart(data: ReportData, entry: dict[str, Any], chart_id: str) -> str:
    """Each option's score as one criterion's weight moves over 0..1, crossovers marked."""
    crit = entry["criterion"]
    names, cnames = option_names(data), criterion_names(data)
    lines = oneway_lines(data, crit)
    styles = _option_styles(data, list(lines))
    w = float(entry.get("weight", 0.0))
    lo_s, hi_s = (entry.get("stability_interval") or [0.0, 1.0])[:2]
    x0, x1, y0, y1 = 52.0, 530.0, 28.0, 268.0
    width, height = 800, 312

    def px(t: float) -> float:
        return x0 + (x1 - x0) * t

    def py(s: float) -> float:
        return y1 - (y1 - y0) * min(100.0, max(0.0, s)) / 100.0

    changes = [x for x in entry.get("crossovers", []) if x.get("top_changes")]
    cname = cnames.get(crit, crit)
    desc = (
        f"Each option's overall score (0-100) as the weight of '{cname}' moves from 0 to 1, "
        f"the other weights rescaled in proportion. The current weight is {fweight(w)}; the top "
        f"option stays top for weights from {fweight(lo_s)} to {fweight(hi_s)} (shaded). "
        + " ".join(
            f"At weight {fweight(x['weight'])} the top option changes from "
            f"{names.get(x['options'][0], x['options'][0])} to "
            f"{names.get(x['options'][1], x['options'][1])}."
            for x in changes
        )
        + " Scores at weight 0 and 1: "
        + "; ".join(f"{names.get(o, o)} {fscore(a)} to {fscore(b)}" for o, (a, b) in lines.items())
        + "."
    )
    out = [svg_open(chart_id, f"One-way sensitivity: weight of {cname}", desc, width, height)]
    band_x, band_w = px(float(lo_s)), px(float(hi_s)) - px(float(lo_s))
    out.append(
        f'<rect x="{_n(band_x)}" y="{_n(y0)}" width="{_n(band_w)}" '
        f'height="{_n(y1 - y0)}" fill="#ececec"><title>top option unchanged for weights '
        f"{fweight(lo_s)} to {fweight(hi_s)}</title></rect>"
    )
    for i in range(6):
        t, s = i / 5, 20.0 * i
        out.append(
            f'<line x1="{_n(x0)}" y1="{_n(py(s))}" x2="{_n(x1)}" y2="{_n(py(s))}" '
            'stroke="#d0d0d0" stroke-width="1"/>'
        )
        out.append(_text(x0 - 6, py(s) + 4, str(int(s)), "end"))
        out.append(_text(px(t), y1 + 16, f"{t:.1f}", "middle"))
    out.append(
        f'<rect x="{_n(x0)}" y="{_n(y0)}" width="{_n(x1 - x0)}" height="{_n(y1 - y0)}" '
        'fill="none" stroke="#333333" stroke-width="1"/>'
    )
    out.append(_text((x0 + x1) / 2, y1 + 34, f"weight of {short(cname, 60)}", "middle"))
    out.append(
        _text(14, (y0 + y1) / 2, "score", "middle", transform=f"rotate(-90 14 {_n((y0 + y1) / 2)})")
    )
    for o, (a, b) in lines.items():
        colour, dash = styles[o]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(
            f'<line x1="{_n(px(0))}" y1="{_n(py(a))}" x2="{_n(px(1))}" y2="{_n(py(b))}" '
            f'stroke="{colour}" stroke-width="2.25"{dash_attr}>'
            f"<title>{esc(names.get(o, o))}: {fscore(a)} at weight 0, {fscore(b)} at 1</title>"
            "</line>"
        )
    labels = list(lines)
    ys = _spread([py(lines[o][1]) + 4 for o in labels], 13.0, y0 + 4, y1 + 4)
    for o, y in zip(labels, ys, strict=True):
        colour, dash = styles[o]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(
            f'<line x1="{_n(x1 + 6)}" y1="{_n(y - 4)}" x2="{_n(x1 + 30)}" y2="{_n(y - 4)}" '
            f'stroke="{colour}" stroke-width="2.25"{dash_attr}/>'
        )
        out.append(_text(x1 + 34, y, short(names.get(o, o), 40), font_size="11"))
    out.append(
        f'<line x1="{_n(px(w))}" y1="{_n(y0 - 6)}" x2="{_n(px(w))}" y2="{_n(y1)}" '
        'stroke="#000000" stroke-width="1.5" stroke-dasharray="5 3"/>'
    )
    out.append(_text(px(w), y0 - 10, f"current {fweight(w)}", "middle"))
    last_label = -1e9
    below = False
    for x in sorted(entry.get("crossovers", []), key=lambda x: bool(x.get("top_changes"))):
        t = float(x["weight"])
        a, b = lines.get(x["options"][0], (0.0, 0.0))
        s = a + (b - a) * t
        who = " / ".join(names.get(o, o) for o in x["options"])
        if x.get("top_changes"):
            out.append(
                f'<circle cx="{_n(px(t))}" cy="{_n(py(s))}" r="6" fill="#D55E00" '
                f'stroke="#000000" stroke-width="1"><title>top option changes at weight '
                f"{fweight(t)}: {esc(who)}</title></circle>"
            )
            below = px(t) - last_label < 40 and not below
            last_label = px(t)
            ly = py(s) + 20 if below else py(s) - 10
            out.append(_text(px(t), ly, fweight(t), "middle", font_weight="700"))
        else:
            out.append(
                f'<circle cx="{_n(px(t))}" cy="{_n(py(s))}" r="3.5" fill="#ffffff" '
                f'stroke="#333333" stroke-width="1.25"><title>crossover at weight {fweight(t)}: '
                f"{esc(who)}</title></circle>"
            )
    out.append("</svg>")
    return "".join(out)


def acceptability_chart(data: ReportData, chart_id: str) -> str:
    """A heat map of rank acceptability: options in rows, ranks in columns, percent in cells."""
    smaa = data.smaa or {}
    names = option_names(data)
    acc: dict[str, list[float]] = smaa.get("acceptability", {})
    opts = smaa_options(data)
    m = max((len(v) for v in acc.values()), default=0)
    label_w, cell_w, cell_h, top = 250.0, 64.0, 26.0, 24.0
    width = int(label_w + cell_w * m + 12)
    height = int(top + cell_h * len(opts) + 30)
    desc = (
        f"Rank acceptability over {smaa.get('samples', '?')} weight samples: the share of samples "
        "in which each option takes each rank (darker is more). "
        + "; ".join(
            f"{names.get(o, o)}: "
            + ", ".join(f"rank {r + 1} {fpct(b)}" for r, b in enumerate(acc[o]))
            for o in opts
        )
        + "."
    )
    out = [svg_open(chart_id, "Rank acceptability heat map", desc, width, height)]
    for r in range(m):
        out.append(_text(label_w + cell_w * (r + 0.5), top - 8, f"rank {r + 1}", "middle"))
    for i, o in enumerate(opts):
        y = top + i * cell_h
        out.append(_text(label_w - 8, y + cell_h / 2 + 4, short(names.get(o, o), 36), "end"))
        for r, b in enumerate(acc[o]):
            fill = ramp(PROB_RAMP, float(b))
            x = label_w + r * cell_w
            out.append(
                f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(cell_w)}" height="{_n(cell_h)}" '
                f'fill="{fill}" stroke="#ffffff" stroke-width="1"><title>{esc(names.get(o, o))}, '
                f"rank {r + 1}: {fpct(b)}</title></rect>"
            )
            out.append(_text(x + cell_w / 2, y + cell_h / 2 + 4, fpct(b), "middle", fill=ink(fill)))
    out.append(_text(label_w, top + cell_h * len(opts) + 20, "share of weight samples", "start"))
    out.append("</svg>")
    return "".join(out)


def tornado_chart(data: ReportData, chart_id: str) -> str:
    """Horizontal bars from each input's low to high result around the base, largest first."""
    entries = tornado_entries(data)
    measure = tornado_measure(data)
    nums = [float(e[k]) for e in entries for k in ("low", "high")]
    nums += [float(e["base"]) for e in entries if e.get("base") is not None]
    ticks = nice_ticks(min(nums, default=0.0), max(nums, default=1.0))
    lo, hi = ticks[0], ticks[-1]
    label_w, plot_w, row_h, top = 330.0, 380.0, 24.0, 20.0
    width, height = int(label_w + plot_w + 70), int(top + row_h * len(entries) + 44)

    def px(v: float) -> float:
        return label_w + plot_w * (v - lo) / (hi - lo)

    desc = (
        f"Tornado chart of the {measure}: for each input, the result at its low and high "
        "setting, largest effect first. "
        + "; ".join(
            f"{e['label']}: {fscore(e['low'])} to {fscore(e['high'])}"
            + (f" (base {fscore(e['base'])})" if e.get("base") is not None else "")
            + (f", {e['new_top']} would rank first" if e.get("new_top") else "")
            for e in entries
        )
        + "."
    )
    out = [svg_open(chart_id, f"Tornado: {measure}", desc, width, height)]
    axis_y = top + row_h * len(entries)
    for v in ticks:
        out.append(
            f'<line x1="{_n(px(v))}" y1="{_n(top - 4)}" x2="{_n(px(v))}" y2="{_n(axis_y)}" '
            'stroke="#d0d0d0" stroke-width="1"/>'
        )
        out.append(_text(px(v), axis_y + 14, f"{v:g}", "middle"))
    out.append(_text(label_w + plot_w / 2, axis_y + 32, measure, "middle"))
    for i, e in enumerate(entries):
        y = top + i * row_h
        low, high = float(e["low"]), float(e["high"])
        base = float(e["base"]) if e.get("base") is not None else (low + high) / 2
        out.append(
            _text(label_w - 8, y + row_h / 2 + 4, short(str(e["label"]), 48), "end", font_size="11")
        )
        for end, colour, which in ((low, "#0072B2", "low"), (high, "#E69F00", "high")):
            a, b = sorted((base, end))
            out.append(
                f'<rect x="{_n(px(a))}" y="{_n(y + 4)}" width="{_n(px(b) - px(a))}" '
                f'height="{_n(row_h - 8)}" fill="{colour}"><title>{esc(e["label"])}, {which}: '
                f"{fscore(end)}</title></rect>"
            )
        left, right = min(low, high, base), max(low, high, base)
        out.append(_text(px(left) - 4, y + row_h / 2 + 4, fscore(min(low, high)), "end"))
        out.append(_text(px(right) + 4, y + row_h / 2 + 4, fscore(max(low, high))))
    bases = {float(e["base"]) for e in entries if e.get("base") is not None}
    if len(bases) == 1:
        b = bases.pop()
        out.append(
            f'<line x1="{_n(px(b))}" y1="{_n(top - 6)}" x2="{_n(px(b))}" y2="{_n(axis_y)}" '
            'stroke="#000000" stroke-width="1.5"/>'
        )
    if lo < 0 < hi:
        out.append(
            f'<line x1="{_n(px(0))}" y1="{_n(top - 6)}" x2="{_n(px(0))}" y2="{_n(axis_y)}" '
            'stroke="#D55E00" stroke-width="1.5" stroke-dasharray="4 3"/>'
        )
    legend_x = label_w + plot_w + 12
    for j, (colour, label) in enumerate((("#0072B2", "low"), ("#E69F00", "high"))):
        out.append(
            f'<rect x="{_n(legend_x)}" y="{_n(top + j * 18)}" width="12" height="12" '
            f'fill="{colour}"/>'
        )
        out.append(_text(legend_x + 16, top + j * 18 + 10, label))
    out.append("</svg>")
    return "".join(out)
