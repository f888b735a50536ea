"""Scales: ordinal (labelled levels) and numeric (with a value function)."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from functools import cached_property
from typing import Annotated, Any, Literal

from pydantic import (
    Discriminator,
    Field,
    StrictBool,
    Tag,
)

from appraisal.model.fields import FrozenModel, Label, NonEmptyLabel, Number, Text


class Level(FrozenModel):
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


class OrdinalScale(FrozenModel):
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


class ValueFunction(FrozenModel):
    """How a numeric score becomes a value on 0..100.

    ``linear`` runs from the worst anchor (0) to the best (100), reversed for cost criteria;
    ``piecewise`` passes through ``points`` given as ``[score, value]`` pairs.
    """

    type: Literal["linear", "piecewise"] = "linear"
    points: tuple[tuple[Number, Number], ...] = ()


class NumericScale(FrozenModel):
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
