"""Build a whole report (HTML or Markdown) for a loaded appraisal, with provenance."""

from __future__ import annotations

import dataclasses
import datetime as _dt
import os
from typing import TYPE_CHECKING, Any

from appraisal._rng import SeedLike

if TYPE_CHECKING:
    from appraisal.case import Appraisal

__all__ = ["REPORT_SPREAD", "provenance", "report_text", "smaa_setup"]


def provenance(
    appraisal: Appraisal, *, weights: str | None, seed: SeedLike, samples: int
) -> dict[str, Any]:
    """Library version, SHA-256 of every input file, weights, seed, samples and date.

    The hashes are of the bytes :func:`appraisal.load` parsed (no file is opened again here, so
    an edit made while the report runs cannot make the provenance describe bytes that were
    never read), keyed by each file's path inside the case folder.

    The date is today's (UTC), or the one given by ``SOURCE_DATE_EPOCH`` for reproducible
    builds.
    """
    from appraisal import __version__

    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = (
        _dt.datetime.fromtimestamp(int(epoch), tz=_dt.timezone.utc)
        if epoch and epoch.isdigit()
        else _dt.datetime.now(tz=_dt.timezone.utc)
    )
    hashes = dict(appraisal.file_sha256)
    return {
        "library": f"appraisal {__version__}",
        "weights": "equal" if weights is None else weights,
        "seed": seed if isinstance(seed, int) else None,
        "samples": samples,
        "date": when.date().isoformat(),
        "files": hashes,
    }


def _relative_warnings(appraisal: Appraisal) -> Appraisal:
    """A copy whose warnings name files by their path inside the case folder.

    Issues name files as the caller gave the case folder (``../me/case/options/x.yaml``),
    which is right on a terminal but would put a local path into a shared report. The prefix
    is what the criteria file's shown name has before its path inside the case folder.
    """
    if not appraisal.files or not appraisal.file_sha256:
        return appraisal
    inside = next(iter(appraisal.file_sha256))
    shown = appraisal.files[0]
    if not shown.endswith(inside):
        return appraisal
    prefix = shown[: len(shown) - len(inside)]
    if not prefix:
        return appraisal
    warnings = tuple(
        dataclasses.replace(w, file=w.file.removeprefix(prefix)) for w in appraisal.warnings
    )
    return appraisal.model_copy(update={"warnings": warnings})


def report_text(
    appraisal: Appraisal,
    *,
    fmt: str = "html",
    weights: str | None = None,
    samples: int = 10_000,
    seed: int | None = 0,
) -> str:
    """The full report: ranking, weights, comparison, one-way, tornado and SMAA.

    Parameters
    ----------
    fmt : {"html", "markdown"}
    weights : str, optional
        The weight set the ranking and sensitivity use (default equal).
    samples : int
        SMAA samples; 0 leaves SMAA out. Without ``weights`` SMAA samples weights uniformly
        (no preference information); with ``weights`` it samples them within
        ``±REPORT_SPREAD`` of that set, and the section says which (:func:`smaa_setup`).
    seed : int or None
        SMAA seed (recorded in the provenance).
    """
    from appraisal.report._sections import ReportData
    from appraisal.report.html import render_html
    from appraisal.report.markdown import render_markdown

    smaa = None
    setup = ""
    if samples > 0:
        constraint = "free" if weights is None else "interval"
        result = appraisal.smaa(
            samples=samples,
            seed=seed,
            weights=weights,
            constraint=constraint,
            spread=REPORT_SPREAD,
        )
        smaa = result.to_dict()
        setup = smaa_setup(weights, values_uncertain=result.values_uncertain)
    prov = provenance(appraisal, weights=weights, seed=seed, samples=samples)
    appraisal = _relative_warnings(appraisal)
    data = ReportData.from_appraisal(
        appraisal,
        weights,
        oneway=appraisal.oneway(weights).to_dict(),
        tornado=appraisal.tornado(weights).to_dict(),
        smaa=smaa,
        smaa_setup=setup,
        provenance=prov,
    )
    return render_html(data) if fmt == "html" else render_markdown(data)


#: The report's SMAA, with a weight set: every weight within +/- this share of the set's weight.
REPORT_SPREAD = 0.2


def smaa_setup(weights: str | None, *, values_uncertain: bool) -> str:
    """The sentence a report prints to say which SMAA its acceptabilities come from.

    Examples
    --------
    >>> print(smaa_setup(None, values_uncertain=False))  # doctest: +NORMALIZE_WHITESPACE
    Weights were sampled uniformly over all weight vectors (no preference information), so
    these figures are the same whichever weight set the rest of the report uses. Scores were
    held as written.
    """
    if weights is None:
        how = (
            "Weights were sampled uniformly over all weight vectors (no preference "
            "information), so these figures are the same whichever weight set the rest of the "
            "report uses."
        )
    else:
        how = (
            "Weights were sampled uniformly among the weight vectors that keep every weight "
            f"within ±{REPORT_SPREAD:.0%} of weight set '{weights}', so these figures show how "
            "firm the ranking under that set is."
        )
    scores = (
        " Scores were sampled within each cell's range."
        if values_uncertain
        else " Scores were held as written."
    )
    return how + scores
