"""The validated, immutable data model of an appraisal.

Every model is a frozen pydantic model that forbids unknown keys. The YAML keys are promises to
users and tools: they may gain new optional keys, but are never renamed or dropped.

Files and models::

    criteria/criteria.yaml  ->  CriteriaFile   (title, scales, groups, criteria)
    options/<id>.yaml       ->  Option         (id, name, summary, scores: {criterion: ScoreCell})
    everything together     ->  Appraisal      (checked across files on construction)

Numbers are strict: ``true``, ``"4"``, NaN and infinities are rejected where a number belongs.
"""

from __future__ import annotations

import math
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    StrictBool,
    Tag,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .errors import Issue

__all__ = [
    "Appraisal",
    "CriteriaFile",
    "Criterion",
    "Gate",
    "Group",
    "Level",
    "NumericScale",
    "Option",
    "OrdinalScale",
    "Scale",
    "ScoreCell",
]

SCHEMA_VERSION = 1
_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"


def _number(value: Any) -> Any:
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
                    "{value!r} is text, not a number; remove the quotes.",
                    {"value": value},
                )
        raise PydanticCustomError(
            "number_type", "expected a number, got {got}.", {"got": _describe(value)}
        )
    if isinstance(value, float) and not math.isfinite(value):
        raise PydanticCustomError(
            "number_finite", "expected a finite number, got {got}.", {"got": _describe(value)}
        )
    if isinstance(value, int) and abs(value) > 10**15:
        raise PydanticCustomError(
            "number_huge", "{value} is too large (at most 10^15 in size).", {"value": value}
        )
    return value


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a true/false value)"
    if isinstance(value, str):
        return f"the text {value!r}"
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
            "text_type", "expected text, got {got}.", {"got": _describe(value)}
        )
    return value


