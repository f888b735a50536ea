"""The hardened YAML reader: positions, YAML 1.2 scalars, duplicates, tags, bombs and limits.

Time-bounded behaviours (alias bombs, huge and deeply nested files) are checked by outcome:
the reader must stop with a clear message instead of building the data.
"""

from __future__ import annotations

import codecs
import math
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

import appraisal
from appraisal.io.yaml import messages as _yaml_messages
from appraisal.io.yaml import reader as _yaml
from appraisal.io.yaml.reader import Limits, parse_yaml, read_yaml

REPO = Path(__file__).resolve().parent.parent


def parse(text: str, limits: Limits | None = None) -> tuple[Any, list[str]]:
    doc, issues = parse_yaml(text, "f.yaml", limits)
    return (None if doc is None else doc.data), [str(i) for i in issues]


def only_issue(text: str, limits: Limits | None = None) -> str:
    _, issues = parse_yaml(text, "f.yaml", limits)
    assert len(issues) == 1, issues
    return str(issues[0])


# --- positions -------------------------------------------------------------------------------

POSITIONS_DOC = """\
title: Birmingham
scales:
  five-point:
    levels:
      - {value: 1, label: Low}
      - value: 2
        label: High
criteria: [outcomes, vision]
"""


@pytest.mark.parametrize(
    ("path", "where"),
    [
        ((), (1, 1)),
        (("title",), (1, 8)),
        (("scales",), (3, 3)),
        (("scales", "five-point", "levels"), (5, 7)),
        (("scales", "five-point", "levels", 0), (5, 9)),
        (("scales", "five-point", "levels", 0, "label"), (5, 27)),
        (("scales", "five-point", "levels", 1), (6, 9)),
        (("scales", "five-point", "levels", 1, "label"), (7, 16)),
        (("criteria", 1), (8, 22)),
    ],
)
def test_value_positions_are_1_based(path: tuple[Any, ...], where: tuple[int, int]) -> None:
    doc, issues = parse_yaml(POSITIONS_DOC, "f.yaml")
    assert issues == []
    assert doc is not None
    assert doc.positions[path] == where
    assert doc.locate(path) == where


@pytest.mark.parametrize(
    ("path", "where"),
    [
        (("title",), (1, 1)),
        (("scales", "five-point"), (3, 3)),
        (("scales", "five-point", "levels", 0, "label"), (5, 20)),
        (("scales", "five-point", "levels", 1, "label"), (7, 9)),
    ],
)
def test_key_positions(path: tuple[Any, ...], where: tuple[int, int]) -> None:
    doc, _ = parse_yaml(POSITIONS_DOC, "f.yaml")
    assert doc is not None
    assert doc.key_positions[path] == where
    assert doc.locate(path, key=True) == where


def test_locate_falls_back_to_the_closest_ancestor() -> None:
    doc, _ = parse_yaml(POSITIONS_DOC, "f.yaml")
    assert doc is not None
    assert doc.locate(("scales", "five-point", "levels", 0, "aliases")) == (5, 9)
    assert doc.locate(("nothing", "here")) == (1, 1)


def test_columns_count_characters_not_bytes() -> None:
    doc, _ = parse_yaml("é€𝄞: {a: 1, b: x}\n", "f.yaml")
    assert doc is not None
    assert doc.positions[("é€𝄞", "b")] == (1, 16)


# --- YAML 1.2 core scalars ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("yes", "yes"),
        ("no", "no"),
        ("on", "on"),
        ("off", "off"),
        ("Y", "Y"),
        ("2001-12-14", "2001-12-14"),
        ("2001-12-14t21:59:43.10-05:00", "2001-12-14t21:59:43.10-05:00"),
        ("12:30", "12:30"),
        ("1_000", "1_000"),
        ("0o17", 15),
        ("0x1F", 31),
        ("017", 17),
        ("+12", 12),
        ("-0", 0),
        ("1.5", 1.5),
        ("1e3", 1000.0),
        ("true", True),
        ("False", False),
        ("~", None),
        ("null", None),
        ("", None),
        ("'4'", "4"),
        ('"true"', "true"),
        ("!!str 5", "5"),
        ("!!int '7'", 7),
        ("!!float 1", 1.0),
        ("!!bool true", True),
        ("!!null ''", None),
    ],
)
def test_core_schema_scalars(text: str, value: Any) -> None:
    data, issues = parse(f"v: {text}\n")
    assert issues == []
    assert data["v"] == value
    assert type(data["v"]) is type(value)


