"""Directory conventions to a validated :class:`~appraisal.model.Appraisal`.

A case directory holds::

    criteria/criteria.yaml     title, scales, optional groups, criteria
    criteria/weights.yaml      optional named weight sets
    options/*.yaml             one option per file, read in file-name order

``.yml`` is read the same as ``.yaml``, in any case; which other names are skipped, warned
about or refused is decided in :mod:`appraisal.io.casefiles`. Each file is read once, and the
SHA-256 of the bytes parsed is kept for the report's provenance (``Appraisal.file_sha256``,
keyed by the path inside the case folder).

Every file is read, every problem in every file is collected, and only then is anything raised:
:class:`~appraisal.errors.InputValidationError` lists them all with file, line and column.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from appraisal.case import Appraisal
from appraisal.errors import InputValidationError, Issue, format_path
from appraisal.io.casecheck import CaseCheck
from appraisal.io.casefiles import CaseFile, list_case, read_case_file, shown_name
from appraisal.io.yaml.reader import Limits, YamlDocument
from appraisal.model import CriteriaFile, Option, WeightsFile
from appraisal.validation.checks import (
    CRITERIA,
    Problem,
    check_criteria,
    check_options,
    problems_from_validation,
    unscored_cells,
)
from appraisal.weighting import check_weight_sets

__all__ = [
    "CRITERIA_FILE",
    "OPTIONS_DIR",
    "WEIGHTS_FILE",
    "CaseCheck",
    "check_case",
    "load",
    "load_criteria",
    "validate",
]

CRITERIA_FILE = Path("criteria") / "criteria.yaml"
_CRITERIA_NAME = re.compile(r"(?:^|/)criteria/criteria\.ya?ml$", re.IGNORECASE)
OPTIONS_DIR = Path("options")
WEIGHTS_FILE = Path("criteria") / "weights.yaml"


@dataclass
class _Parsed:
    """One file: its display name, its document and the model built from it (if valid)."""

    file: str
    doc: YamlDocument | None
    model: Any = None


def _to_issue(p: Problem, parsed: _Parsed) -> Issue:
    line, column = parsed.doc.locate(p.path, key=p.at_key) if parsed.doc else (1, 1)
    path = format_path(p.path)
    return Issue(parsed.file, line, column, path, p.message, p.value, p.severity)


def _related(path: str, reported: str) -> bool:
    """Whether ``path`` is ``reported``, inside it, or one of its ancestors."""
    return (
        path == reported
        or path.startswith(reported + ".")
        or reported.startswith(path + ".")
        or not path
    )


def _read_model(
    file: CaseFile,
    model: type[BaseModel],
    limits: Limits,
    issues: list[Issue],
    hashes: dict[str, str],
) -> _Parsed:
    shown = file.shown
    result = read_case_file(file, limits)
    if result.sha256 is not None:
        hashes[file.relative] = result.sha256
    doc, found = result.doc, result.issues
    issues.extend(found)
    parsed = _Parsed(shown, doc)
    if doc is None:
        return parsed
    if found:
        # The reader kept a complete document (first of duplicate keys, tags as empty
        # values): validate it too, so one slip does not hide the file's other problems, but
        # leave out what the reader already reported. The reader's errors stop the load.
        if isinstance(doc.data, dict):
            seen = {i.path for i in found if i.path}
            try:
                parsed.model = model.model_validate(doc.data)
            except ValidationError as exc:
                for p in problems_from_validation(CRITERIA, model, exc.errors()):
                    issue = _to_issue(p, parsed)
                    if not any(_related(issue.path, r) for r in seen):
                        issues.append(issue)
        return parsed
    if doc.data is None:
        what = {CriteriaFile: "criteria", WeightsFile: "weight sets"}.get(model, "an option")
        issues.append(
            Issue(
                shown,
                1,
                1,
                "",
                f"the file is empty; it must describe {what} (see docs/format.md).",
            )
        )
        return parsed
    try:
        parsed.model = model.model_validate(doc.data)
    except ValidationError as exc:
        problems = problems_from_validation(CRITERIA, model, exc.errors())
        if model is Option:
            # A cell's "score or not_scored" rule runs only once its fields are valid; say it
            # now too, so an empty skeleton cell shows both of its problems in one pass.
            reported = {p.path for p in problems}
            problems += [
                p
                for p in unscored_cells(doc.data)
                if p.path[:2] not in reported and p.path not in reported
            ]
        for p in sorted(problems, key=lambda p: doc.locate(p.path, key=p.at_key)):
            issues.append(_to_issue(p, parsed))
    return parsed


def _count(parsed: _Parsed | None, key: str) -> int:
    """How many entries the file's ``key`` holds, valid or not (0 when unreadable)."""
    if parsed is None or parsed.doc is None or not isinstance(parsed.doc.data, dict):
        return 0
    value = parsed.doc.data.get(key)
    return len(value) if isinstance(value, list | dict) else 0


