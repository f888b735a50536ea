"""Text from a case never drives the terminal, the notebook, the browser or the spreadsheet."""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import appraisal
from appraisal import cli
from appraisal._terminal import json_safe, terminal_safe
from appraisal.compare import compare
from appraisal.errors import Issue
from hostile import FORMULA, MARKUP, TERMINAL, hostile_case

RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


# --- the terminal ------------------------------------------------------------------------------


def test_terminal_safe_escapes_every_control_but_newline_and_tab() -> None:
    every = "".join(map(chr, range(0xA0))) + "\u202e\u2066"
    safe = terminal_safe(every)
    assert RAW_CONTROL.search(safe) is None
    assert "\n" in safe and "\t" in safe
    assert "\\x1b" in safe and "\\x7f" in safe and "\\x9b" in safe and "\\u202e" in safe
    assert terminal_safe("plain ü — ok") == "plain ü — ok"


@pytest.mark.parametrize(
    "argv",
    [
        ["rank"],
        ["rank", "--format", "csv"],
        ["rank", "--format", "markdown"],
        ["rank", "--format", "json"],
        ["weights"],
        ["compare"],
        ["compare", "--format", "csv"],
        ["export"],
        ["sensitivity"],
        ["sensitivity", "-m", "tornado"],
        ["sensitivity", "-m", "scores"],
        ["sensitivity", "-m", "distance"],
        ["sensitivity", "-m", "smaa", "-n", "200", "-s", "1"],
    ],
)
def test_every_printing_path_escapes_control_characters(
    monkeypatch: pytest.MonkeyPatch, argv: list[str]
) -> None:
    case = hostile_case(TERMINAL + "\x9b31m\u202e")
    monkeypatch.setattr(cli, "load", lambda path: case)
    code, out, err = run(*argv)
    assert code == 0, err
    assert RAW_CONTROL.search(out) is None, out[:300]
    assert RAW_CONTROL.search(err) is None
    if "json" in argv or argv == ["export"]:
        # the data is kept; only its printing is escaped
        assert any(TERMINAL in t for t in _strings(json.loads(out)))
    elif "markdown" in argv:  # Markdown escapes the backslashes and brackets of the escapes too
        assert "\\\\x1b\\]0;x\\\\x07\\\\x1b\\[2J" in out
    elif argv[0] in ("rank", "compare", "export"):
        assert "\\x1b]0;x\\x07\\x1b[2J" in out


def _strings(data: Any) -> list[str]:
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [t for k, v in data.items() for t in [*_strings(k), *_strings(v)]]
    if isinstance(data, list):
        return [t for v in data for t in _strings(v)]
    return []


def test_error_messages_quoting_input_are_escaped(repo: Path) -> None:
    code, _, err = run("rank", str(repo), "--weights", TERMINAL)
    assert code == 1
    assert RAW_CONTROL.search(err) is None
    assert "\\x1b]0;x\\x07\\x1b[2J" in err
    code, _, err = run("rank", str(repo), "--format", TERMINAL)  # an argparse usage error
    assert code == 2


def test_usage_errors_quoting_input_are_escaped(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["rank", str(repo), "--format", TERMINAL]) == 2
    err = capsys.readouterr().err
    assert "invalid choice" in err and RAW_CONTROL.search(err) is None


def test_validate_prints_issues_escaped(monkeypatch: pytest.MonkeyPatch) -> None:
    issues = [
        Issue(f"options/{TERMINAL}.yaml", 1, 1, "name", f"bad {TERMINAL}.", TERMINAL),
        Issue("options/a.yaml", 2, 1, "x", f"also {TERMINAL}.", None, "warning"),
    ]
    from appraisal.io.load import CaseCheck

    monkeypatch.setattr(cli, "check_case", lambda path: CaseCheck(issues, 1, 1, 0))
    for fmt in ("text", "json"):
        code, out, _ = run("validate", ".", "--format", fmt)
        assert code == 1
        assert RAW_CONTROL.search(out) is None
    assert json.loads(out)["issues"][0]["value"] == TERMINAL


