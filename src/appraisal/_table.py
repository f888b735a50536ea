"""Plain-text, Markdown, CSV and HTML tables from rows of cells (no I/O, no dependencies)."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from appraisal._terminal import terminal_safe

__all__ = ["csv_table", "csv_text", "html_table", "markdown_table", "md_escape", "text_table"]

Cell = str | int | float | None


def _fmt(x: Cell, digits: int = 2) -> str:
    if x is None:
        return ""
    if isinstance(x, float):
        return f"{x:.{digits}f}"
    return str(x)


def _numeric(x: Cell) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool)


def text_table(headers: Sequence[str], rows: Sequence[Sequence[Cell]], digits: int = 2) -> str:
    """A fixed-width table; numbers right-aligned.

    Examples
    --------
    >>> print(text_table(["rank", "option"], [[1, "a"], [2, "bb"]]))
    rank  option
       1  a
       2  bb
    """
    cells = [[_fmt(c, digits) for c in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in cells:
        widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]
    right = [
        bool(rows) and all(_numeric(r[j]) or r[j] is None for r in rows)
        for j in range(len(headers))
    ]

    def line(parts: Sequence[str]) -> str:
        out = [
            p.rjust(w) if r else p.ljust(w) for p, w, r in zip(parts, widths, right, strict=True)
        ]
        return "  ".join(out).rstrip()

    return "\n".join([line(list(headers)), *(line(r) for r in cells)])


_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


def md_escape(text: object) -> str:
    """Text safe inside a Markdown table cell or paragraph.

    Tags cannot form (``<`` becomes ``&lt;``, ``>`` ``&gt;``); the inline Markdown markers
    (backslash, backtick, ``*``, ``_``, ``[``, ``]``, ``|``, ``~``) get a backslash; line breaks
    become spaces; other control characters are shown as ``\\xNN``.

    Examples
    --------
    >>> md_escape("a|b <script>*x*</script>")
    'a\\\\|b &lt;script&gt;\\\\*x\\\\*&lt;/script&gt;'
    """
    t = terminal_safe(str(text)).replace("<", "&lt;").replace(">", "&gt;")
    t = _MD_SPECIAL.sub(r"\\\1", t)
    return " ".join(t.split())


def markdown_table(headers: Sequence[str], rows: Sequence[Sequence[Cell]], digits: int = 2) -> str:
    """A GitHub-flavoured Markdown table (pipes escaped, ``<`` and ``>`` as entities).

    Examples
    --------
    >>> print(markdown_table(["a", "b"], [[1, "x|y"]]))
    | a | b |
    | ---: | --- |
    | 1 | x\\|y |
    """

    esc = md_escape

    align = [
        "---:" if rows and all(_numeric(r[j]) or r[j] is None for r in rows) else "---"
        for j in range(len(headers))
    ]
    out = ["| " + " | ".join(esc(h) for h in headers) + " |", "| " + " | ".join(align) + " |"]
    out += ["| " + " | ".join(esc(_fmt(c, digits)) for c in row) + " |" for row in rows]
    return "\n".join(out)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_text(text: str) -> str:
    """Text a spreadsheet opening the CSV will not evaluate (OWASP CSV injection).

    Text starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return gets a leading
    ``'``; numbers are never passed here, so negative numbers stay numbers.

    Examples
    --------
    >>> print(csv_text('=HYPERLINK("http://x")'), csv_text("-5 and falling"), csv_text("plain"))
    '=HYPERLINK("http://x") '-5 and falling plain
    """
    return "'" + text if text.startswith(_FORMULA_START) else text


def _csv_field(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float):
        return repr(cell)
    if not isinstance(cell, str):
        return str(cell)
    text = csv_text(cell)
    # quoted like the csv module's QUOTE_MINIMAL, but a bare carriage return is quoted too
    # (with a "\n" line terminator the csv module leaves it bare, and readers split the row)
    if any(ch in text for ch in ',"\n\r'):
        return '"' + text.replace('"', '""') + '"'
    return text


def csv_table(headers: Sequence[str], rows: Sequence[Sequence[Cell]]) -> str:
    """RFC 4180 CSV with full-precision numbers and ``\\n`` line endings.

    Text cells that a spreadsheet would read as a formula are prefixed with ``'``
    (:func:`csv_text`); a cell holding a comma, quote, line feed or carriage return is quoted.

    Examples
    --------
    >>> print(csv_table(["option", "score"], [["a, b", 1.5], ["=1+1", -2]]), end="")
    option,score
    "a, b",1.5
    '=1+1,-2
    """
    lines = [",".join(_csv_field(c) for c in row) for row in [list(headers), *rows]]
    # a row of one empty cell is written '""', as the csv module does, so it is not a blank line
    return "".join((line or '""') + "\n" for line in lines)


def html_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    caption: str | None = None,
    digits: int = 2,
    notes: Sequence[str] = (),
) -> str:
    """An accessible HTML table (caption, ``<th scope="col">``), everything escaped.

    ``notes``, when given, follow the table as a list.

    Examples
    --------
    >>> html_table(["option"], [["<b>x</b>"]], notes=["<i>tied</i>"]).split("</thead>")[1]
    '<tbody><tr><td>&lt;b&gt;x&lt;/b&gt;</td></tr></tbody></table><ul><li>&lt;i&gt;tied&lt;/i&gt;</li></ul>'
    """
    parts = ["<table>"]
    if caption:
        parts.append(f"<caption>{html.escape(caption)}</caption>")
    parts.append(
        "<thead><tr>"
        + "".join(f'<th scope="col">{html.escape(h)}</th>' for h in headers)
        + "</tr></thead><tbody>"
    )
    for row in rows:
        tds = "".join(
            f'<td style="text-align:right">{html.escape(_fmt(c, digits))}</td>'
            if _numeric(c)
            else f"<td>{html.escape(_fmt(c, digits))}</td>"
            for c in row
        )
        parts.append(f"<tr>{tds}</tr>")
    parts.append("</tbody></table>")
    if notes:
        parts.append("<ul>" + "".join(f"<li>{html.escape(n)}</li>" for n in notes) + "</ul>")
    return "".join(parts)
