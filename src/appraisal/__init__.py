"""appraisal: weighted multi-criteria options appraisal from validated YAML.

Load a case directory, rank its options and ask how robust the answer is::

    import appraisal
    case = appraisal.load(".")          # criteria/ and options/, validated
    ranking = case.rank()               # equal weights, additive model
    print(ranking)

Errors are :class:`AppraisalError` subclasses; input problems arrive together in one
:class:`InputValidationError`, each with file, line and column.
"""

from __future__ import annotations

__version__ = "0.1.0"

from appraisal import load as _old_load_path  # noqa: F401 - bound first, so ``load`` below stays the function
from appraisal.case import Appraisal
from appraisal.errors import AppraisalError, InputError, InputValidationError, InternalError, Issue
from appraisal.io.load import load, validate
from appraisal.io.yaml.reader import Limits
from appraisal.matrix import Matrix
from appraisal.model import (
    Criterion,
    Group,
    Level,
    NumericScale,
    Option,
    OrdinalScale,
    ScoreCell,
    WeightSet,
)
from appraisal.ranking import Ranking

__all__ = [
    "Appraisal",
    "AppraisalError",
    "Criterion",
    "Group",
    "InputError",
    "InputValidationError",
    "InternalError",
    "Issue",
    "Level",
    "Limits",
    "Matrix",
    "NumericScale",
    "Option",
    "OrdinalScale",
    "Ranking",
    "ScoreCell",
    "WeightSet",
    "__version__",
    "load",
    "validate",
]