def test_json_safe_keeps_the_data() -> None:
    data = {"name": "a\x7fb\x85c\u2028d\u202ee", "n": -1}
    text = json_safe(json.dumps(data, ensure_ascii=False))
    assert RAW_CONTROL.search(text) is None and "\u2028" not in text
    assert json.loads(text) == data


# --- HTML: notebooks and the report ---------------------------------------------------------


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.on_attributes: list[tuple[str, str, str | None]] = []
        self.data: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        for name, value in attrs:
            if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                self.on_attributes.append((tag, name, value))

    def handle_data(self, data: str) -> None:
        self.data.append(data)


def parse(page: str) -> _Tags:
    parser = _Tags()
    parser.feed(page)
    parser.close()
    return parser


TABLE_TAGS = {"table", "caption", "thead", "tbody", "tr", "th", "td", "ul", "li"}


def test_ranking_repr_html_escapes_labels() -> None:
    # the reproducer: an option id in the "dominated by" note ran as markup in a notebook
    case = hostile_case(MARKUP)
    page = case.rank()._repr_html_()
    found = parse(page)
    assert found.tags <= TABLE_TAGS, found.tags
    assert found.on_attributes == []
    assert any(MARKUP in d for d in found.data)  # shown as text, in full


def test_comparison_repr_html_escapes_labels() -> None:
    found = parse(compare(hostile_case(MARKUP))._repr_html_())
    assert found.tags <= TABLE_TAGS and found.on_attributes == []


def test_every_repr_html_in_the_package_escapes() -> None:
    case = hostile_case(MARKUP)
    results: list[Any] = [case.rank(), compare(case), case.oneway(), case.tornado()]
    results += [case.smaa(samples=100, seed=0), case.score_switching(), case.weight_distance()]
    for result in results:
        method = getattr(result, "_repr_html_", None)
        if method is None:
            continue
        found = parse(method())
        assert found.tags <= TABLE_TAGS, (type(result).__name__, found.tags)
        assert found.on_attributes == []


REPORT_TAGS = {
    "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "p", "strong",
    "nav", "ol", "li", "a", "main", "section", "table", "caption", "thead", "tbody", "tr", "th",
    "td", "ul", "details", "summary", "span", "br", "figure", "figcaption", "div", "code",
    "svg", "g", "rect", "line", "text", "desc", "path", "circle", "polyline", "tspan",
    "polygon",
}  # fmt: skip


def test_html_report_escapes_hostile_text_everywhere(tmp_path: Path) -> None:
    from appraisal.report.build import report_text

    case = hostile_case(MARKUP)
    page = report_text(case, fmt="html", weights="dfe-intervention", samples=300, seed=0)
    found = parse(page)
    assert found.tags <= REPORT_TAGS, found.tags - REPORT_TAGS
    assert found.on_attributes == []
    assert "<script" not in page and "<img" not in page
    hrefs = re.findall(r'href="([^"]*)"', page)
    assert all(h.startswith(("#", "http://", "https://")) for h in hrefs), hrefs


def test_markdown_report_escapes_markup() -> None:
    from appraisal.report.build import report_text

    text = report_text(hostile_case(MARKUP), fmt="markdown", samples=0)
    assert "<img" not in text and "<script" not in text


def test_markdown_rank_output_escapes_markup(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "load", lambda path: hostile_case(MARKUP))
    code, out, _ = run("rank", "--format", "markdown")
    assert code == 0
    table = [line for line in out.splitlines() if line.startswith("|")]
    assert table and not any("<img" in line for line in table)


# --- spreadsheets ------------------------------------------------------------------------------

STARTS = ["=1+2", "+1+2", "-1+2", "@SUM(A1)", "\t=1", "\r=1", FORMULA]


