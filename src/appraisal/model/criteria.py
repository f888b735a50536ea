"""Criteria, their groups and gates, and the criteria file that holds them."""

from __future__ import annotations

from typing import Literal

from pydantic import (
    Field,
    StrictBool,
)

from appraisal.model.fields import FrozenModel, Identifier, Label, NonEmptyLabel, ScoreValue, Text
from appraisal.model.scales import Scale


class Group(FrozenModel):
    """A named group of criteria (used by grouped weighting and for reporting)."""

    id: Identifier
    name: Label | None = None
    description: Text | None = None
    illustrative: StrictBool = False


class Gate(FrozenModel):
    """A must-pass threshold: options scoring below ``min`` (or above ``max``) are screened out."""

    min: ScoreValue | None = None
    max: ScoreValue | None = None


class Criterion(FrozenModel):
    """One criterion: what is judged, on which scale and in which direction."""

    id: Identifier
    name: NonEmptyLabel
    description: Text | None = None
    scale: Identifier
    group: Identifier | None = None
    direction: Literal["benefit", "cost"] = "benefit"
    gate: Gate | None = None
    weighted: StrictBool = True


class CriteriaFile(FrozenModel):
    """The contents of ``criteria/criteria.yaml``."""

    schema_version: Literal[1]
    title: NonEmptyLabel
    source: Text | None = None
    description: Text | None = None
    scales: dict[Identifier, Scale] = Field(min_length=1)
    groups: tuple[Group, ...] = ()
    criteria: tuple[Criterion, ...] = Field(min_length=1)
