"""The golden bad-input corpus: each case in ``tests/data/bad/`` beside its exact expected issues.

A case is a YAML file whose leading ``# key: value`` comment lines say where it goes in a copy
of the Birmingham case (see ``tests/data/bad/README.md``). The test copies the case in, runs
``appraisal.validate`` from inside the case directory, drops the Birmingham case's own two
warnings and compares the rest line by line with ``<name>.expected``. The same issues must come
out of ``appraisal.load`` (raised as ``InputValidationError``) and ``appraisal validate``.

Set ``APPRAISAL_REGEN_GOLDEN=1`` to rewrite the expected files, then review the diff.
"""

from __future__ import annotations

import codecs
import io
import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

import appraisal
from appraisal.cli import main

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "tests" / "data" / "bad"
REGEN = os.environ.get("APPRAISAL_REGEN_GOLDEN") == "1"

_DIRECTIVE = re.compile(r"^# (about|target|delete|encoding|newline): ?(.*)$")
_ENCODINGS: dict[str, Callable[[str], bytes]] = {
    "utf-8": lambda s: s.encode("utf-8"),
    "utf-8-bom": lambda s: codecs.BOM_UTF8 + s.encode("utf-8"),
    "utf-16-le-bom": lambda s: codecs.BOM_UTF16_LE + s.encode("utf-16-le"),
    "utf-16-be-bom": lambda s: codecs.BOM_UTF16_BE + s.encode("utf-16-be"),
    "utf-16-le": lambda s: s.encode("utf-16-le"),
    "cp1252": lambda s: s.encode("cp1252"),
    "latin-1": lambda s: s.encode("latin-1"),
}
_NEWLINES = {"lf": "\n", "crlf": "\r\n", "cr": "\r"}
# An issue line: file:line:col: [warning: ][key.path: ]message ending with a full stop.
_ISSUE_LINE = re.compile(r"^[^:\s]+:\d+:\d+: (warning: )?(\S+: )?\S.*\.$")


@dataclass(frozen=True)
class Case:
    """One corpus case, parsed from its header comments."""

    name: str
    about: str
    target: str | None
    delete: tuple[str, ...]
    encoding: str
    newline: str
    text: str

    @property
    def expected_file(self) -> Path:
        return CORPUS / f"{self.name}.expected"

    def materialise(self, dest: Path) -> None:
        """Copy the Birmingham case to ``dest`` and apply this case to it."""
        shutil.copytree(REPO / "criteria", dest / "criteria")
        shutil.copytree(REPO / "options", dest / "options")
        for pattern in self.delete:
            matches = sorted(dest.glob(pattern))
            assert matches, f"{self.name}: 'delete: {pattern}' matches nothing"
            for match in matches:
                match.unlink()
        if self.target is not None:
            target = dest / self.target
            target.parent.mkdir(parents=True, exist_ok=True)
            text = self.text.replace("\n", _NEWLINES[self.newline])
            target.write_bytes(_ENCODINGS[self.encoding](text))


def read_case(path: Path) -> Case:
    """Parse a case file; a malformed header is a broken test, not a pass."""
    # Normalise line endings so a checkout with CRLF conversion runs the same case.
    text = path.read_bytes().decode("utf-8").replace("\r\n", "\n")
    found: dict[str, list[str]] = {}
    for line in text.split("\n"):
        m = _DIRECTIVE.match(line)
        if not m:
            break
        found.setdefault(m.group(1), []).append(m.group(2).strip())
    for key in ("about", "target"):
        assert len(found.get(key, [])) == 1, f"{path.name}: needs exactly one '# {key}:' line"
    for key in ("encoding", "newline"):
        assert len(found.get(key, [])) <= 1, f"{path.name}: at most one '# {key}:' line"
    target = found["target"][0]
    encoding = found.get("encoding", ["utf-8"])[0]
    newline = found.get("newline", ["lf"])[0]
    assert encoding in _ENCODINGS, f"{path.name}: unknown encoding {encoding!r}"
    assert newline in _NEWLINES, f"{path.name}: unknown newline {newline!r}"
    assert target == "none" or re.fullmatch(r"(criteria|options)/[\w.-]+", target), target
    return Case(
        name=path.stem,
        about=found["about"][0],
        target=None if target == "none" else target,
        delete=tuple(found.get("delete", [])),
        encoding=encoding,
        newline=newline,
        text=text,
    )


CASES = sorted(CORPUS.glob("*.yaml"))


def _baseline() -> set[str]:
    """The Birmingham case's own issues (its two rating/score warnings), as printed."""
    cwd = Path.cwd()
    try:
        os.chdir(REPO)
        return {str(i) for i in appraisal.validate(".")}
    finally:
        os.chdir(cwd)


BASELINE = _baseline()


def test_baseline_is_the_two_known_warnings() -> None:
    assert len(BASELINE) == 2
    assert all(": warning: " in line for line in BASELINE)


def test_corpus_is_complete() -> None:
    names = {p.stem for p in CASES}
    expected = {p.stem for p in CORPUS.glob("*.expected")}
    assert len(names) >= 40
    assert expected == names, "every case needs a .expected file and vice versa"
    others = {
        p.name
        for p in CORPUS.iterdir()
        if p.suffix not in (".yaml", ".expected") and p.name != "README.md"
    }
    assert not others, f"unexpected files in the corpus: {sorted(others)}"


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_golden(path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    case = read_case(path)
    case.materialise(tmp_path / "case")
    monkeypatch.chdir(tmp_path / "case")

    issues = appraisal.validate(".")
    got = [str(i) for i in issues if str(i) not in BASELINE]
    if REGEN:
        case.expected_file.write_text("".join(f"{line}\n" for line in got), encoding="utf-8")
    want = case.expected_file.read_text(encoding="utf-8").splitlines()
    assert got == want

    # The command line prints the same issues, then a summary, and exits 1 on any error.
    errors = [i for i in issues if i.severity == "error"]
    out = io.StringIO()
    status = main(["validate", "."], stdout=out, stderr=io.StringIO())
    printed = out.getvalue().splitlines()
    assert printed[:-1] == [str(i) for i in issues]
    assert status == (1 if errors else 0)

    # load() raises exactly the errors, or succeeds with the warnings.
    if errors:
        with pytest.raises(appraisal.InputValidationError) as info:
            appraisal.load(".")
        assert [str(i) for i in info.value.issues] == [str(i) for i in errors]
    else:
        loaded = appraisal.load(".")
        assert [str(i) for i in loaded.warnings] == [str(i) for i in issues]


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_expected_lines_are_well_formed(path: Path) -> None:
    """Every expected issue names file, line and column and ends with a full stop."""
    case = read_case(path)
    for line in case.expected_file.read_text(encoding="utf-8").splitlines():
        assert _ISSUE_LINE.match(line), line
        file = line.split(":", 1)[0]
        assert file == "options" or file.startswith(("criteria/", "options/")), line
