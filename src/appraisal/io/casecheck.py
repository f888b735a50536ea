"""What ``appraisal validate`` reports: every issue, and how much was read."""

from __future__ import annotations

from dataclasses import dataclass

from appraisal.errors import Issue

__all__ = ["CaseCheck"]


@dataclass(frozen=True)
class CaseCheck:
    """What :func:`check_case` found: every issue, and how much was read.

    Attributes
    ----------
    issues : list of Issue
        Errors and warnings together, in file order then line order.
    options : int
        Option files read.
    criteria : int
        Entries under ``criteria:`` in the criteria file.
    weight_sets : int
        Entries under ``weight_sets:`` in the weights file (the built-in ``equal`` set is not
        counted).
    """

    issues: list[Issue]
    options: int
    criteria: int
    weight_sets: int

    @property
    def errors(self) -> list[Issue]:
        """The issues that are errors."""
        return [i for i in self.issues if i.severity == "error"]

    def summary(self) -> str:
        """One line: ``valid: 5 options, 19 criteria, 4 weight sets, 2 warnings``, or
        ``invalid: 3 errors, 2 warnings in 5 options, 19 criteria, 4 weight sets``.

        Examples
        --------
        >>> print(CaseCheck([], 1, 2, 0).summary())
        valid: 1 option, 2 criteria, 0 weight sets, 0 warnings
        """

        def n(count: int, one: str, many: str) -> str:
            return f"{count} {one if count == 1 else many}"

        n_errors = len(self.errors)
        warnings = n(len(self.issues) - n_errors, "warning", "warnings")
        read = ", ".join(
            (
                n(self.options, "option", "options"),
                n(self.criteria, "criterion", "criteria"),
                n(self.weight_sets, "weight set", "weight sets"),
            )
        )
        if n_errors:
            return f"invalid: {n(n_errors, 'error', 'errors')}, {warnings} in {read}"
        return f"valid: {read}, {warnings}"