@dataclass
class _Collected:
    appraisal: Appraisal | None
    issues: list[Issue]
    warnings: list[Issue]
    options: int = 0
    criteria: int = 0
    weight_sets: int = 0


def _root_problem(root: Path, shown_root: str) -> Issue | None:
    """Why ``root`` is not a case folder to read, or None."""
    try:
        is_dir = root.is_dir()
        exists = is_dir or root.exists()
    except OSError as exc:  # e.g. a name too long
        msg = f"{shown_root} cannot be read: {exc.strerror}; give a case directory."
        return Issue(shown_root, 0, 0, "", msg, shown_root)
    if is_dir:
        return None
    why = "is not a directory" if exists else "does not exist"
    msg = f"{shown_root} {why}; give a case directory holding criteria/ and options/."
    return Issue(shown_root, 0, 0, "", msg, shown_root)


def _collect(path: str | os.PathLike[str], limits: Limits) -> _Collected:
    root = Path(path)
    issues: list[Issue] = []
    shown_root = shown_name(os.fspath(root).replace(os.sep, "/"))
    problem = _root_problem(root, shown_root)
    if problem is not None:
        return _Collected(None, [problem], [])
    listing = list_case(root, shown_root)
    issues.extend(listing.issues)
    warnings: list[Issue] = list(listing.warnings)
    hashes: dict[str, str] = {}

    def shown(relative: Path) -> str:
        return listing.shown(relative.as_posix())

    criteria: _Parsed | None = None
    if listing.criteria:
        criteria = _read_model(listing.criteria[0], CriteriaFile, limits, issues, hashes)
    elif listing.criteria_dir_ok and not any(i.file == shown(CRITERIA_FILE) for i in issues):
        where = shown(CRITERIA_FILE)
        folder = "" if (root / "criteria").is_dir() else " (there is no criteria/ folder)"
        msg = (
            f"no criteria file{folder}; create {where} "
            "(run the command in a case directory, or give its path)."
        )
        issues.append(Issue(where, 0, 0, "", msg))

    files = listing.options
    options_shown = shown(OPTIONS_DIR)
    if not files and listing.options_dir_ok:
        issues.append(
            Issue(
                options_shown,
                0,
                0,
                "",
                f"no option files in {options_shown}/; add one YAML file per option.",
            )
        )
    if len(files) > limits.max_options:
        issues.append(
            Issue(
                options_shown,
                0,
                0,
                "",
                f"{len(files):,} option files is over the limit of {limits.max_options:,} "
                "(raise Limits.max_options).",
                len(files),
            )
        )
        files = []
    options = [_read_model(f, Option, limits, issues, hashes) for f in files]
    weights = (
        _read_model(listing.weights[0], WeightsFile, limits, issues, hashes)
        if listing.weights
        else None
    )
    counts = {
        "options": len(options),
        "criteria": _count(criteria, "criteria"),
        "weight_sets": _count(weights, "weight_sets"),
    }

    warnings += [w for p in (criteria, weights, *options) if p and p.doc for w in p.doc.warnings]
    cf: CriteriaFile | None = criteria.model if criteria is not None else None
    if cf is not None and criteria is not None:
        problems = check_criteria(cf)
        if len(cf.criteria) > limits.max_criteria:
            problems.append(
                Problem(
                    CRITERIA,
                    ("criteria",),
                    f"{len(cf.criteria):,} criteria is over the limit of "
                    f"{limits.max_criteria:,} (raise Limits.max_criteria).",
                )
            )
        for name, scale in cf.scales.items():
            levels = getattr(scale, "levels", ())
            if len(levels) > limits.max_levels:
                problems.append(
                    Problem(
                        CRITERIA,
                        ("scales", name, "levels"),
                        f"{len(levels):,} levels is over the limit of {limits.max_levels:,}.",
                    )
                )
        for p in problems:
            (warnings if p.severity == "warning" else issues).append(_to_issue(p, criteria))
        valid = [o for o in options if o.model is not None]
        if not problems or all(p.severity == "warning" for p in problems):
            for p in check_options(cf, [o.model for o in valid], [o.file for o in valid]):
                issue = _to_issue(p, valid[p.where])
                (warnings if p.severity == "warning" else issues).append(issue)
            if weights is not None and weights.model is not None:
                for p in check_weight_sets(cf, dict(weights.model.weight_sets)):
                    issue = _to_issue(p, weights)
                    (warnings if p.severity == "warning" else issues).append(issue)

    if (
        issues
        or cf is None
        or criteria is None
        or any(o.model is None for o in options)
        or (weights is not None and weights.model is None)
    ):
        return _Collected(None, issues, warnings, **counts)
    appraisal = Appraisal.model_construct(
        title=cf.title,
        source=cf.source,
        description=cf.description,
        scales=cf.scales,
        groups=cf.groups,
        criteria=cf.criteria,
        options=tuple(o.model for o in options),
        weight_sets=dict(weights.model.weight_sets) if weights is not None else {},
        warnings=tuple(_order(warnings)),
        files=(
            criteria.file,
            *((weights.file,) if weights is not None else ()),
            *(o.file for o in options),
        ),
        file_sha256={  # in the order of ``files``: criteria, weights, options
            f.relative: hashes[f.relative]
            for f in (*listing.criteria[:1], *listing.weights[:1], *files)
        },
    )
    return _Collected(appraisal, issues, warnings, **counts)


