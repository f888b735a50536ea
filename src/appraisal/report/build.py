"""Build a whole report (HTML or Markdown) for a loaded appraisal, with provenance."""

from __future__ import annotations

import dataclasses
import datetime as _dt
import os
from typing import TYPE_CHECKING, Any

from .._rng import SeedLike

if TYPE_CHECKING:
    from ..model import Appraisal

__all__ = ["provenance", "report_text"]


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
    from .. import __version__

    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = (
        _dt.datetime.fromtimestamp(int(epoch), tz=_dt.timezone.utc)
        if epoch and epoch.isdigit()
        else _dt.datetime.now(tz=_dt.timezone.utc)
    )
    hashes = dict(appraisal.file_sha256)
    return {
        "library": f"appraisal {__version__}",
        "weights": weights or "equal",
        "seed": seed if isinstance(seed, int) else None,
        "samples": samples,
        "date": when.date().isoformat(),
        "files": hashes,
    }


def _relative_warnings(appraisal: Appraisal) -> Appraisal:
    """A copy whose warnings name files by their path inside the case folder.

    Issues name files as the caller gave the case folder (``/home/me/case/options/x.yaml``),
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
        SMAA samples; 0 leaves SMAA out.
    seed : int or None
        SMAA seed (recorded in the provenance).
    """
    from ._sections import ReportData
    from .html import render_html
    from .markdown import render_markdown

    # with a weight set, SMAA samples weights within +/-20% of it; without, uniformly
    smaa = (
        appraisal.smaa(samples=samples, seed=seed, weights=weights).to_dict()
        if samples > 0
        else None
    )
    prov = provenance(appraisal, weights=weights, seed=seed, samples=samples)
    appraisal = _relative_warnings(appraisal)
    data = ReportData.from_appraisal(
        appraisal,
        weights,
        oneway=appraisal.oneway(weights).to_dict(),
        tornado=appraisal.tornado(weights).to_dict(),
        smaa=smaa,
        provenance=prov,
    )
    return render_html(data) if fmt == "html" else render_markdown(data)
