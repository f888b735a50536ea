"""Field types shared by the models: strict numbers, checked text, identifiers.

Numbers are strict: ``true``, ``"4"``, NaN and infinities are rejected where a number belongs.
Text fields are checked by one pattern each, in Rust (see :mod:`appraisal._text`).
"""

from __future__ import annotations

import math
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
)
from pydantic_core import PydanticCustomError

from appraisal._text import (
    FREE_TEXT_PATTERN,
    LABEL_PATTERN,
    MAX_ID_LENGTH,
    NON_EMPTY_FREE_TEXT_PATTERN,
    NON_EMPTY_LABEL_PATTERN,
    bad_character,
)

SCHEMA_VERSION = 1
_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"


def check_number(value: Any) -> Any:
    """Accept int or float only: no booleans, no numeric strings, no NaN or infinity."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        if isinstance(value, str):
            try:
                float(value)
            except ValueError:
                pass
            else:
                raise PydanticCustomError(
                    "number_quoted",
                    "{text} is text, not a number; remove the quotes.",
                    {"text": repr(value)},
                )
        raise PydanticCustomError(
            "number_type", "expected a number, got {got}.", {"got": describe(value)}
        )
    if isinstance(value, float) and not math.isfinite(value):
        raise PydanticCustomError(
            "number_finite", "expected a finite number, got {got}.", {"got": describe(value)}
        )
    if isinstance(value, int) and abs(value) > 10**15:
        raise PydanticCustomError(
            "number_huge", "{value} is too large (at most 10^15 in size).", {"value": value}
        )
    return value


#: The most characters of a file's text a message quotes (a file that is one long scalar, or
#: one that is not an appraisal file at all, is never echoed whole).
EXCERPT_CHARS = 60


def excerpt(text: str) -> str:
    """The first line of ``text``, cut to :data:`EXCERPT_CHARS`, with ``...`` where cut."""
    first, *rest = text.split("\n", 1)
    if len(first) > EXCERPT_CHARS:
        return first[:EXCERPT_CHARS] + "..."
    return first + " ..." if rest and rest[0].strip() else first


def describe(value: Any) -> str:
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a true/false value)"
    if isinstance(value, str):
        return f"the text {excerpt(value)!r}"
    if isinstance(value, float) and math.isnan(value):
        return "NaN"
    if isinstance(value, float) and math.isinf(value):
        return "infinity" if value > 0 else "-infinity"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    return repr(value)


def _text(value: Any) -> Any:
    if not isinstance(value, str):
        raise PydanticCustomError(
            "text_type", "expected text, got {got}.", {"got": describe(value)}
        )
    return value


def _non_empty(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("text_empty", "must not be empty.", {})
    return value


def not_null(value: Any) -> Any:
    """A key written with nothing after it (``rationale:``) is empty text, not 'absent'."""
    if value is None:
        raise PydanticCustomError("text_empty", "must not be empty.", {})
    return value


Number = Annotated[int | float, BeforeValidator(check_number)]
"""A finite int or float; booleans and quoted numbers are rejected."""
# Strict str checked by one pattern each, in Rust (no Python call per value: loading 1,000
# option files is mostly these fields); the patterns refuse control characters and, in labels,
# invisible ones too (see appraisal._text). The error types are worded in
# _checks.problems_from_validation.
Text = Annotated[str, Strict(), Field(pattern=FREE_TEXT_PATTERN)]
"""Free text: may run over several lines; no control characters but tab and newline."""
NonEmptyText = Annotated[str, Strict(), Field(pattern=NON_EMPTY_FREE_TEXT_PATTERN)]
Label = Annotated[str, Strict(), Field(pattern=LABEL_PATTERN)]
"""One line of text (a name, a label): no control, bidirectional or zero-width characters."""
NonEmptyLabel = Annotated[str, Strict(), Field(pattern=NON_EMPTY_LABEL_PATTERN)]
Identifier = Annotated[str, Strict(), Field(pattern=_ID_PATTERN, max_length=MAX_ID_LENGTH)]


def _score_value(value: Any) -> Any:
    """A cell's score: a number, or (on ordinal scales) a level's label."""
    if isinstance(value, str):
        if not value.strip():
            raise PydanticCustomError("text_empty", "must not be empty.", {})
        bad = bad_character(value, label=True)
        if bad is not None:
            raise PydanticCustomError("text_character", bad, {})
        return value
    return check_number(value)


ScoreValue = Annotated[int | float | str, BeforeValidator(_score_value)]


class FrozenModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
