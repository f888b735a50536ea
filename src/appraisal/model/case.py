"""The data of a whole appraisal: criteria, scales, options and weight sets.

:class:`CaseData` holds the fields and the accessors that only read them. The public
:class:`appraisal.Appraisal` subclasses it in :mod:`appraisal.case`, adding the cross-file checks
on construction and the analysis methods; keeping the data here lets every layer below the
analyses (validation, io, matrix) name the type without importing the analyses.
"""

from __future__ import annotations

from pydantic import Field

from appraisal.errors import Issue
from appraisal.model.criteria import CriteriaFile, Criterion, Group
from appraisal.model.fields import FrozenModel, Identifier, NonEmptyLabel, Text
from appraisal.model.options import Option
from appraisal.model.scales import NumericScale, OrdinalScale, Scale
from appraisal.model.weightsets import WeightSet

__all__ = ["CaseData"]


class CaseData(FrozenModel):
    """The data of a whole appraisal, as pydantic checks it field by field.

    The cross-file rules (scores on their scale, no unknown or missing criteria, unique ids) are
    not checked here: they live in :mod:`appraisal.validation`, and
    :class:`appraisal.Appraisal`, this class with its analysis methods, checks them on
    construction. Build an :class:`~appraisal.Appraisal`, not this.
    """

    title: NonEmptyLabel
    source: Text | None = None
    description: Text | None = None
    scales: dict[Identifier, Scale]
    groups: tuple[Group, ...] = ()
    criteria: tuple[Criterion, ...] = Field(min_length=1)
    options: tuple[Option, ...] = Field(min_length=1)
    weight_sets: dict[Identifier, WeightSet] = {}  # noqa: RUF012 - pydantic copies it
    warnings: tuple[Issue, ...] = Field(default=(), exclude=True, repr=False)
    files: tuple[str, ...] = Field(default=(), exclude=True, repr=False)
    file_sha256: dict[str, str] = Field(default={}, exclude=True, repr=False)

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
