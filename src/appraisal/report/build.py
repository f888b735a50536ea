"""Build a whole report (HTML or Markdown) for a loaded appraisal, with provenance."""

from __future__ import annotations

import datetime as _dt
import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._rng import SeedLike

if TYPE_CHECKING:
    from ..model import Appraisal

__all__ = ["provenance", "report_text"]


def provenance(
    appraisal: Appraisal, *, weights: str | None, seed: SeedLike, samples: int
) -> dict[str, Any]:
    """Library version, SHA-256 of every input file, weights, seed, samples and date.

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
    hashes = {file: _sha256(Path(file)) for file in appraisal.files}
    return {
        "library": f"appraisal {__version__}",
        "weights": weights or "equal",
        "seed": seed if isinstance(seed, int) else None,
        "samples": samples,
        "date": when.date().isoformat(),
        "files": hashes,
    }


def _sha256(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "unreadable"


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
    data = ReportData.from_appraisal(
        appraisal,
        weights,
        oneway=appraisal.oneway(weights).to_dict(),
        tornado=appraisal.tornado(weights).to_dict(),
        smaa=smaa,
        provenance=prov,
    )
    return render_html(data) if fmt == "html" else render_markdown(data)