def load_criteria(
    path: str | os.PathLike[str] = ".", *, limits: Limits | None = None
) -> CriteriaFile:
    """Load and check only a case's ``criteria/criteria.yaml``.

    Raises
    ------
    InputValidationError
        Listing every problem in the criteria file.
    """
    root = Path(path)
    shown_root = shown_name(os.fspath(root).replace(os.sep, "/"))
    problem = _root_problem(root, shown_root)
    if problem is not None:
        raise InputValidationError([problem])
    listing = list_case(root, shown_root, options=False)
    issues = list(listing.issues)
    if not listing.criteria:
        if not issues:
            shown = listing.shown(CRITERIA_FILE.as_posix())
            issues.append(Issue(shown, 0, 0, "", f"no criteria file; create {shown}."))
        raise InputValidationError(issues, listing.warnings)
    parsed = _read_model(listing.criteria[0], CriteriaFile, limits or Limits(), issues, {})
    if parsed.model is not None:
        for p in check_criteria(parsed.model):
            if p.severity == "error":
                issues.append(_to_issue(p, parsed))
    if issues or parsed.model is None:
        raise InputValidationError(issues)
    model: CriteriaFile = parsed.model
    return model


def _order(issues: Sequence[Issue]) -> list[Issue]:
    """Issues in a documented order: the criteria file first, then files by name, then by
    line and column (a stable sort, so issues at one position keep the order found)."""
    files = sorted({i.file for i in issues}, key=lambda f: (not _CRITERIA_NAME.search(f), f))
    rank = {f: n for n, f in enumerate(files)}
    return sorted(issues, key=lambda i: (rank[i.file], i.line, i.column))


def load(path: str | os.PathLike[str] = ".", *, limits: Limits | None = None) -> Appraisal:
    """Load and validate the appraisal in a case directory.

    Parameters
    ----------
    path : str or path-like, default "."
        A directory holding ``criteria/criteria.yaml`` and ``options/*.yaml``.
    limits : Limits, optional
        Bounds on file size, nesting, alias expansion and counts (see :class:`Limits`).

    Returns
    -------
    Appraisal
        Frozen and validated; warnings found while loading are in ``.warnings``.

    Raises
    ------
    InputValidationError
        Listing every problem in every file, each with file, line, column and key path.

    Examples
    --------
    >>> import appraisal
    >>> case = appraisal.load(".")
    >>> len(case.criteria), len(case.options)
    (19, 5)
    """
    got = _collect(path, limits or Limits())
    if got.appraisal is None:
        raise InputValidationError(_order(got.issues), _order(got.warnings))
    return got.appraisal


def validate(path: str | os.PathLike[str] = ".", *, limits: Limits | None = None) -> list[Issue]:
    """Every error and warning in a case directory, without raising.

    Returns
    -------
    list of Issue
        Errors and warnings together, in file order then line order; empty when all is well.

    Examples
    --------
    >>> import appraisal
    >>> [i.severity for i in appraisal.validate(".")]
    ['warning', 'warning']
    """
    return check_case(path, limits=limits).issues


def check_case(path: str | os.PathLike[str] = ".", *, limits: Limits | None = None) -> CaseCheck:
    """Every error and warning in a case directory, and how much was read, without raising.

    This is what ``appraisal validate`` prints: the issues, then :meth:`CaseCheck.summary`.

    Returns
    -------
    CaseCheck

    Examples
    --------
    >>> from appraisal.io.load import check_case
    >>> print(check_case(".").summary())
    valid: 5 options, 19 criteria, 4 weight sets, 2 warnings
    """
    got = _collect(path, limits or Limits())
    return CaseCheck(
        _order([*got.issues, *got.warnings]), got.options, got.criteria, got.weight_sets
    )
