"""Fuzzing: random and mutated input never crashes ``load`` or ``appraisal validate``.

Random YAML documents, YAML-ish text and mutations of the bundled Birmingham files (deleted
keys, changed types, swapped scalars, truncations, inserted bytes, renamed files) are written
into a copy of the case. For every one of them:

- only :class:`appraisal.AppraisalError` subclasses leave :func:`appraisal.load`;
- ``appraisal validate`` returns 0 or 1, never raises, prints every problem as
  ``file:line:col: ...`` and ends with a one-line summary;
- validating the same input twice prints exactly the same thing.

Each property is bounded (``max_examples``) so the whole file runs in well under 30 seconds;
set ``APPRAISAL_FUZZ_EXAMPLES`` (default 30) to search longer.
"""

from __future__ import annotations

import contextlib
import io
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import appraisal
from appraisal.cli import main
from appraisal.io.yaml.reader import parse_yaml

REPO = Path(__file__).resolve().parent.parent
ORIGINALS = {
    p.relative_to(REPO).as_posix(): p.read_bytes()
    for p in sorted([*REPO.glob("criteria/*.yaml"), *REPO.glob("options/*.yaml")])
}
# The files the mutations act on (weight sets are copied but left alone here).
TARGETS = sorted(f for f in ORIGINALS if f != "criteria/weights.yaml")
OPTION_FILES = sorted(f for f in ORIGINALS if f.startswith("options/"))

PROBLEM_LINE = re.compile(r"^[^:]+:\d+:\d+: ")
_READ = r"\d+ options?, \d+ criteri(?:on|a), \d+ weight sets?"
SUMMARY_LINE = re.compile(
    rf"^(?:valid: {_READ}, (?P<warnings>\d+) warnings?"
    rf"|invalid: (?P<errors>\d+) errors?, (?P<invalid_warnings>\d+) warnings? in {_READ})$"
)