@pytest.mark.parametrize("start", STARTS)
def test_csv_never_starts_a_text_cell_with_a_formula_character(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, start: str
) -> None:
    monkeypatch.setattr(cli, "load", lambda path: hostile_case(start))
    target = tmp_path / "rank.csv"
    assert run("rank", "--format", "csv", "-o", str(target))[0] == 0
    rows = list(csv.reader(io.StringIO(target.read_bytes().decode("utf-8"), newline="")))
    cells = [c for row in rows for c in row]
    assert terminal_safe(f"'{start}") in cells  # a carriage return is also shown as \x0d
    assert not any(c.startswith(("=", "+", "-", "@", "\t", "\r")) for c in cells)
    # numbers are written as numbers: the scores column parses, nothing is quoted
    assert all(float(row[3]) >= 0 for row in rows[1:])


def test_csv_keeps_negative_numbers_as_numbers() -> None:
    from appraisal._table import csv_table

    text = csv_table(["a", "b", "c"], [[-1.5, -2, "-3"]])
    assert text.splitlines()[1] == "-1.5,-2,'-3"


def _xlsx(case: appraisal.Appraisal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    openpyxl = pytest.importorskip("openpyxl")
    monkeypatch.setattr(cli, "load", lambda path: case)
    target = tmp_path / "out.xlsx"
    code, _, err = run("export", "--format", "xlsx", "-o", str(target))
    assert code == 0, err
    return openpyxl.load_workbook(target)


@pytest.mark.parametrize("start", STARTS)
def test_xlsx_stores_formula_like_text_as_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, start: str
) -> None:
    book = _xlsx(hostile_case(start), tmp_path, monkeypatch)
    kinds = {cell.data_type for sheet in book for row in sheet.iter_rows() for cell in row}
    assert "f" not in kinds
    values = [cell.value for sheet in book for row in sheet.iter_rows() for cell in row]
    # a carriage return comes back escaped (_x000D_, newer openpyxl) or, through XML's newline
    # rule, as a line feed (openpyxl 3.1.0); either way the text is kept as text
    expected = {start, start.replace("\r", "_x000D_"), start.replace("\r", "\n")}
    assert any(v in expected for v in values), start
    assert book["Scores"]["C3"].data_type == "n"  # scores stay numbers


def test_xlsx_export_of_control_characters_does_not_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the reproducer: a BEL in a name raised openpyxl's IllegalCharacterError
    book = _xlsx(hostile_case("bell\x07" + TERMINAL), tmp_path, monkeypatch)
    values = [str(c.value) for s in book for row in s.iter_rows() for c in row if c.value]
    assert "bell\\x07\\x1b]0;x\\x07\\x1b[2J" in values
    comments = [c.comment.text for row in book["Scores"].iter_rows() for c in row if c.comment]
    assert any("bell\\x07" in t for t in comments)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(list(',"\r\n\t=+-@ ab\x1bé'))), min_size=1))
def test_csv_round_trips_any_text(cells: list[str]) -> None:
    from appraisal._table import csv_table, csv_text

    text = csv_table(["h"] * len(cells), [cells])
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows == [["h"] * len(cells), [csv_text(c) for c in cells]]


@pytest.mark.parametrize("fmt", ["html", "markdown"])
def test_report_files_carry_no_raw_control_characters(fmt: str) -> None:
    from appraisal.report.build import report_text

    text = report_text(hostile_case(TERMINAL), fmt=fmt, samples=200, seed=0)
    assert RAW_CONTROL.search(text) is None
    assert "x1b" in text and "x07" in text  # shown, escaped


@pytest.mark.parametrize("fmt", ["text", "csv", "markdown", "json"])
def test_output_file_and_standard_output_hold_the_same_text(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, fmt: str
) -> None:
    monkeypatch.setattr(cli, "load", lambda path: hostile_case(TERMINAL + "=x"))
    code, out, _ = run("rank", "--format", fmt)
    assert code == 0
    target = tmp_path / "r.out"
    assert run("rank", "--format", fmt, "-o", str(target))[0] == 0
    assert target.read_bytes().decode("utf-8") == out
    assert RAW_CONTROL.search(out) is None
