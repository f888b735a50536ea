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
import unicodedata
from collections.abc import Mapping
from functools import cached_property
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Strict,
    StrictBool,
    Tag,
    model_validator,
)
from pydantic_core import PydanticCustomError

from ._text import (
    FREE_TEXT_PATTERN,
    LABEL_PATTERN,
    MAX_ID_LENGTH,
    NON_EMPTY_FREE_TEXT_PATTERN,
    NON_EMPTY_LABEL_PATTERN,
    bad_character,
)
from .errors import Issue

if TYPE_CHECKING:
    from ._weightsets import WeightVector
    from .rank import Ranking
    from .sensitivity import (
        OneWayResult,
        ScoreSwitchingResult,
        TornadoResult,
        WeightDistanceResult,
    )
    from .smaa import SmaaResult

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
                    "{text} is text, not a number; remove the quotes.",
                    {"text": repr(value)},
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


#: The most characters of a file's text a message quotes (a file that is one long scalar, or
#: one that is not an appraisal file at all, is never echoed whole).
EXCERPT_CHARS = 60


def _excerpt(text: str) -> str:
    """The first line of ``text``, cut to :data:`EXCERPT_CHARS`, with ``...`` where cut."""
    first, *rest = text.split("\n", 1)
    if len(first) > EXCERPT_CHARS:
        return first[:EXCERPT_CHARS] + "..."
    return first + " ..." if rest and rest[0].strip() else first


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a true/false value)"
    if isinstance(value, str):
        return f"the text {_excerpt(value)!r}"
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


def _not_null(value: Any) -> Any:
    """A key written with nothing after it (``rationale:``) is empty text, not 'absent'."""
    if value is None:
        raise PydanticCustomError("text_empty", "must not be empty.", {})
    return value


Number = Annotated[int | float, BeforeValidator(_number)]
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
    label: NonEmptyLabel
    aliases: tuple[Label, ...] = ()
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

    @cached_property
    def _label_index(self) -> dict[str, Level]:
        index: dict[str, Level] = {}
        for level in self.levels:
            for text in (level.label, *level.aliases):
                index.setdefault(_normalise_label(text), level)
        return index

    def model_copy(
        self, *, update: Mapping[str, Any] | None = None, deep: bool = False
    ) -> OrdinalScale:
        """A copy; the label index cached on this scale is not carried over to it."""
        copy = super().model_copy(update=update, deep=deep)
        copy.__dict__.pop("_label_index", None)
        return copy

    def match_label(self, text: str) -> Level | None:
        """The level whose label or alias matches ``text`` (case and spaces ignored)."""
        return self._label_index.get(_normalise_label(text))

    def level_of(self, value: float) -> Level | None:
        """The level with this value, if any."""
        for level in self.levels:
            if level.value == value:
                return level
        return None


def _normalise_label(text: str) -> str:
    """Labels match whatever their case, spaces and Unicode composition (NFC)."""
    key = "".join(text.split()).casefold()
    return key if key.isascii() else unicodedata.normalize("NFC", key)


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
    unit: Label | None = None
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
    name: Label | None = None
    description: Text | None = None
    illustrative: StrictBool = False


class Gate(_Model):
    """A must-pass threshold: options scoring below ``min`` (or above ``max``) are screened out."""

    min: ScoreValue | None = None
    max: ScoreValue | None = None


class Criterion(_Model):
    """One criterion: what is judged, on which scale and in which direction."""

    id: Identifier
    name: NonEmptyLabel
    description: Text | None = None
    scale: Identifier
    group: Identifier | None = None
    direction: Literal["benefit", "cost"] = "benefit"
    gate: Gate | None = None
    weighted: StrictBool = True


class CriteriaFile(_Model):
    """The contents of ``criteria/criteria.yaml``."""

    schema_version: Literal[1]
    title: NonEmptyLabel
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
    rating: Label | None = None
    rationale: Annotated[NonEmptyText | None, BeforeValidator(_not_null)] = None
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
    name: NonEmptyLabel
    summary: Text = ""
    description: Text | None = None
    scores: dict[Label, ScoreCell]