def _non_empty(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("text_empty", "must not be empty.", {})
    return value


Number = Annotated[int | float, BeforeValidator(_number)]
"""A finite int or float; booleans and quoted numbers are rejected."""
Text = Annotated[str, BeforeValidator(_text)]
NonEmptyText = Annotated[str, BeforeValidator(_text), AfterValidator(_non_empty)]
Identifier = Annotated[
    str,
    BeforeValidator(_text),
    Field(pattern=_ID_PATTERN, max_length=100),
]


def _score_value(value: Any) -> Any:
    """A cell's score: a number, or (on ordinal scales) a level's label."""
    if isinstance(value, str):
        if not value.strip():
            raise PydanticCustomError("text_empty", "must not be empty.", {})
        return value
    return _number(value)


ScoreValue = Annotated[int | float | str, BeforeValidator(_score_value)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Level(_Model):
    """One level of an ordinal scale: a value, its label and optional alternative spellings.

    Examples
    --------
    >>> Level(value=2, label="Low-Med", aliases=("Low-Medium",)).label
    'Low-Med'
    """

    value: Number
    label: NonEmptyText
    aliases: tuple[Text, ...] = ()
    description: Text | None = None


class OrdinalScale(_Model):
    """A labelled scale such as 1 Low .. 5 High; values map linearly onto 0..100."""

    kind: Literal["ordinal"] = "ordinal"
    description: Text | None = None
    levels: tuple[Level, ...] = Field(min_length=2)

    @property
    def values(self) -> tuple[float, ...]:
        """The level values, in file order."""
        return tuple(level.value for level in self.levels)

    def match_label(self, text: str) -> Level | None:
        """The level whose label or alias matches ``text`` (case and spaces ignored)."""
        want = _normalise_label(text)
        for level in self.levels:
            if want in {_normalise_label(x) for x in (level.label, *level.aliases)}:
                return level
        return None

    def level_of(self, value: float) -> Level | None:
        """The level with this value, if any."""
        for level in self.levels:
            if level.value == value:
                return level
        return None


def _normalise_label(text: str) -> str:
    return "".join(text.split()).casefold()


class ValueFunction(_Model):
    """How a numeric score becomes a value on 0..100.

    ``linear`` runs from the worst anchor (0) to the best (100), reversed for cost criteria;
    ``piecewise`` passes through ``points`` given as ``[score, value]`` pairs.
    """

    type: Literal["linear", "piecewise"] = "linear"
    points: tuple[tuple[Number, Number], ...] = ()


class NumericScale(_Model):
    """A numeric criterion's scale: anchors, unit and value function."""

    kind: Literal["numeric"] = "numeric"
    description: Text | None = None
    min: Number | None = None
    max: Number | None = None
    unit: Text | None = None
    anchors: Literal["global", "local"] = "global"
    value_function: ValueFunction = ValueFunction()
    clamp: StrictBool = False


def _scale_kind(value: Any) -> str:
    if isinstance(value, dict):
        return "ordinal" if "levels" in value else "numeric"
    return "ordinal" if isinstance(value, OrdinalScale) else "numeric"


Scale = Annotated[
    Annotated[OrdinalScale, Tag("ordinal")] | Annotated[NumericScale, Tag("numeric")],
    Discriminator(_scale_kind),
]


class Group(_Model):
    """A named group of criteria (used by grouped weighting and for reporting)."""

    id: Identifier
    name: Text | None = None
    description: Text | None = None
    illustrative: StrictBool = False


class Gate(_Model):
    """A must-pass threshold: options scoring below ``min`` (or above ``max``) are screened out."""

    min: ScoreValue | None = None
    max: ScoreValue | None = None


class Criterion(_Model):
    """One criterion: what is judged, on which scale and in which direction."""

    id: Identifier
    name: NonEmptyText
    description: Text | None = None
    scale: Identifier
    group: Identifier | None = None
    direction: Literal["benefit", "cost"] = "benefit"
    gate: Gate | None = None
    weighted: StrictBool = True


class CriteriaFile(_Model):
    """The contents of ``criteria/criteria.yaml``."""

    schema_version: Literal[1]
    title: NonEmptyText
    source: Text | None = None
    description: Text | None = None
    scales: dict[Identifier, Scale] = Field(min_length=1)
    groups: tuple[Group, ...] = ()
    criteria: tuple[Criterion, ...] = Field(min_length=1)


class ScoreCell(_Model):
    """One option's score on one criterion, with the judgement behind it.

    Exactly one of ``score`` and ``not_scored`` is given; ``rationale`` is required with a score.
    """

    score: ScoreValue | None = None
    not_scored: NonEmptyText | None = None
    rating: Text | None = None
    rationale: NonEmptyText | None = None
    range: tuple[ScoreValue, ScoreValue] | None = None
    evidence: tuple[Text, ...] = ()

    @model_validator(mode="after")
    def _score_or_reason(self) -> ScoreCell:
        if self.score is None and self.not_scored is None:
            raise PydanticCustomError(
                "cell_empty",
                "give a score, or say why there is none with 'not_scored: <reason>'.",
                {},
            )
        if self.score is not None and self.not_scored is not None:
            raise PydanticCustomError(
                "cell_both", "give either 'score' or 'not_scored', not both.", {}
            )
        if self.score is not None and self.rationale is None:
            raise PydanticCustomError(
                "rationale_missing",
                "every score needs a 'rationale' saying why it was given.",
                {},
            )
        return self


class Option(_Model):
    """One candidate option (one file in ``options/``)."""

    schema_version: Literal[1]
    id: Identifier
    name: NonEmptyText
    summary: Text = ""
    description: Text | None = None
    scores: dict[Text, ScoreCell]


class Appraisal(_Model):
    """A whole appraisal: criteria, scales and options, checked against each other.

    Construct it with :func:`appraisal.load` from YAML files, or directly from Python; either way
    every cross-file rule (scores on their scale, no unknown or missing criteria, unique ids) is
    checked, and :class:`~appraisal.errors.InputValidationError` lists every problem.
    """

    title: NonEmptyText
    source: Text | None = None
    description: Text | None = None
    scales: dict[Identifier, Scale]
    groups: tuple[Group, ...] = ()
    criteria: tuple[Criterion, ...] = Field(min_length=1)
    options: tuple[Option, ...] = Field(min_length=1)
    weight_sets: tuple[Any, ...] = ()
    warnings: tuple[Issue, ...] = Field(default=(), exclude=True, repr=False)
    files: tuple[str, ...] = Field(default=(), exclude=True, repr=False)

    def __init__(self, **data: Any) -> None:
        from pydantic import ValidationError

        from ._checks import check_appraisal, raise_problems, raise_validation_error

        try:
            super().__init__(**data)
        except ValidationError as exc:
            raise_validation_error(exc)
        raise_problems(check_appraisal(self.criteria_file(), self.options))

    def criteria_file(self) -> CriteriaFile:
        """The criteria part of this appraisal, as in ``criteria/criteria.yaml``."""
        return CriteriaFile.model_construct(
            schema_version=1,
            title=self.title,
            source=self.source,
            description=self.description,
            scales=self.scales,
            groups=self.groups,
            criteria=self.criteria,
        )

    @property
    def criterion_ids(self) -> tuple[str, ...]:
        """Criterion ids in file order (the column order of every matrix)."""
        return tuple(c.id for c in self.criteria)

    @property
    def option_ids(self) -> tuple[str, ...]:
        """Option ids in load order (file name order; the row order of every matrix)."""
        return tuple(o.id for o in self.options)

    def scale_of(self, criterion: Criterion) -> OrdinalScale | NumericScale:
        """The scale a criterion is scored on."""
        return self.scales[criterion.scale]

    def rank(self, weights: Any = None) -> Any:
        """Rank the options by weighted sum (see :func:`appraisal.rank.rank_appraisal`)."""
        from .rank import rank_appraisal

        return rank_appraisal(self, weights)
