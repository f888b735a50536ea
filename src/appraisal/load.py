"""Directory conventions to a validated :class:`~appraisal.model.Appraisal`.

A case directory holds::

    criteria/criteria.yaml     title, scales, optional groups, criteria
    criteria/weights.yaml      optional named weight sets
    options/*.yaml             one option per file, read in file-name order

Every file is read, every problem in every file is collected, and only then is anything raised:
:class:`~appraisal.errors.InputValidationError` lists them all with file, line and column.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ._checks import (
    CRITERIA,
    Problem,
    check_criteria,
    check_options,
    problems_from_validation,
    unscored_cells,
)
from ._weightsets import check_weight_sets
from ._yaml import Limits, YamlDocument, read_yaml
from .errors import InputValidationError, Issue, format_path
from .model import Appraisal, CriteriaFile, Option, WeightsFile

__all__ = ["CRITERIA_FILE", "OPTIONS_DIR", "WEIGHTS_FILE", "load", "load_criteria", "validate"]

CRITERIA_FILE = Path("criteria") / "criteria.yaml"
OPTIONS_DIR = Path("options")
WEIGHTS_FILE = Path("criteria") / "weights.yaml"
_YAML_SUFFIXES = (".yaml", ".yml")


@dataclass
class _Parsed:
    """One file: its display name, its document and the model built from it (if valid)."""

    file: str
    doc: YamlDocument | None
    model: Any = None


def _display(path: Path, root: Path) -> str:
    try:
        rel = path.relative_to(root)
    except ValueError:
        rel = path
    shown = root / rel if str(root) not in (".", "") else rel
    return shown.as_posix()


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
    path: Path, root: Path, model: type[BaseModel], limits: Limits, issues: list[Issue]
) -> _Parsed:
    shown = _display(path, root)
    doc, found = read_yaml(path, shown, limits)
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


def _collect(
    path: str | os.PathLike[str], limits: Limits
) -> tuple[Appraisal | None, list[Issue], list[Issue]]:
    root = Path(path)
    issues: list[Issue] = []
    shown_root = root.as_posix()
    if not root.is_dir():
        where = shown_root
        why = "is not a directory" if root.exists() else "does not exist"
        msg = f"{where} {why}; give a case directory holding criteria/ and options/."
        return None, [Issue(where, 0, 0, "", msg, shown_root)], []
    crit_path = root / CRITERIA_FILE
    if not crit_path.is_file():
        msg = (
            f"no criteria file; create {_display(crit_path, root)} "
            "(run the command in a case directory, or give its path)."
        )
        issues.append(Issue(_display(crit_path, root), 0, 0, "", msg))
        criteria = _Parsed(_display(crit_path, root), None)
    else:
        criteria = _read_model(crit_path, root, CriteriaFile, limits, issues)

    options_dir = root / OPTIONS_DIR
    files = (
        sorted(
            (p for p in options_dir.iterdir() if p.suffix in _YAML_SUFFIXES and p.is_file()),
            key=lambda p: p.name,
        )
        if options_dir.is_dir()
        else []
    )
    if not files:
        shown = _display(options_dir, root)
        issues.append(
            Issue(
                shown,
                0,
                0,
                "",
                f"no option files in {shown}/; add one YAML file per option.",
            )
        )
    if len(files) > limits.max_options:
        shown = _display(options_dir, root)
        issues.append(
            Issue(
                shown,
                0,
                0,
                "",
                f"{len(files):,} option files is over the limit of {limits.max_options:,} "
                "(raise Limits.max_options).",
                len(files),
            )
        )
        files = []
    options = [_read_model(f, root, Option, limits, issues) for f in files]
    weights_path = root / WEIGHTS_FILE
    weights = (
        _read_model(weights_path, root, WeightsFile, limits, issues)
        if weights_path.is_file()
        else None
    )

    warnings = [w for p in (criteria, weights, *options) if p and p.doc for w in p.doc.warnings]
    cf: CriteriaFile | None = criteria.model
    if cf is not None:
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
        or any(o.model is None for o in options)
        or (weights is not None and weights.model is None)
    ):
        return None, issues, warnings
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
    )
    return appraisal, issues, warnings


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
    crit_path = root / CRITERIA_FILE
    issues: list[Issue] = []
    if not crit_path.is_file():
        shown = _display(crit_path, root)
        raise InputValidationError([Issue(shown, 0, 0, "", f"no criteria file; create {shown}.")])
    parsed = _read_model(crit_path, root, CriteriaFile, limits or Limits(), issues)
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
    files = sorted({i.file for i in issues}, key=lambda f: (not f.endswith(str(CRITERIA_FILE)), f))
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
    appraisal, issues, warnings = _collect(path, limits or Limits())
    if appraisal is None:
        raise InputValidationError(_order(issues), _order(warnings))
    return appraisal


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
    _, issues, warnings = _collect(path, limits or Limits())
    return _order([*issues, *warnings])