# --- weight sets (criteria/weights.yaml) -----------------------------------------------------

WeightMethod = Literal["equal", "direct", "swing", "rank", "ahp"]
RankItem = Annotated[Identifier | tuple[Identifier, ...], Field(union_mode="left_to_right")]


def _judgement_value(value: Any) -> Any:
    """An AHP judgement: a number, or a fraction written as text such as ``"1/3"``."""
    if isinstance(value, str) and "/" in value:
        top, _, bottom = value.partition("/")
        try:
            num, den = float(top), float(bottom)
        except ValueError:
            pass
        else:
            if den != 0 and math.isfinite(num / den):
                return num / den
        raise PydanticCustomError(
            "judgement_text",
            "{text} is not a judgement; write a number from 1/9 to 9, e.g. 3 or 1/3.",
            {"text": repr(value)},
        )
    return _number(value)


Judgement = Annotated[float, BeforeValidator(_judgement_value)]


class Elicitation(_Model):
    """How weights over a list of items (criteria, or groups) were elicited.

    ``method`` picks which of the other keys is read:

    - ``equal``: no further keys;
    - ``direct``: ``weights: {item: number}``, non-negative, normalised;
    - ``swing``: ``swing: {item: points}``, 0-100 points, 100 for the most valued swing;
    - ``rank``: ``rank: [item, [tied, items], ...]`` most important first, turned into weights
      by ``formula`` (``roc``, ``rank-sum`` or ``rank-reciprocal``);
    - ``ahp``: ``judgements: [[a, b, x], ...]``, a is x times as important as b on Saaty's
      1-9 scale (1/9 to 9; fractions as ``1/3``); every pair once.
    """

    method: WeightMethod
    weights: dict[Identifier, Number] | None = None
    swing: dict[Identifier, Number] | None = None
    rank: tuple[RankItem, ...] | None = None
    formula: Literal["roc", "rank-sum", "rank-reciprocal"] = "roc"
    judgements: tuple[tuple[Identifier, Identifier, Judgement], ...] | None = None


class WeightSet(Elicitation):
    """A named weight set: whose view it is, why, and how it was elicited.

    With ``over: groups`` the method weighs the criterion groups, and ``within`` gives each
    group's own elicitation (equal within the group when omitted); each criterion's effective
    weight is its group's weight times its weight within the group. ``method: groups`` is the
    same with the group weights given by the ``groups`` elicitation.
    """

    method: Literal["equal", "direct", "swing", "rank", "ahp", "groups"]  # type: ignore[assignment]
    name: Label | None = None
    view: NonEmptyText
    rationale: NonEmptyText
    illustrative: StrictBool = False
    source: Text | None = None
    over: Literal["criteria", "groups"] = "criteria"
    groups: Elicitation | None = None
    within: dict[Identifier, Elicitation] = {}


class WeightsFile(_Model):
    """The contents of ``criteria/weights.yaml``: named weight sets."""

    schema_version: Literal[1]
    weight_sets: dict[Identifier, WeightSet] = Field(min_length=1)


