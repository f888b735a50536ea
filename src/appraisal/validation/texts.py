"""Where the free text and labels of validated models are, and the warnings about them.

The model refuses what must never pass (see :mod:`appraisal._text`); what is only suspicious
(invisible characters in free text, scaffold placeholders, look-alike letters in labels) is
found here, after validation, as warnings located by key path.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from appraisal._text import PLACEHOLDERS, invisible_warning, mixed_script_warning, suspect, visible
from appraisal.model import CriteriaFile, Option, OrdinalScale

__all__ = ["criteria_labels", "criteria_texts", "option_texts", "text_findings"]

Path = tuple[str | int, ...]


def option_texts(option: Option) -> Iterator[tuple[Path, str]]:
    """Every free text of an option with its path (labels are checked by the model).

    Yields nothing when one search over all of them finds nothing to warn about (the common
    case: 1,000 options of 60 cells are searched in a few milliseconds).
    """
    cells = option.scores.values()
    joined = "\n".join(
        [
            option.summary,
            option.description or "",
            *[c.rationale or "" for c in cells],
            *[c.not_scored or "" for c in cells],
            *[e for c in cells for e in c.evidence],
        ]
    )
    if not suspect(joined):
        return
    yield ("summary",), option.summary
    if option.description is not None:
        yield ("description",), option.description
    for key, cell in option.scores.items():
        if cell.rationale is not None:
            yield ("scores", key, "rationale"), cell.rationale
        if cell.not_scored is not None:
            yield ("scores", key, "not_scored"), cell.not_scored
        for j, text in enumerate(cell.evidence):
            yield ("scores", key, "evidence", j), text


def criteria_texts(cf: CriteriaFile) -> Iterator[tuple[Path, str]]:
    for key in ("source", "description"):
        text = getattr(cf, key)
        if text is not None:
            yield (key,), text
    for name, scale in cf.scales.items():
        if scale.description is not None:
            yield ("scales", name, "description"), scale.description
        if isinstance(scale, OrdinalScale):
            for i, level in enumerate(scale.levels):
                if level.description is not None:
                    yield ("scales", name, "levels", i, "description"), level.description
    for i, g in enumerate(cf.groups):
        if g.description is not None:
            yield ("groups", i, "description"), g.description
    for i, c in enumerate(cf.criteria):
        if c.description is not None:
            yield ("criteria", i, "description"), c.description


def criteria_labels(cf: CriteriaFile) -> Iterator[tuple[Path, str]]:
    yield ("title",), cf.title
    for name, scale in cf.scales.items():
        if isinstance(scale, OrdinalScale):
            for i, level in enumerate(scale.levels):
                yield ("scales", name, "levels", i, "label"), level.label
                for j, alias in enumerate(level.aliases):
                    yield ("scales", name, "levels", i, "aliases", j), alias
    for i, g in enumerate(cf.groups):
        if g.name is not None:
            yield ("groups", i, "name"), g.name
    for i, c in enumerate(cf.criteria):
        yield ("criteria", i, "name"), c.name


def text_findings(
    texts: Iterable[tuple[Path, str]], labels: Iterable[tuple[Path, str]] = ()
) -> list[tuple[Path, str, str]]:
    """``(path, message, shown value)`` for each warning about free text (invisible
    characters, scaffold placeholders) and labels (words mixing Latin with Cyrillic or Greek).

    Examples
    --------
    >>> [(p, v) for p, _, v in text_findings([(("summary",), "A \u200bB")])]
    [(('summary',), 'A \\\\u200bB')]
    """
    out: list[tuple[Path, str, str]] = []
    for path, text in texts:
        placeholder = PLACEHOLDERS.get(text.strip())
        if placeholder is not None:
            message = (
                f"this is the placeholder text from 'appraisal new case'; write the {placeholder}."
            )
            out.append((path, message, text))
            continue
        invisible = invisible_warning(text)
        if invisible is not None:
            out.append((path, invisible, visible(text[:40])))
    for path, text in labels:
        mixed = mixed_script_warning(text)
        if mixed is not None:
            out.append((path, mixed, visible(text)))
    return out