# APPRAISAL_FUZZ_EXAMPLES=2000 runs a longer search locally; CI keeps the default.
EXAMPLES = int(os.environ.get("APPRAISAL_FUZZ_EXAMPLES", "30"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


class Workspace:
    """One copy of the Birmingham case, reset to the bundled files before each example."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def reset(self) -> Path:
        for folder in ("criteria", "options"):
            shutil.rmtree(self.root / folder, ignore_errors=True)
            (self.root / folder).mkdir(parents=True)
        for rel, raw in ORIGINALS.items():
            (self.root / rel).write_bytes(raw)
        return self.root

    def write(self, rel: str, raw: bytes) -> None:
        (self.root / rel).write_bytes(raw)


@pytest.fixture(scope="module")
def work() -> Iterator[Workspace]:
    with tempfile.TemporaryDirectory(prefix="appraisal-fuzz-") as tmp:
        yield Workspace(Path(tmp) / "case")


def validate_output(case: Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(["validate", str(case)], stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


def check_case(case: Path) -> None:
    """The properties every input must have, whatever is in the files."""
    with contextlib.suppress(appraisal.AppraisalError):
        appraisal.load(case)

    first = validate_output(case)
    assert validate_output(case) == first, "validating twice gave different output"
    status, out, err = first
    assert status in (0, 1)
    assert err == ""
    lines = out.splitlines()
    summary = SUMMARY_LINE.match(lines[-1])
    assert summary, lines[-1]
    for line in lines[:-1]:
        assert PROBLEM_LINE.match(line), line
    errors = int(summary["errors"] or 0)
    warnings = int(summary["warnings"] or summary["invalid_warnings"])
    assert len(lines) - 1 == errors + warnings
    assert status == (1 if errors else 0)


# --- random documents -----------------------------------------------------------------------

WORDS = [
    "schema_version", "id", "name", "title", "summary", "description", "source", "scales",
    "levels", "value", "label", "aliases", "criteria", "scale", "group", "groups", "direction",
    "scores", "score", "rating", "rationale", "range", "evidence", "not_scored", "min", "max",
    "unit", "anchors", "value_function", "points", "type", "gate", "weighted", "clamp",
    "outcomes", "vision", "speed", "five-point", "benefit", "cost", "High", "Low-Med", "<<",
]  # fmt: skip
ODD_SCALARS = [
    "yes", "no", "on", "1", "4", "-0.0", ".nan", ".inf", "1e400", "0x1F", "2001-12-14", "~",
    "", " ", "Medium", "!!python/name:os.system", "*a", "&a", "- x", "a: b",
]  # fmt: skip

leaves = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(WORDS + ODD_SCALARS),
    st.text(max_size=12),
)
keys = st.one_of(st.sampled_from(WORDS), st.text(max_size=8), st.integers(-3, 30))
documents = st.recursive(
    leaves,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=5)),
    max_leaves=40,
)


@FUZZ
@given(
    doc=documents,
    target=st.sampled_from(TARGETS),
    versioned=st.booleans(),
    flow=st.sampled_from([None, True, False]),
)
def test_random_documents(
    work: Workspace, doc: Any, target: str, versioned: bool, flow: bool | None
) -> None:
    if versioned:
        doc = {"schema_version": 1, "data": doc} if not isinstance(doc, dict) else doc
    case = work.reset()
    text = yaml.safe_dump(doc, default_flow_style=flow, allow_unicode=True, sort_keys=False)
    work.write(target, text.encode("utf-8", "surrogatepass"))
    check_case(case)


YAMLISH = "ab:-[]{},&*!|>'\"%@`#?~ \n\n\t\r0159.eé€\ufeff\x00\x0b"


@settings(max_examples=10 * EXAMPLES, deadline=None)
@given(st.text(alphabet=YAMLISH, max_size=200))
def test_parse_yaml_never_raises(text: str) -> None:
    doc, issues = parse_yaml(text, "f.yaml")
    assert doc is not None or issues
    for issue in issues:
        assert issue.line >= 1
        assert issue.column >= 1
        assert issue.message.endswith(".")
        assert "\n" not in str(issue)


@FUZZ
@given(text=st.text(alphabet=YAMLISH, max_size=200), target=st.sampled_from(TARGETS))
def test_random_yaml_ish_text(work: Workspace, text: str, target: str) -> None:
    case = work.reset()
    work.write(target, text.encode("utf-8", "surrogatepass"))
    check_case(case)


# --- mutations of the bundled files ---------------------------------------------------------

WEIRD_VALUES = [
    None, True, False, 0, -1, 6, 3.5, -0.0, math.nan, math.inf, -math.inf, 10**20, "4", "",
    "   ", "yes", "High", "Very High", [], [4, 5], [5, 4], [1, 2, 3], {}, {"score": 3},
    "x" * 300, "outcome", "five-pont",
]  # fmt: skip


def _paths(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _paths(value, (*path, i))


def _get(node: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        node = node[part]
    return node


def _set(node: Any, path: tuple[Any, ...], value: Any) -> None:
    _get(node, path[:-1])[path[-1]] = value


@FUZZ
@given(data=st.data(), target=st.sampled_from(TARGETS), n=st.integers(1, 3))
def test_mutated_bundled_files(work: Workspace, data: st.DataObject, target: str, n: int) -> None:
    doc = yaml.safe_load(ORIGINALS[target])
    for _ in range(n):
        paths = [p for p in _paths(doc) if p]
        if not paths:
            break
        path = data.draw(st.sampled_from(paths), label="path")
        op = data.draw(st.sampled_from(["delete", "retype", "swap"]), label="op")
        if op == "delete":
            del _get(doc, path[:-1])[path[-1]]
        elif op == "retype":
            _set(doc, path, data.draw(st.sampled_from(WEIRD_VALUES), label="value"))
        else:
            other = data.draw(st.sampled_from(paths), label="other")
            if path[: len(other)] == other or other[: len(path)] == path:
                continue  # one contains the other
            a, b = _get(doc, path), _get(doc, other)
            _set(doc, path, b)
            _set(doc, other, a)
    case = work.reset()
    work.write(target, yaml.safe_dump(doc, allow_unicode=True, sort_keys=False).encode())
    check_case(case)


@FUZZ
@given(data=st.data(), target=st.sampled_from(TARGETS))
def test_truncated_files(work: Workspace, data: st.DataObject, target: str) -> None:
    raw = ORIGINALS[target]
    cut = data.draw(st.integers(0, len(raw)), label="cut")
    case = work.reset()
    work.write(target, raw[:cut])
    check_case(case)


@FUZZ
@given(
    data=st.data(),
    target=st.sampled_from(TARGETS),
    inserts=st.lists(st.binary(min_size=1, max_size=6), min_size=1, max_size=3),
)
def test_random_bytes_inserted(
    work: Workspace, data: st.DataObject, target: str, inserts: list[bytes]
) -> None:
    raw = ORIGINALS[target]
    for chunk in inserts:
        at = data.draw(st.integers(0, len(raw)), label="offset")
        raw = raw[:at] + chunk + raw[at:]
    case = work.reset()
    work.write(target, raw)
    check_case(case)


# --- file names and order -------------------------------------------------------------------

names = st.lists(
    st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_-]{0,8}", fullmatch=True),
    min_size=len(OPTION_FILES),
    max_size=len(OPTION_FILES),
    unique_by=str.casefold,  # case-insensitive file systems
)


@FUZZ
@given(
    new_names=names,
    suffixes=st.lists(st.sampled_from([".yaml", ".yml"]), min_size=5, max_size=5),
    order=st.permutations(range(len(OPTION_FILES))),
)
def test_options_are_read_in_file_name_order(
    work: Workspace, new_names: list[str], suffixes: list[str], order: list[int]
) -> None:
    case = work.reset()
    for rel in OPTION_FILES:
        (case / rel).unlink()
    files = [f"{n}{s}" for n, s in zip(new_names, suffixes, strict=True)]
    for i in order:  # create them in a shuffled order
        (case / "options" / files[i]).write_bytes(ORIGINALS[OPTION_FILES[i]])
    ids = [yaml.safe_load(ORIGINALS[rel])["id"] for rel in OPTION_FILES]
    by_name = [ids[files.index(f)] for f in sorted(files)]

    loaded = appraisal.load(case)
    assert list(loaded.option_ids) == by_name
    assert [f.rsplit("/", 1)[-1] for f in loaded.files[-len(files) :]] == sorted(files)
    check_case(case)


def test_key_with_a_line_break_stays_on_one_line(work: Workspace) -> None:
    case = work.reset()
    work.write("criteria/criteria.yaml", b'schema_version: 1\n"a\\rb": 1\n')
    check_case(case)


HASH_SEED_CASE = {
    # model-valid, so the cross-file rules run: duplicate id, unknown and missing criteria,
    # off-scale score, backwards range
    "options/outsource.yaml": (
        "schema_version: 1\nid: trust-dfe\nname: x\nscores:\n"
        "  outcome: {score: 3, rationale: r}\n"
        "  vision: {score: 9, rationale: r, range: [5, 1]}\n"
        "  speed: {score: High, rating: Low, rationale: r}\n"
    ),
    # pydantic errors: unknown key, wrong type, missing key
    "options/break-up.yaml": "schema_version: 1\nid: break-up\ntitel: y\nscores: [1]\n",
}


def test_output_does_not_depend_on_the_hash_seed(tmp_path: Path) -> None:
    """Interpreters with different hash seeds print byte-identical problems."""
    case = tmp_path / "case"
    shutil.copytree(REPO / "criteria", case / "criteria")
    shutil.copytree(REPO / "options", case / "options")
    for rel, text in HASH_SEED_CASE.items():
        (case / rel).write_text(text)
    outputs = set()
    for seed in ("0", "1", "12345"):
        done = subprocess.run(
            [sys.executable, "-m", "appraisal", "validate", "."],
            cwd=case,
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            check=False,
        )
        assert done.returncode == 1
        outputs.add(done.stdout)
    assert len(outputs) == 1
    assert outputs.pop().count(b"\n") >= 8


# --- text with control, invisible and look-alike characters ---------------------------------

ODD_CHARACTERS = [
    *(chr(c) for c in (0, 7, 8, 9, 10, 13, 27, 127, 0x85, 0x9B)),
    *"\u200b\u200d\u2060\ufeff\u202a\u202e\u2066\u2069\u2028\u043e\u0301#>|:",
]


def _text_paths(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Paths of the text values (not ids or scales) of a bundled document."""
    for p in _paths(node, path):
        keys = ("title", "name", "summary", "rationale", "label", "source")
        if p and p[-1] in keys and isinstance(_get(node, p), str):
            yield p


@settings(FUZZ, max_examples=max(10, EXAMPLES // 3))  # each example validates the case 3x
@given(
    data=st.data(),
    target=st.sampled_from(TARGETS),
    text=st.text(st.sampled_from(ODD_CHARACTERS) | st.characters(), min_size=1, max_size=12),
)
def test_odd_characters_in_text_are_reported_and_never_printed(
    work: Workspace, data: st.DataObject, target: str, text: str
) -> None:
    doc = yaml.safe_load(ORIGINALS[target])
    path = data.draw(st.sampled_from(sorted(_text_paths(doc), key=repr)), label="path")
    _set(doc, path, "x" + text)
    case = work.reset()
    # safe_dump writes the characters YAML cannot hold raw as escapes in double quotes, which
    # is how they reach the model (a raw control character is refused by the reader).
    work.write(target, yaml.safe_dump(doc, allow_unicode=True, sort_keys=False).encode())
    check_case(case)
    status, out, _ = validate_output(case)
    refused = re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", text) or (
        path[-1] in ("title", "name", "label")
        and re.search("[\t\n\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff\u2028]", text)
    )
    if refused:
        assert status == 1
        assert f"U+{ord(refused.group()):04X}" in out
    # Whatever the text, nothing unprintable reaches the terminal.
    assert all(c.isprintable() or c == "\n" for c in out), repr(out)
