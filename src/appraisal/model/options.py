"""Options and their score cells (``options/<id>.yaml``)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    BeforeValidator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from appraisal.model.fields import (
    FrozenModel,
    Identifier,
    Label,
    NonEmptyLabel,
    NonEmptyText,
    ScoreValue,
    Text,
    not_null,
)


class ScoreCell(FrozenModel):
    """One option's score on one criterion, with the judgement behind it.

    Exactly one of ``score`` and ``not_scored`` is given; ``rationale`` is required with a score.
    """

    score: ScoreValue | None = None
    not_scored: NonEmptyText | None = None
    rating: Label | None = None
    rationale: Annotated[NonEmptyText | None, BeforeValidator(not_null)] = None
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


class Option(FrozenModel):
    """One candidate option (one file in ``options/``)."""

    schema_version: Literal[1]
    id: Identifier
    name: NonEmptyLabel
    summary: Text = ""
    description: Text | None = None
    scores: dict[Label, ScoreCell]