class Appraisal(_Model):
    """A whole appraisal: criteria, scales and options, checked against each other.

    Construct it with :func:`appraisal.load` from YAML files, or directly from Python; either way
    every cross-file rule (scores on their scale, no unknown or missing criteria, unique ids) is
    checked, and :class:`~appraisal.errors.InputValidationError` lists every problem.
    """

    title: NonEmptyLabel
    source: Text | None = None
    description: Text | None = None
    scales: dict[Identifier, Scale]
    groups: tuple[Group, ...] = ()
    criteria: tuple[Criterion, ...] = Field(min_length=1)
    options: tuple[Option, ...] = Field(min_length=1)
    weight_sets: dict[Identifier, WeightSet] = {}
    warnings: tuple[Issue, ...] = Field(default=(), exclude=True, repr=False)
    files: tuple[str, ...] = Field(default=(), exclude=True, repr=False)
    file_sha256: dict[str, str] = Field(default={}, exclude=True, repr=False)

    def __init__(self, **data: Any) -> None:
        from pydantic import ValidationError

        from ._checks import check_appraisal, raise_problems, raise_validation_error

        try:
            super().__init__(**data)
        except ValidationError as exc:
            raise_validation_error(exc)
        raise_problems(check_appraisal(self.criteria_file(), self.options, self.weight_sets))

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

    @property
    def weight_set_names(self) -> tuple[str, ...]:
        """``equal`` (always available) followed by the sets in ``weights.yaml``, in file order."""
        return ("equal", *(n for n in self.weight_sets if n != "equal"))

    def weights(self, name: str = "equal") -> WeightVector:
        """A weight set's normalised weights with their provenance.

        Parameters
        ----------
        name : str, default "equal"
            ``"equal"`` or the name of a set in ``criteria/weights.yaml``.

        Raises
        ------
        InputError
            When no set has that name.

        Examples
        --------
        >>> import appraisal
        >>> w = appraisal.load(".").weights("equal")
        >>> w.method, round(float(w.weights.sum()), 12)
        ('equal', 1.0)
        """
        from ._checks import suggest
        from ._weightsets import compute_weight_set, equal_set
        from .errors import InputError

        cf = self.criteria_file()
        if name in self.weight_sets:
            return compute_weight_set(cf, name, self.weight_sets[name])
        if name == "equal":
            return equal_set(cf)
        names = self.weight_set_names
        raise InputError(
            f"unknown weight set {name!r}{suggest(name, names)} (defined: {', '.join(names)})."
        )

    def screened_out(self) -> tuple[tuple[str, str], ...]:
        """Options that fail a must-pass (gate) criterion, each with the reason.

        Examples
        --------
        >>> import appraisal
        >>> appraisal.load(".").screened_out()
        ()
        """
        from .rank import screen

        return screen(self)

    def rank(self, weights: str | Mapping[str, float] | WeightSet | None = None) -> Ranking:
        """Rank the options by the weighted sum of their values.

        Parameters
        ----------
        weights : None, str, mapping or WeightSet
            ``None`` or ``"equal"`` for equal weights, the name of a weight set, a mapping
            ``{criterion: weight}`` (normalised; criteria left out get 0), or a WeightSet.

        Returns
        -------
        Ranking
            Options that fail a gate are left out and listed in ``screened_out``.

        Examples
        --------
        >>> import appraisal
        >>> appraisal.load(".").rank().top
        ('integrated-transformation',)
        """
        from .rank import rank_appraisal

        return rank_appraisal(self, weights)

    # --- sensitivity and robustness (see appraisal.analysis) -----------------------------
    def oneway(self, weights: Any = None) -> OneWayResult:
        """Exact one-way weight sensitivity; see :func:`appraisal.analysis.oneway`."""
        from .analysis import oneway

        return oneway(self, weights)

    def score_switching(self, weights: Any = None) -> ScoreSwitchingResult:
        """Score switching values; see :func:`appraisal.analysis.score_switching`."""
        from .analysis import score_switching

        return score_switching(self, weights)

    def weight_distance(
        self, weights: Any = None, challenger: str | None = None
    ) -> WeightDistanceResult:
        """Minimum weight change; see :func:`appraisal.analysis.weight_distance`."""
        from .analysis import weight_distance

        return weight_distance(self, weights, challenger)

    def tornado(self, weights: Any = None, weight_change: float = 0.2) -> TornadoResult:
        """Tornado analysis; see :func:`appraisal.analysis.tornado`."""
        from .analysis import tornado

        return tornado(self, weights, weight_change)

    def smaa(self, **kwargs: Any) -> SmaaResult:
        """SMAA-2; see :func:`appraisal.analysis.smaa` for the keyword arguments."""
        from .analysis import smaa

        return smaa(self, **kwargs)