@pytest.mark.parametrize(("text", "sign"), [(".inf", 1), ("+.INF", 1), ("-.Inf", -1)])
def test_infinities_are_floats(text: str, sign: int) -> None:
    data, _ = parse(f"v: {text}\n")
    assert data["v"] == sign * math.inf


@pytest.mark.parametrize("text", ["0e-400", "0.0e5", "-0.000e-999", "0.", ".0"])
def test_zero_written_with_a_large_exponent_is_still_zero(text: str) -> None:
    data, issues = parse(f"v: {text}\n")
    assert issues == []
    assert data["v"] == 0.0


def test_nan_is_a_float_and_negative_zero_keeps_its_sign() -> None:
    data, _ = parse("a: .nan\nb: -0.0\n")
    assert math.isnan(data["a"])
    assert data["b"] == 0.0
    assert math.copysign(1.0, data["b"]) == -1.0


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1" * 401, "an integer with 401 digits is too long (at most 400)."),
        ("0x" + "f" * 400, "an integer with 402 digits is too long (at most 400)."),
        (
            "1e400",
            "the number 1e400 is too large to be read (the largest is about 1.8e308); "
            "check the exponent.",
        ),
        (
            "-1e-400",
            "the number -1e-400 is too small to be read: it would become 0 (the smallest is "
            "about 5e-324); write 0, or check the exponent.",
        ),
        (
            "0.0000001e-330",
            "the number 0.0000001e-330 is too small to be read: it would become 0 (the "
            "smallest is about 5e-324); write 0, or check the exponent.",
        ),
        ("!!int x", "'x' is not a valid !!int."),
        ("!!float yes", "'yes' is not a valid !!float."),
    ],
)
def test_unreadable_numbers_are_reported(text: str, message: str) -> None:
    assert only_issue(f"v: {text}\n") == f"f.yaml:1:4: v: {message}"


# --- duplicate and odd keys -----------------------------------------------------------------


def test_duplicate_key_is_reported_and_the_first_value_kept() -> None:
    data, issues = parse("cell:\n  rationale: first\n  score: 3\n  rationale: second\n")
    assert data == {"cell": {"rationale": "first", "score": 3}}
    assert issues == [
        "f.yaml:4:3: cell.rationale: the key 'rationale' appears twice in this mapping "
        "(first at line 2); keep one."
    ]


@pytest.mark.parametrize(
    ("text", "where", "path"),
    [
        ("a: 1\na: 2\n", "2:1", "a"),
        ("- {x: 1, x: 2}\n", "1:10", "0.x"),
        ("a:\n  b:\n    - c: 1\n      c: 2\n", "4:7", "a.b.0.c"),
        ("1: a\n1: b\n", "2:1", "1"),
        ("true: a\nTrue: b\n", "2:1", "true"),
    ],
)
def test_duplicate_keys_at_any_depth(text: str, where: str, path: str) -> None:
    assert only_issue(text).startswith(f"f.yaml:{where}: {path}: the key ")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("? [a, b]\n: x\n", "f.yaml:1:3: a mapping key must be a word or a number, not list."),
        ("? {a: 1}\n: x\n", "f.yaml:1:3: a mapping key must be a word or a number, not dict."),
        ("~: x\n", "f.yaml:1:1: a mapping key must be a word or a number, not empty."),
        ("1.5: x\n", "f.yaml:1:1: a mapping key must be a word or a number, not float."),
    ],
)
def test_keys_must_be_words_or_numbers(text: str, message: str) -> None:
    data, issues = parse(text)
    assert issues == [message]
    assert data == {}


