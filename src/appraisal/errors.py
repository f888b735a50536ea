"""Exceptions raised by :mod:`appraisal` and the :class:`Issue` record behind input errors.

The hierarchy::

    AppraisalError                      every error this library raises on purpose
    ├── InputError(ValueError)          the caller's input is wrong (a file, a weight, an argument)
    │   └── InputValidationError        one or more problems found in input files; ``.issues``
    └── InternalError(RuntimeError)     a bug in appraisal itself; please report it

Catch :class:`AppraisalError` to catch everything, or :class:`InputError` to catch only problems
with what was passed in. The command-line interface prints :class:`InputError` messages and exits
with status 1; it never shows a traceback for bad input.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

__all__ = [
    "AppraisalError",
    "InputError",
    "InputValidationError",
    "InternalError",
    "Issue",
    "format_path",
]

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Issue:
    """One problem found in an input file, located as precisely as the file allows.

    Attributes
    ----------
    file : str
        Path of the file as given (relative when the caller gave a relative path).
    line, column : int
        1-based position of the offending YAML node; ``0`` when not known (e.g. a missing file).
    path : str
        Dotted key path inside the document, e.g. ``scores.vision.score``; empty for the document.
    message : str
        What is wrong and what is allowed, ending with a full stop.
    value : object
        The offending value, when there is one (``None`` otherwise).
    severity : {"error", "warning"}
        Warnings are reported but do not stop loading.

    Examples
    --------
    >>> print(Issue("options/a.yaml", 3, 5, "scores.vision.score", "6 is not on the scale.", 6))
    options/a.yaml:3:5: scores.vision.score: 6 is not on the scale.
    """

    file: str
    line: int
    column: int
    path: str
    message: str
    value: Any = None
    severity: Severity = "error"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        kind = "warning: " if self.severity == "warning" else ""
        key = f"{self.path}: " if self.path else ""
        return f"{where}: {kind}{key}{self.message}"

    def to_dict(self) -> dict[str, Any]:
        """Return the issue as a JSON-ready mapping."""
        value = self.value
        if not isinstance(value, str | int | float | bool | type(None)):
            value = repr(value)
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "path": self.path,
            "message": self.message,
            "value": value,
            "severity": self.severity,
        }


def format_path(path: tuple[str | int, ...] | list[str | int]) -> str:
    """A key path as ``a.b.0.c``; keys that are not plain printable text are quoted.

    Examples
    --------
    >>> format_path(("scores", "vision", "score"))
    'scores.vision.score'
    >>> print(format_path(("line\\nbreak", 0)))
    'line\\nbreak'.0
    """
    parts = []
    for part in path:
        text = str(part)
        if isinstance(part, str) and (not text.isprintable() or text != text.strip() or not text):
            text = repr(part)
        parts.append(text)
    return ".".join(parts)


class AppraisalError(Exception):
    """Root of every exception raised on purpose by :mod:`appraisal`."""


class InputError(AppraisalError, ValueError):
    """The caller's input is invalid: a file, a weight set, an argument."""


class InputValidationError(InputError):
    """One or more problems were found in input files.

    Every problem found in one pass is listed in :attr:`issues` (errors first, in file order);
    :attr:`warnings` holds the warnings found alongside them.

    Examples
    --------
    >>> err = InputValidationError([Issue("c.yaml", 1, 1, "title", "Required.", None)])
    >>> print(err)
    1 problem found:
    c.yaml:1:1: title: Required.
    """

    def __init__(self, issues: list[Issue], warnings: list[Issue] | None = None) -> None:
        self.issues: list[Issue] = list(issues)
        self.warnings: list[Issue] = list(warnings or [])
        n = len(self.issues)
        head = f"{n} problem{'s' if n != 1 else ''} found:"
        super().__init__("\n".join([head, *map(str, self.issues)]))


class InternalError(AppraisalError, RuntimeError):
    """A bug in :mod:`appraisal` itself. Please report it with the input that caused it."""
