"""Known-answer tests against the source: Birmingham City Council (2014), strategic options."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import yaml

import appraisal

CRITERIA = [
    "outcomes", "vision", "break-from-past", "cultural-change", "practice",
    "recruitment-retention", "financial-stability", "leadership", "pace",
    "corporate-alignment", "accountability", "political-leadership", "external-capacity",
    "partnerships", "acceptability-dfe", "acceptability-local", "financial-viability", "speed",
    "transparency-dfe",
]  # fmt: skip
OPTIONS = ["break-up", "integrated-transformation", "outsource", "trust-council", "trust-dfe"]
# The source's published unweighted totals.
TOTALS = {
    "integrated-transformation": 82,
    "trust-council": 74,
    "trust-dfe": 64,
    "outsource": 57,
    "break-up": 46,
}


@pytest.fixture(scope="module")
def case() -> appraisal.Appraisal:
    return appraisal.load(Path(__file__).resolve().parent.parent)


def test_ids_are_exactly_the_issue_s(case: appraisal.Appraisal) -> None:
    assert list(case.criterion_ids) == CRITERIA
    assert sorted(case.option_ids) == OPTIONS


def test_all_95_cells_scored_with_rationale(case: appraisal.Appraisal) -> None:
    cells = [o.scores[c] for o in case.options for c in CRITERIA]
    assert len(cells) == 95
    assert all(isinstance(cell.score, int) and 1 <= cell.score <= 5 for cell in cells)
    assert all(cell.rating and cell.rationale and cell.rationale.strip() for cell in cells)


def test_totals_birmingham_2014(case: appraisal.Appraisal) -> None:
    ranking = case.rank()
    assert ranking.totals is not None
    got = {o: int(t) for o, t in zip(ranking.options, ranking.totals, strict=True)}
    assert got == TOTALS


def test_ranking_order_and_scores(case: appraisal.Appraisal) -> None:
    ranking = case.rank()
    ordered = [ranking.options[i] for i in ranking.order]
    assert ordered == list(TOTALS)
    assert [int(ranking.ranks[i]) for i in ranking.order] == [1, 2, 3, 4, 5]
    # equal weights on a 0-100 scale: (total - 19) / (4 * 19) * 100
    for option, total in TOTALS.items():
        assert ranking.score_of(option) == pytest.approx((total - 19) / 76 * 100, abs=1e-12)
    assert np.allclose(ranking.contributions.sum(axis=1), ranking.scores)


def test_validate_warns_only_about_source_disagreements(repo: Path) -> None:
    issues = appraisal.validate(repo)
    assert all(i.severity == "warning" for i in issues)
    got = [(i.file, i.line, i.path) for i in issues]
    assert got == [
        (f"{repo.as_posix()}/options/break-up.yaml", 20, "scores.break-from-past.rating"),
        (f"{repo.as_posix()}/options/outsource.yaml", 10, "scores.outcomes.rating"),
    ]


def test_missing_rationale_cells_say_so(repo: Path) -> None:
    data = yaml.safe_load((repo / "options" / "break-up.yaml").read_text(encoding="utf-8"))
    for crit in ("vision", "break-from-past"):
        assert data["scores"][crit]["rationale"] == "The source gives no rationale for this score."


def test_dominance_is_reported(case: appraisal.Appraisal) -> None:
    d = case.rank().to_dict()
    assert d["dominated"] == [
        {"option": "break-up", "by": ["integrated-transformation", "trust-council"]}
    ]