def test_merge_keys_are_reported_not_merged() -> None:
    data, issues = parse("base: &b {x: 1}\ncell:\n  <<: *b\n  y: 2\n")
    assert data["cell"] == {"y": 2}
    assert issues == [
        "f.yaml:3:3: cell: merge keys ('<<') are not supported; write the keys out in full."
    ]


# --- tags -----------------------------------------------------------------------------------


def _payload(target: Path) -> str:
    return f"id: x\nscore: !!python/object/apply:os.mkdir [{str(target)!r}]\n"


def test_python_tag_payload_is_live(tmp_path: Path) -> None:
    """Control: PyYAML's unsafe loader runs this payload, so the next test means something."""
    target = tmp_path / "made-by-unsafe-load"
    yaml.unsafe_load(_payload(target))
    assert target.is_dir()


def test_python_tags_are_reported_and_never_executed(tmp_path: Path) -> None:
    target = tmp_path / "pwned"
    doc, issues = parse_yaml(_payload(target), "f.yaml")
    assert not target.exists()
    assert [str(i) for i in issues] == [
        "f.yaml:2:8: score: the tag !!python/object/apply:os.mkdir is not allowed; only plain "
        "values (text, numbers, true/false, lists and mappings) are read, and nothing in a file "
        "is ever executed."
    ]
    assert doc is not None
    assert doc.data["score"] == [str(target)]  # the arguments, as plain data


def test_python_tags_in_a_case_are_never_executed(tmp_path: Path, case_copy: Path) -> None:
    target = tmp_path / "pwned"
    (case_copy / "options" / "outsource.yaml").write_text(
        "schema_version: 1\n"
        "id: !!python/object/new:os.mkdir [" + repr(str(target)) + "]\n"
        "name: !!python/object/apply:os.mkdir [" + repr(str(target)) + "]\n"
    )
    with pytest.raises(appraisal.InputValidationError) as info:
        appraisal.load(case_copy)
    assert not target.exists()
    assert [i.value for i in info.value.issues] == [
        "!!python/object/new:os.mkdir",
        "!!python/object/apply:os.mkdir",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "v: !!binary aGVsbG8=\n",
        "v: !!timestamp 2001-12-14\n",
        "v: !!set {a, b}\n",
        "v: !!omap [a: 1]\n",
        "v: !include other.yaml\n",
        "v: !<tag:example.com,2000:x> 1\n",
        "%TAG !e! tag:yaml.org,2002:python/\n---\nv: !e!object/apply:os.getcwd []\n",
    ],
)
def test_other_tags_are_reported(text: str) -> None:
    message = only_issue(text)
    assert "the tag !" in message
    assert message.endswith("nothing in a file is ever executed.")


# --- aliases and bombs ----------------------------------------------------------------------


def _billion_laughs() -> str:
    lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 10) + "]")
    return "\n".join(lines) + "\n"


def test_aliases_within_the_limit_are_expanded() -> None:
    data, issues = parse("a: &r Agreed by the panel.\nb: *r\nc: &l [1, 2]\nd: *l\n")
    assert issues == []
    assert data == {
        "a": "Agreed by the panel.",
        "b": "Agreed by the panel.",
        "c": [1, 2],
        "d": [1, 2],
    }


def test_billion_laughs_is_rejected() -> None:
    doc, issues = parse_yaml(_billion_laughs(), "bomb.yaml")
    assert doc is None
    assert [str(i) for i in issues] == [
        "bomb.yaml:6:8: f.0: the alias *e makes the file expand to more than 200,000 values "
        "('*' repeats all that '&e' names); this looks like an alias bomb. Write the values "
        "out, or raise Limits.max_nodes."
    ]


def test_quadratic_alias_blowup_is_rejected() -> None:
    text = "a: &a [" + ", ".join(["x"] * 5000) + "]\nb: [" + ", ".join(["*a"] * 100) + "]\n"
    doc, issues = parse_yaml(text, "f.yaml")
    assert doc is None
    assert "alias bomb" in str(issues[0])


