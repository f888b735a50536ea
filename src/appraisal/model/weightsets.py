"""Weight sets and how they are elicited (``criteria/weights.yaml``)."""

from __future__ import annotations

import math
from typing import Annotated, Any, Literal

from pydantic import (
    BeforeValidator,
    Field,
    StrictBool,
)
from pydantic_core import PydanticCustomError

from appraisal.model.fields import (
    FrozenModel,
    Identifier,
    Label,
    NonEmptyText,
    Number,
    Text,
    check_number,
)

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
    return check_number(value)


Judgement = Annotated[float, BeforeValidator(_judgement_value)]


class Elicitation(FrozenModel):
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
    within: dict[Identifier, Elicitation] = {}  # noqa: RUF012 - pydantic copies it


class WeightsFile(FrozenModel):
    """The contents of ``criteria/weights.yaml``: named weight sets."""

    schema_version: Literal[1]
    weight_sets: dict[Identifier, WeightSet] = Field(min_length=1)
