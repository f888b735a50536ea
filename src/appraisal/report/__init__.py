"""Renderers: results to JSON-ready dicts, text, CSV, Markdown and HTML."""

from __future__ import annotations

from appraisal.report.export import export_dict

__all__ = ["export_dict"]