def test_a_large_file_without_aliases_is_not_called_a_bomb() -> None:
    text = "v: [" + ", ".join(["1"] * 300) + "]\n"
    message = only_issue(text, Limits(max_nodes=100))
    assert message == (
        "f.yaml:1:" + str(5 + 3 * 97) + ": v.97: the file holds more than 100 values; "
        "split it, or raise Limits.max_nodes."
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "a: *nope\n",
            "f.yaml:1:4: a: the alias *nope refers to an anchor not defined above; write the "
            "value out in full.",
        ),
        (
            "a: &x [1, *x]\n",
            "f.yaml:1:11: a.1: the alias *x refers to itself; write the value out in full.",
        ),
    ],
)
def test_bad_aliases(text: str, message: str) -> None:
    data, issues = parse(text)
    assert data is None
    assert issues == [message]


# --- size and depth -------------------------------------------------------------------------


def test_a_50_mb_file_is_rejected_by_size_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:  # sparse: no 50 MB written
        handle.truncate(50_000_000)

    def no_reading(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the file was opened")

    monkeypatch.setattr(Path, "open", no_reading)
    doc, issues = read_yaml(big, "big.yaml")
    assert doc is None
    assert [str(i) for i in issues] == [
        "big.yaml:1:1: the file is 50,000,000 bytes, over the limit of 5,000,000; split it, "
        "or raise Limits.max_file_bytes."
    ]


def test_a_50_mb_option_file_fails_validation_clearly(case_copy: Path) -> None:
    with (case_copy / "options" / "outsource.yaml").open("r+b") as handle:
        handle.truncate(50_000_000)
    messages = [str(i) for i in appraisal.validate(case_copy) if i.severity == "error"]
    assert len(messages) == 1
    assert "outsource.yaml:1:1: the file is 50,000,000 bytes, over the limit" in messages[0]


def test_size_limit_applies_to_text_too() -> None:
    message = only_issue("a: 1\n" * 10, Limits(max_file_bytes=20))
    assert message.startswith("f.yaml:1:1: the text is over the limit of 20 bytes")


DEPTH_MESSAGE = (
    "the file is nested more than 64 levels deep; flatten it (or raise Limits.max_depth)."
)


def test_10000_level_flow_nesting_is_rejected(tmp_path: Path) -> None:
    deep = tmp_path / "deep.yaml"
    deep.write_text("[" * 10_000 + "]" * 10_000 + "\n")
    doc, issues = read_yaml(deep, "deep.yaml")
    assert doc is None
    assert [str(i) for i in issues] == [f"deep.yaml:1:65: 0.0.0.0...0.0: {DEPTH_MESSAGE}"]


class _OddlyWordedParser(yaml.SafeLoader):
    """A parser of some other PyYAML build: it gives up early, in its own words."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.events = 0

    def get_event(self) -> Any:
        self.events += 1
        if self.events > 5:
            mark = yaml.Mark("f", 0, 0, 0, None, None)
            raise yaml.scanner.ScannerError("while doing something", mark, "gave up", mark)
        return super().get_event()


@pytest.mark.parametrize(
    "text",
    ["[" * 100 + "]" * 100 + "\n", "a: [b, , c]\n", "a: 'x\nb: 2\n", "- " * 100 + "x\n"],
)
def test_issues_do_not_depend_on_the_parser_build(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Whatever the first parser says (libyaml's own 1,000-level limit, another wording), the
    # issue is the one our pure-Python reading gives, with our own depth limit speaking first.
    monkeypatch.setattr(_yaml, "_Parser", yaml.SafeLoader)
    reference = parse(text)
    monkeypatch.setattr(_yaml, "_Parser", _OddlyWordedParser)
    assert parse(text) == reference
    assert not any("gave up" in i for i in reference[1])


@pytest.mark.parametrize(
    "text",
    ["[" * 1500 + "]" * 1500 + "\n", "- " * 1500 + "x\n", "{a: " * 1500 + "}" * 1500 + "\n"],
)
def test_max_depth_can_be_raised_past_libyaml_s_own_limit(text: str) -> None:
    data, issues = parse(text, Limits(max_depth=2000))
    assert issues == []
    depth = 0
    while isinstance(data, list | dict) and data:
        data = data[0] if isinstance(data, list) else data["a"]
        depth += 1
    assert depth >= 1499


def test_10000_level_flow_mapping_nesting_is_rejected() -> None:
    message = only_issue("{a: " * 10_000 + "}" * 10_000 + "\n")
    assert message == f"f.yaml:1:257: a.a.a.a...a.a: {DEPTH_MESSAGE}"


def test_10000_level_block_sequence_nesting_is_rejected() -> None:
    message = only_issue("- " * 10_000 + "x\n")
    assert message == f"f.yaml:1:129: 0.0.0.0...0.0: {DEPTH_MESSAGE}"


def test_10000_level_indented_block_nesting_is_rejected(tmp_path: Path) -> None:
    # One more space of indentation per level: 50 MB, so the size limit is raised to let the
    # depth limit speak.
    deep = tmp_path / "deep.yaml"
    with deep.open("w") as handle:
        for level in range(10_000):
            handle.write(" " * level + "a:\n")
    doc, issues = read_yaml(deep, "deep.yaml", Limits(max_file_bytes=60_000_000))
    assert doc is None
    assert [str(i) for i in issues] == [f"deep.yaml:65:65: a.a.a.a...a.a: {DEPTH_MESSAGE}"]
    doc, issues = read_yaml(deep, "deep.yaml")  # and by default the size limit stops it first
    assert "over the limit of 5,000,000" in str(issues[0])


# --- limits ---------------------------------------------------------------------------------


def test_limits_can_be_raised_and_lowered() -> None:
    text = "v: " + "[" * 70 + "]" * 70 + "\n"
    assert parse(text)[0] is None
    assert parse(text, Limits(max_depth=100))[1] == []
    assert "nested more than 2 levels" in only_issue("a: {b: {c: 1}}\n", Limits(max_depth=2))
    assert parse(_billion_laughs(), Limits(max_nodes=10**10))[1] == []  # shared, not copied
    assert "more than 5 values" in only_issue("[1, 2, 3, 4, 5, 6]\n", Limits(max_nodes=5))


@pytest.mark.parametrize("bad", [0, -1, 1.5, True, "10"])
def test_limits_must_be_positive_integers(bad: Any) -> None:
    with pytest.raises(appraisal.InputError, match=r"Limits\.max_depth must be a positive integer"):
        Limits(max_depth=bad)


def test_count_limits_reach_load(case_copy: Path) -> None:
    def messages(limits: Limits) -> list[str]:
        return [i.message for i in appraisal.validate(case_copy, limits=limits)]

    assert messages(Limits(max_options=5)) == messages(Limits())
    assert "5 option files is over the limit of 4 (raise Limits.max_options)." in messages(
        Limits(max_options=4)
    )
    assert any("over the limit of 18" in m for m in messages(Limits(max_criteria=18)))
    assert any("5 levels is over the limit of 4" in m for m in messages(Limits(max_levels=4)))
    with pytest.raises(appraisal.InputValidationError):
        appraisal.load(case_copy, limits=Limits(max_file_bytes=100))


# --- documents, encodings and line endings --------------------------------------------------


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n", "---\n", "--- \n...\n"])
def test_empty_documents_have_no_data(text: str) -> None:
    assert parse(text) == (None, [])


def test_empty_option_file_is_reported_by_load(case_copy: Path) -> None:
    (case_copy / "options" / "outsource.yaml").write_text("# nothing yet\n")
    with pytest.raises(appraisal.InputValidationError) as info:
        appraisal.load(case_copy)
    assert [i.message for i in info.value.issues] == [
        "the file is empty; it must describe an option (see docs/format.md)."
    ]


def test_several_documents_are_reported() -> None:
    data, issues = parse("a: 1\n---\nb: 2\n")
    assert data == {"a": 1}
    assert issues == [
        "f.yaml:2:1: the file holds more than one YAML document ('---'); put each in its own file."
    ]


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_crlf_and_cr_line_endings_read_like_lf(tmp_path: Path, newline: str) -> None:
    lf = tmp_path / "lf.yaml"
    other = tmp_path / "other.yaml"
    lf.write_bytes(POSITIONS_DOC.encode())
    other.write_bytes(POSITIONS_DOC.replace("\n", newline).encode())
    a, _ = read_yaml(lf, "f.yaml")
    b, issues = read_yaml(other, "f.yaml")
    assert issues == []
    assert a is not None
    assert b is not None
    assert (b.data, b.positions, b.key_positions) == (a.data, a.positions, a.key_positions)


def test_crlf_keeps_error_positions(tmp_path: Path) -> None:
    text = "a: 1\nb: [1,\nc: 2\n"
    (tmp_path / "lf.yaml").write_bytes(text.encode())
    (tmp_path / "crlf.yaml").write_bytes(text.replace("\n", "\r\n").encode())
    _, lf = read_yaml(tmp_path / "lf.yaml", "f.yaml")
    _, crlf = read_yaml(tmp_path / "crlf.yaml", "f.yaml")
    assert [str(i) for i in crlf] == [str(i) for i in lf]
    assert [(i.line, i.column) for i in crlf] == [(4, 1)]


def test_utf8_bom_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(codecs.BOM_UTF8 + POSITIONS_DOC.encode())
    doc, issues = read_yaml(path, "f.yaml")
    assert issues == []
    assert doc is not None
    assert doc.data["title"] == "Birmingham"
    assert doc.positions[("title",)] == (1, 8)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (codecs.BOM_UTF16_LE + "a: 1\n".encode("utf-16-le"), "encoded as UTF-16"),
        (codecs.BOM_UTF16_BE + "a: 1\n".encode("utf-16-be"), "encoded as UTF-16"),
        (codecs.BOM_UTF32_LE + "a: 1\n".encode("utf-32-le"), "encoded as UTF-32"),
        (codecs.BOM_UTF32_BE + "a: 1\n".encode("utf-32-be"), "encoded as UTF-32"),
    ],
)
def test_utf16_and_utf32_are_reported(tmp_path: Path, raw: bytes, message: str) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes(raw)
    doc, issues = read_yaml(path, "f.yaml")
    assert doc is None
    assert [str(i) for i in issues] == [f"f.yaml:1:1: the file is {message}; save it as UTF-8."]


def test_invalid_utf8_is_located_in_characters(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes("title: x\nname: Café “".encode() + b" \x93bad\x94\n")
    _, issues = read_yaml(path, "f.yaml")
    assert [str(i) for i in issues] == [
        "f.yaml:2:14: byte 0x93 is not valid UTF-8; save the file as UTF-8 (most editors offer "
        "this under 'Save as' or 'Encoding')."
    ]


FORBIDDEN = [
    ("a: b\x00c\n", "1:5", "NUL character (U+0000)"),
    ("a: ok\nb: x\x0b\n", "2:5", "control character U+000B"),
    ("é: €\x1b[0m\n", "1:5", "control character U+001B"),
    ("a: \x7f\n", "1:4", "control character U+007F"),
    ("a: \ud800\n", "1:4", "character U+D800"),
    ("a: \ufffe\n", "1:4", "character U+FFFE"),
]


@pytest.mark.parametrize(("text", "where", "what"), FORBIDDEN)
def test_forbidden_characters_are_located(text: str, where: str, what: str) -> None:
    message = only_issue(text)
    assert message.startswith(f"f.yaml:{where}: the ")
    assert what in message


# --- syntax errors --------------------------------------------------------------------------

SYNTAX = [
    ("a:\n\tb: 1\n", "2:1", "a tab character is used for indentation"),
    ("a: 'x\nb: 2\n", "1:4", "this quoted text is never closed"),
    ('a: "C:\\Users\\me"\n', "1:7", "'\\U' is not a valid escape"),
    ("a: Risk: high\n", "1:8", "a ': ' is not allowed here"),
    ("a: 1\nb\nc: 2\n", "2:1", "this line has no ':' after its key"),
    ("a: [1, 2\nb: 3\n", "2:2", "the '[' at line 1, column 4 is not closed"),
    ("a: {b: 1\n", "2:1", "the '{' at line 1, column 4 is not closed"),
    ("a: @home\n", "1:4", "a value cannot start with '@'"),
    ("a: {b: 1}}\n", "1:10", "this '}' has no matching '{'"),
    ("a:\n  b: 1\n c: 2\n", "3:2", "this line does not line up with the block that starts at"),
    ("a:\n  b: 1\n  : 2\n", "3:3", "this ':' has no key before it"),
]


MORE_SYNTAX = [
    ("a: |x\n  b\n", "1:5: YAML syntax error: a value starting with '|' begins a YAML block"),
    ("a: |+x\n  b\n", "1:6: YAML syntax error: a value starting with '|' begins a YAML block"),
    ("%YAML 2.0\n---\na: 1\n", "1:1: YAML syntax error: only YAML 1.x files are read"),
    ("%YAML 1.1\n%YAML 1.1\n---\na: 1\n", "2:1: YAML syntax error: the %YAML line appears twice"),
    ("a: 1\n... x\n", "2:5: YAML syntax error: there is more after the end of the document"),
    ("a: &\n", "1:5: YAML syntax error: an anchor '&' or alias '*' needs a name"),
    ("%@x\n---\na: 1\n", "1:1: YAML syntax error: a line starting with '%' is a YAML directive"),
    ("a: [b, , c]\n", "1:8: YAML syntax error: a value is missing here"),
    ("a:\n  b: 1\n  - c\n", "3:3: YAML syntax error: a '- ' list item cannot stand among"),
    ("a: - b\n", "1:4: YAML syntax error: a '- ' list item is not allowed here"),
    ("a: !<x\n", "1:7: YAML syntax error: this tag is not written correctly"),
]


@pytest.mark.parametrize(("text", "start"), MORE_SYNTAX)
def test_rarer_syntax_errors_are_explained(text: str, start: str) -> None:
    assert only_issue(text).startswith(f"f.yaml:{start}")


@pytest.mark.parametrize(("text", "where", "start"), SYNTAX)
def test_syntax_errors_are_explained(text: str, where: str, start: str) -> None:
    data, issues = parse(text)
    assert data is None
    assert len(issues) == 1
    assert issues[0].startswith(f"f.yaml:{where}: YAML syntax error: {start}")
    assert issues[0].endswith(".")


@pytest.mark.skipif(not hasattr(yaml, "CSafeLoader"), reason="libyaml is not installed")
@pytest.mark.parametrize(
    "text", [t for t, _, _ in SYNTAX + FORBIDDEN] + [t for t, _ in MORE_SYNTAX]
)
def test_both_parsers_give_the_same_issues(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_yaml, "_Parser", yaml.CSafeLoader)
    c = parse(text)
    monkeypatch.setattr(_yaml, "_Parser", yaml.SafeLoader)
    assert parse(text) == c


def test_unreadable_file(tmp_path: Path) -> None:
    _, issues = read_yaml(tmp_path / "missing.yaml", "missing.yaml")
    assert [str(i) for i in issues] == [
        "missing.yaml:0:0: the file cannot be read: No such file or directory."
    ]


def test_bundled_files_read_cleanly() -> None:
    for path in sorted([*REPO.glob("criteria/*.yaml"), *REPO.glob("options/*.yaml")]):
        doc, issues = read_yaml(path, path.name)
        assert issues == []
        assert doc is not None
        assert isinstance(doc.data, dict)


def test_a_tab_outside_indentation(monkeypatch: pytest.MonkeyPatch) -> None:
    # Only the pure-Python parser rejects this tab; the message must not blame indentation.
    monkeypatch.setattr(_yaml, "_Parser", yaml.SafeLoader)
    assert only_issue("a: 'x'\tb\n") == (
        "f.yaml:1:7: YAML syntax error: a tab character is not allowed here; use spaces."
    )


@given(st.text(st.sampled_from("ab #\t\n\r'x:\u2028"), max_size=40))
def test_comment_starts_agree_with_the_pattern(text: str) -> None:
    # The str.find scan that decides where a comment may have cut a value, against the
    # regular expression that defines it.
    expected = {m.start() for m in _yaml_messages._COMMENT_AFTER_VALUE.finditer(text)}
    assert _yaml._comment_starts(text) == expected
