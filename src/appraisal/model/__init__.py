"""The data model: frozen pydantic models that forbid unknown keys, and nothing else.

Every model is a frozen pydantic model that forbids unknown keys. The YAML keys are promises to
users and tools: they may gain new optional keys, but are never renamed or dropped.

Files and models::

    criteria/criteria.yaml  ->  CriteriaFile   (title, scales, groups, criteria)
    options/<id>.yaml       ->  Option         (id, name, summary, scores: {criterion: ScoreCell})
    criteria/weights.yaml   ->  WeightsFile    (weight_sets: {name: WeightSet})
    everything together     ->  CaseData, and appraisal.Appraisal (checked across files)

Numbers are strict: ``true``, ``"4"``, NaN and infinities are rejected where a number belongs.
The models hold data only: the cross-file rules are in :mod:`appraisal.validation`, the analyses
in the layers above.
"""

from __future__ import annotations

from appraisal.model.case import CaseData
from appraisal.model.criteria import CriteriaFile, Criterion, Gate, Group
from appraisal.model.fields import SCHEMA_VERSION
from appraisal.model.options import Option, ScoreCell
from appraisal.model.scales import Level, NumericScale, OrdinalScale, Scale, ValueFunction
from appraisal.model.weightsets import Elicitation, WeightSet, WeightsFile

__all__ = [
    "SCHEMA_VERSION",
    "CaseData",
    "CriteriaFile",
    "Criterion",
    "Elicitation",
    "Gate",
    "Group",
    "Level",
    "NumericScale",
    "Option",
    "OrdinalScale",
    "Scale",
    "ScoreCell",
    "ValueFunction",
    "WeightSet",
    "WeightsFile",
]
