"""The placeholder texts ``appraisal new case`` writes, and how reports show them.

A scaffolded case validates and ranks as it is, so its stand-in texts could reach a board
paper unnoticed. Reports (HTML, Markdown, Excel) replace each one with a visible mark
(:func:`shown`); validation can warn about them by comparing with these constants. This module
imports nothing, so any layer can use it (``scaffold`` re-exports the constants).
"""

from __future__ import annotations

__all__ = [
    "PLACEHOLDERS",
    "PLACEHOLDER_RATIONALE",
    "PLACEHOLDER_SOURCE",
    "PLACEHOLDER_SUMMARY",
    "is_placeholder",
    "shown",
]

PLACEHOLDER_RATIONALE = "Replace with why this score was given."
PLACEHOLDER_SUMMARY = "Replace with a sentence describing the option."
PLACEHOLDER_SOURCE = "Replace with where this appraisal comes from."

#: Each placeholder and the mark reports print in its place.
PLACEHOLDERS = {
    PLACEHOLDER_RATIONALE: "(placeholder — no rationale written yet)",
    PLACEHOLDER_SUMMARY: "(placeholder — no summary written yet)",
    PLACEHOLDER_SOURCE: "(placeholder — no source given yet)",
}


def is_placeholder(text: object) -> bool:
    """True when ``text`` is one of the scaffold's placeholders (surrounding space ignored).

    Examples
    --------
    >>> is_placeholder(" Replace with why this score was given. "), is_placeholder("Because.")
    (True, False)
    """
    return isinstance(text, str) and text.strip() in PLACEHOLDERS


def shown(text: str) -> str:
    """``text`` as a report shows it: a placeholder becomes its visible mark.

    Examples
    --------
    >>> shown("Replace with why this score was given.")
    '(placeholder — no rationale written yet)'
    >>> shown("Cheapest to run.")
    'Cheapest to run.'
    """
    return PLACEHOLDERS.get(text.strip(), text) if isinstance(text, str) else text
