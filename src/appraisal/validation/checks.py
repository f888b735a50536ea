"""Rules that span files: scores against scales, criteria ids, unique ids.

These are pure functions over validated models. :func:`appraisal.load` maps each
:class:`Problem` to the YAML node it names; an :class:`~appraisal.model.Appraisal` built in
Python raises them without positions.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from pydantic import BaseModel

from appraisal._text import (
    FREE_TEXT_PATTERN,
    LABEL_PATTERN,
    NON_EMPTY_FREE_TEXT_PATTERN,
    NON_EMPTY_LABEL_PATTERN,
    allowed_list,
    bad_character,
    id_problem,
    non_ascii_note,
    suggest,
    visible,
)
from appraisal.errors import InputValidationError, Issue, Severity, format_path
from appraisal.model import (
    CriteriaFile,
    Criterion,
    NumericScale,
    Option,
    OrdinalScale,
    ScoreCell,
)
from appraisal.validation.texts import criteria_labels, criteria_texts, option_texts, text_findings

CRITERIA = -1
"""``Problem.where`` for the criteria file; option problems use the option's index."""


class Problem(NamedTuple):
    """A cross-file problem before it is given a file position."""

    where: int
    path: tuple[str | int, ...]
    message: str
    value: Any = None
    severity: Severity = "error"
    at_key: bool = False


def _fmt(x: Any) -> str:
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    return str(x)


def _scale_choices(scale: OrdinalScale) -> str:
    values = allowed_list([lv.value for lv in scale.levels])
    labels = allowed_list([lv.label for lv in scale.levels])
    return f"{values}, or the labels {labels}"


def resolve_score(
    value: float | str, scale: OrdinalScale | NumericScale
) -> tuple[float | None, str | None]:
    """A cell's score as a number on its scale, or ``(None, why-not)``."""
    if isinstance(scale, OrdinalScale):
        if isinstance(value, str):
            level = scale.match_label(value)
            if level is None:
                return None, f"{value!r} is not a label of this scale"
            return level.value, None
        if scale.level_of(value) is None:
            return None, f"{_fmt(value)} is not a level of this scale"
        return float(value), None
    if isinstance(value, str):
        return None, f"{value!r} is text; this criterion is scored as a number"
    lo, hi = scale.min, scale.max
    if not scale.clamp and ((lo is not None and value < lo) or (hi is not None and value > hi)):
        return None, f"{_fmt(value)} is outside the scale"
    return float(value), None


def check_criteria(cf: CriteriaFile) -> list[Problem]:
    """Rules inside the criteria file: unique ids, known scales and groups, sane scales."""
    out: list[Problem] = []
    for name, scale in cf.scales.items():
        if isinstance(scale, OrdinalScale):
            seen_v: dict[float, int] = {}
            seen_l: dict[str, int] = {}
            for i, level in enumerate(scale.levels):
                if level.value in seen_v:
                    out.append(
                        Problem(
                            CRITERIA,
                            ("scales", name, "levels", i, "value"),
                            f"level value {_fmt(level.value)} is used twice in scale {name!r}; "
                            "each level needs its own value.",
                            level.value,
                        )
                    )
                seen_v[level.value] = i
                for text in (level.label, *level.aliases):
                    key = "".join(text.split()).casefold()
                    if key in seen_l and seen_l[key] != i:
                        out.append(
                            Problem(
                                CRITERIA,
                                ("scales", name, "levels", i, "label"),
                                f"label {text!r} is used by two levels of scale {name!r}; "
                                "labels and aliases must be unique.",
                                text,
                            )
                        )
                    seen_l[key] = i
        else:
            if scale.min is not None and scale.max is not None and scale.min >= scale.max:
                out.append(
                    Problem(
                        CRITERIA,
                        ("scales", name, "max"),
                        f"max ({_fmt(scale.max)}) must be greater than min ({_fmt(scale.min)}).",
                        scale.max,
                    )
                )
            vf = scale.value_function
            if vf.type == "piecewise":
                xs = [p[0] for p in vf.points]
                if len(xs) < 2 or any(b <= a for a, b in itertools.pairwise(xs)):
                    out.append(
                        Problem(
                            CRITERIA,
                            ("scales", name, "value_function", "points"),
                            "a piecewise value function needs at least two [score, value] "
                            "points with increasing scores.",
                            None,
                        )
                    )
                if any(not 0 <= p[1] <= 100 for p in vf.points):
                    out.append(
                        Problem(
                            CRITERIA,
                            ("scales", name, "value_function", "points"),
                            "piecewise values must lie between 0 and 100.",
                            None,
                        )
                    )
            elif "levels" not in scale.model_fields_set and not {"min", "max", "unit"} & (
                scale.model_fields_set
            ):
                out.append(
                    Problem(
                        CRITERIA,
                        ("scales", name),
                        "a scale needs 'levels' (an ordinal scale such as 1 Low .. 5 High) or "
                        "'min' and 'max' (a numeric scale).",
                        None,
                        at_key=True,
                    )
                )
            elif scale.anchors == "global" and (scale.min is None or scale.max is None):
                out.append(
                    Problem(
                        CRITERIA,
                        ("scales", name),
                        "a numeric scale with global anchors needs both 'min' and 'max' "
                        "(or set 'anchors: local' to use the options' own range).",
                        None,
                        at_key=True,
                    )
                )
    group_ids = [g.id for g in cf.groups]
    seen_g: set[str] = set()
    for i, g in enumerate(cf.groups):
        if g.id in seen_g:
            out.append(
                Problem(
                    CRITERIA,
                    ("groups", i, "id"),
                    f"group id {g.id!r} is used twice; ids must be unique.",
                    g.id,
                )
            )
        seen_g.add(g.id)
    seen_c: set[str] = set()
    for i, c in enumerate(cf.criteria):
        if c.id in seen_c:
            out.append(
                Problem(
                    CRITERIA,
                    ("criteria", i, "id"),
                    f"criterion id {c.id!r} is used twice; ids must be unique.",
                    c.id,
                )
            )
        seen_c.add(c.id)
        if c.scale not in cf.scales:
            out.append(
                Problem(
                    CRITERIA,
                    ("criteria", i, "scale"),
                    f"unknown scale {c.scale!r}{suggest(c.scale, cf.scales)} "
                    f"(defined: {allowed_list(list(cf.scales))}).",
                    c.scale,
                )
            )
        if c.group is not None and group_ids and c.group not in group_ids:
            out.append(
                Problem(
                    CRITERIA,
                    ("criteria", i, "group"),
                    f"unknown group {c.group!r}{suggest(c.group, group_ids)} "
                    f"(defined: {allowed_list(group_ids)}).",
                    c.group,
                )
            )
        if c.gate is not None and c.scale in cf.scales:
            for bound in ("min", "max"):
                value = getattr(c.gate, bound)
                if value is None:
                    continue
                _, why = resolve_score(value, cf.scales[c.scale])
                if why:
                    out.append(
                        Problem(
                            CRITERIA,
                            ("criteria", i, "gate", bound),
                            off_scale(value, cf.scales[c.scale], c.scale),
                            value,
                        )
                    )
    used_groups = {c.group for c in cf.criteria}
    for i, g in enumerate(cf.groups):
        if g.id not in used_groups:
            out.append(
                Problem(
                    CRITERIA,
                    ("groups", i, "id"),
                    f"group {g.id!r} has no criteria (no criterion says 'group: {g.id}'); "
                    "remove it, or check the spelling of the criteria's groups.",
                    g.id,
                    "warning",
                )
            )
    out += text_warnings(CRITERIA, criteria_texts(cf), criteria_labels(cf))
    if not any(c.weighted for c in cf.criteria):
        out.append(
            Problem(
                CRITERIA,
                ("criteria",),
                "every criterion has 'weighted: false'; at least one must count in the ranking.",
            )
        )
    return out


def off_scale(value: float | str, scale: OrdinalScale | NumericScale, name: str) -> str:
    """``"6 is not on scale 'five-point' (allowed: ...)."`` for any value off its scale."""
    shown = repr(value) if isinstance(value, str) else _fmt(value)
    if isinstance(scale, OrdinalScale):
        allowed = _scale_choices(scale)
        if isinstance(value, str):
            try:
                float(value)
                allowed += "; write numbers without quotes"
            except ValueError:
                pass
    else:
        unit = f" {scale.unit}" if scale.unit else ""
        if scale.min is not None and scale.max is not None:
            allowed = f"a number from {_fmt(scale.min)} to {_fmt(scale.max)}{unit}"
        elif scale.min is not None:
            allowed = f"a number of at least {_fmt(scale.min)}{unit}"
        elif scale.max is not None:
            allowed = f"a number of at most {_fmt(scale.max)}{unit}"
        else:
            allowed = f"a number{unit}"
    return f"{shown} is not on scale {name!r} (allowed: {allowed})."


def _check_cell(
    where: int,
    crit: Criterion,
    scale: OrdinalScale | NumericScale,
    cell: ScoreCell,
    scale_name: str,
) -> list[Problem]:
    out: list[Problem] = []
    base: tuple[str | int, ...] = ("scores", crit.id)
    if cell.score is None:
        return out
    value, why = resolve_score(cell.score, scale)
    if why:
        out.append(
            Problem(where, (*base, "score"), off_scale(cell.score, scale, scale_name), cell.score)
        )
    if cell.rating is not None and isinstance(scale, OrdinalScale):
        level = scale.match_label(cell.rating)
        if level is None:
            out.append(
                Problem(
                    where,
                    (*base, "rating"),
                    f"rating {cell.rating!r} is not a label of scale {scale_name!r} "
                    f"(allowed: {allowed_list([lv.label for lv in scale.levels])}).",
                    cell.rating,
                )
            )
        elif value is not None and level.value != value:
            expected = scale.level_of(value)
            label = expected.label if expected else "?"
            out.append(
                Problem(
                    where,
                    (*base, "rating"),
                    f"rating {cell.rating!r} is the label for {_fmt(level.value)}, but the score "
                    f"is {_fmt(value)} ({label}); kept as written, check which is intended.",
                    cell.rating,
                    "warning",
                )
            )
    if cell.range is not None:
        lo, why_lo = resolve_score(cell.range[0], scale)
        hi, why_hi = resolve_score(cell.range[1], scale)
        for j, why_r in ((0, why_lo), (1, why_hi)):
            if why_r:
                out.append(
                    Problem(
                        where,
                        (*base, "range", j),
                        off_scale(cell.range[j], scale, scale_name),
                        cell.range[j],
                    )
                )
        if lo is not None and hi is not None:
            if lo > hi:
                out.append(
                    Problem(
                        where,
                        (*base, "range"),
                        f"the range [{_fmt(lo)}, {_fmt(hi)}] runs backwards; write [low, high].",
                        [cell.range[0], cell.range[1]],
                    )
                )
            elif value is not None and not lo <= value <= hi:
                out.append(
                    Problem(
                        where,
                        (*base, "range"),
                        f"the range [{_fmt(lo)}, {_fmt(hi)}] does not contain the score "
                        f"{_fmt(value)}.",
                        [cell.range[0], cell.range[1]],
                    )
                )
    return out


def check_options(
    cf: CriteriaFile, options: Sequence[Option], files: Sequence[str] | None = None
) -> list[Problem]:
    """Rules between options and criteria: ids, missing and unknown criteria, scores on scale."""
    out: list[Problem] = []
    crit_ids = [c.id for c in cf.criteria]
    seen: dict[str, int] = {}
    names: dict[str, int] = {}
    for where, option in enumerate(options):
        if option.id in seen:
            first = files[seen[option.id]] if files else f"option #{seen[option.id] + 1}"
            out.append(
                Problem(
                    where,
                    ("id",),
                    f"option id {option.id!r} is also used by {first}; ids must be unique.",
                    option.id,
                )
            )
        else:
            seen[option.id] = where
        out += text_warnings(where, option_texts(option), ((("name",), option.name),))
        name_key = " ".join(option.name.split()).casefold()
        if name_key in names and option.id != options[names[name_key]].id:
            other = options[names[name_key]]
            out.append(
                Problem(
                    where,
                    ("name",),
                    f"option {option.id!r} has the same name as option {other.id!r}; readers of "
                    "a report, which shows names, cannot tell them apart: give each its own name.",
                    option.name,
                    "warning",
                )
            )
        names.setdefault(name_key, where)
        for key in option.scores:
            if key not in crit_ids:
                out.append(
                    Problem(
                        where,
                        ("scores", key),
                        f"unknown criterion {visible(key)!r}{non_ascii_note(key)}"
                        f"{suggest(key, crit_ids)} "
                        f"(criteria: {allowed_list(crit_ids)}).",
                        key,
                        at_key=True,
                    )
                )
        missing = [c for c in crit_ids if c not in option.scores]
        if missing:
            out.append(
                Problem(
                    where,
                    ("scores",),
                    f"no score for {allowed_list(missing)}; add a score with a rationale, or "
                    "'not_scored: <reason>' if the option deliberately leaves it unscored.",
                    missing[0] if len(missing) == 1 else missing,
                    at_key=True,
                )
            )
        for crit in cf.criteria:
            cell = option.scores.get(crit.id)
            scale = cf.scales.get(crit.scale)
            if cell is None or scale is None:
                continue
            out.extend(_check_cell(where, crit, scale, cell, crit.scale))
            if cell.not_scored is not None:
                out.append(
                    Problem(
                        where,
                        ("scores", crit.id, "not_scored"),
                        "not scored: counted as the worst value (0) in rankings.",
                        cell.not_scored,
                        "warning",
                    )
                )
    return out


def text_warnings(
    where: int,
    texts: Iterable[tuple[tuple[str | int, ...], str]],
    labels: Iterable[tuple[tuple[str | int, ...], str]] = (),
) -> list[Problem]:
    """Warnings about free text and labels (see :func:`.texts.text_findings`)."""
    return [Problem(where, *found, "warning") for found in text_findings(texts, labels)]


def raise_problems(problems: Sequence[Problem]) -> None:
    """Raise :class:`InputValidationError` (without positions) if any problem is an error."""
    errors = [p for p in problems if p.severity == "error"]
    if not errors:
        return
    names = {CRITERIA: "criteria", -2: "weights"}

    def issue(p: Problem) -> Issue:
        where = names.get(p.where, f"options[{p.where}]")
        path = format_path(p.path)
        return Issue(where, 0, 0, path, p.message, p.value, p.severity)

    warnings = [issue(p) for p in problems if p.severity != "error"]
    raise InputValidationError([issue(p) for p in errors], warnings)


# --- pydantic errors as readable problems ---------------------------------------------------

_TAGS = {"ordinal", "numeric"}


def _clean_loc(loc: Sequence[Any]) -> tuple[str | int, ...]:
    """Drop discriminator tags and function-validator names pydantic adds to ``loc``."""
    out: list[str | int] = []
    for i, part in enumerate(loc):
        if part in _TAGS and i >= 2 and loc[i - 2] == "scales":
            continue
        if isinstance(part, str) and part.startswith("function-"):
            continue
        if part == "[key]":  # the error is in a mapping key; the path already names it
            continue
        out.append(part)
    return tuple(out)


def _leaves(ann: Any) -> list[Any]:
    import typing

    origin = typing.get_origin(ann)
    if origin is typing.Annotated:
        return _leaves(typing.get_args(ann)[0])
    if origin is typing.Union or type(ann).__name__ == "UnionType":
        return [leaf for arg in typing.get_args(ann) for leaf in _leaves(arg)]
    return [ann]


def allowed_keys(root: type[Any], loc: Sequence[str | int]) -> list[str]:
    """The keys the model at ``loc`` (a path below ``root``) accepts."""
    import typing

    from pydantic import BaseModel

    anns: list[Any] = [root]
    for part in loc:
        nxt: list[Any] = []
        for ann in anns:
            for leaf in _leaves(ann):
                origin = typing.get_origin(leaf)
                if isinstance(leaf, type) and issubclass(leaf, BaseModel):
                    field = leaf.model_fields.get(str(part))
                    if field is not None:
                        nxt.append(field.annotation)
                elif origin is dict:
                    nxt.append(typing.get_args(leaf)[1])
                elif origin is tuple and isinstance(part, int):
                    args = typing.get_args(leaf)
                    if len(args) == 2 and args[1] is Ellipsis:
                        nxt.append(args[0])
                    elif part < len(args):
                        nxt.append(args[part])
        anns = nxt
    keys: list[str] = []
    for ann in anns:
        for leaf in _leaves(ann):
            if isinstance(leaf, type) and issubclass(leaf, BaseModel):
                keys.extend(k for k in leaf.model_fields if k not in keys and k != "kind")
    return keys


_MAPPING_TYPES = ("model_type", "model_attributes_type", "dict_type")


def problems_from_validation(where: int, root: type[Any], errors: Sequence[Any]) -> list[Problem]:
    """Turn pydantic ``errors()`` into problems, keyed on each error's ``type``."""
    from appraisal.model.fields import describe, excerpt

    out: list[Problem] = []
    for err in errors:
        loc = _clean_loc(err["loc"])
        kind = err["type"]
        value = err.get("input")
        ctx = err.get("ctx") or {}
        at_key = "[key]" in err["loc"]
        shown: Any = value if _is_scalar(value) else None
        if isinstance(shown, str):
            # never a raw control character in an issue, never a whole file
            shown = visible(excerpt(shown) if kind in _MAPPING_TYPES else shown)
        if kind == "missing" and loc and isinstance(loc[-1], int):
            # a fixed-length list that is too short
            path = loc[:-1]
            if path and path[-1] == "range":
                msg = f"a range is two values, [low, high]; got {loc[-1]}."
            elif path and path[-2:-1] == ("judgements",):
                msg = "a judgement is three items, [a, b, how many times a matters more than b]."
            else:
                msg = f"this list is too short: item {loc[-1] + 1} is missing."
            shown = None
        elif kind == "missing":
            path, name = loc[:-1], loc[-1]
            msg = f"the required key {name!r} is missing; add it."
            shown = None
            at_key = True
        elif kind == "extra_forbidden":
            path, name = loc, str(loc[-1])
            keys = allowed_keys(root, loc[:-1])
            msg = f"unknown key {name!r}{suggest(name, keys)} (allowed: {', '.join(keys)})."
            shown = name
            at_key = True
        elif kind in _MAPPING_TYPES:
            path = loc
            what = "the file" if not loc else "this"
            msg = f"{what} must be a mapping of 'key: value' lines, got {describe(value)}."
            if root is Option and len(loc) == 2 and loc[0] == "scores" and _is_scalar(value):
                crit, got = loc[1], "..." if value is None else _yaml_scalar(value)
                msg = (
                    f"a score cell must be a mapping, got {describe(value)}; write "
                    f"'{crit}: {{score: {got}, rationale: ...}}', or put 'score: {got}' and "
                    f"'rationale: ...' on their own lines, indented under '{crit}:'."
                )
        elif kind in ("tuple_type", "list_type"):
            path = loc
            msg = f"expected a list, got {describe(value)}."
        elif kind == "bool_type":
            path = loc
            msg = f"expected true or false, got {describe(value)}."
        elif kind == "literal_error":
            path = loc
            msg = f"{value!r} is not allowed (allowed: {ctx.get('expected', '')})."
            if isinstance(value, str) and repr(value.strip()) == repr(str(ctx.get("expected"))):
                msg = f"{value!r} is text; write {value.strip()} without quotes."
        elif kind == "string_pattern_mismatch" and ctx.get("pattern") in _TEXT_PATTERNS:
            path = loc
            label = ctx.get("pattern") in (LABEL_PATTERN, NON_EMPTY_LABEL_PATTERN)
            msg = (bad_character(value, label=label) if isinstance(value, str) else None) or (
                "must not be empty."
            )
        elif kind == "string_unicode" and isinstance(value, str):
            # a lone surrogate (from an escape such as "\ud800"): the text cannot be read at all
            path = loc
            lone = next((n for n, ch in enumerate(value) if "\ud800" <= ch <= "\udfff"), 0)
            msg = bad_character(value, label=False) or (
                f"U+{ord(value[lone]):04X} at character {lone + 1} is half of a surrogate pair, "
                "not a character; delete it (it comes from an escape such as '\\ud800' in "
                "double quotes)."
            )
        elif kind == "string_pattern_mismatch":
            path = loc
            msg = id_problem(value) if isinstance(value, str) else f"{value!r} is not a valid id."
        elif kind == "string_too_long" and isinstance(value, str):
            path = loc
            msg = (
                f"this id is {len(value)} characters long; an id may have at most "
                f"{ctx.get('max_length')} (ids name files, columns and report rows), so "
                "shorten it."
            )
        elif kind == "too_short":
            path = loc
            n = ctx.get("min_length", 1)
            got = ctx.get("actual_length", 0)
            msg = f"needs at least {n} item{'s' if n != 1 else ''}, got {got}."
        elif kind == "too_long":
            path = loc
            n = ctx.get("max_length")
            msg = f"needs at most {n} items, got {ctx.get('actual_length')}."
            if loc and loc[-1] == "range":
                msg = f"a range is two values, [low, high]; got {ctx.get('actual_length')}."
        elif kind == "string_type":
            path = loc
            msg = f"expected text, got {describe(value)}."
            if _is_scalar(value) and value is not None:
                key = f"{loc[-1]}: " if loc and isinstance(loc[-1], str) else "- "
                msg = (
                    f"expected text, got {describe(value)}; to keep it as text, put it in "
                    f'quotes: {key}"{_yaml_scalar(value)}".'
                )
        else:
            path = loc
            text = str(err.get("msg", "invalid value"))
            text = text.removeprefix("Value error, ")
            msg = text if text.endswith(".") else text + "."
        out.append(Problem(where, path, msg, shown, "error", at_key))
    return out


_TEXT_PATTERNS = (
    FREE_TEXT_PATTERN,
    NON_EMPTY_FREE_TEXT_PATTERN,
    LABEL_PATTERN,
    NON_EMPTY_LABEL_PATTERN,
)


def _is_scalar(value: Any) -> bool:
    return isinstance(value, str | int | float | bool | type(None))


def _yaml_scalar(value: Any) -> str:
    """A number or true/false as it would be written in YAML."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str):
        return visible(value)
    return _fmt(value)


def raise_validation_error(exc: Any, model: type[BaseModel]) -> None:
    """Re-raise a pydantic ``ValidationError`` from Python construction as our own error."""
    raise_problems(problems_from_validation(CRITERIA, model, exc.errors()))
    raise exc  # pragma: no cover - every pydantic error becomes a problem above


def unscored_cells(data: Any) -> list[Problem]:
    """Cells of a raw option document with neither a score nor a ``not_scored`` reason."""
    scores = data.get("scores") if isinstance(data, dict) else None
    if not isinstance(scores, dict):
        return []
    return [
        Problem(
            CRITERIA,
            ("scores", key, "score")
            if isinstance(cell, dict) and "score" in cell
            else ("scores", key),
            "give a score, or say why there is none with 'not_scored: <reason>'.",
        )
        for key, cell in scores.items()
        if isinstance(cell, dict) and cell.get("score") is None and cell.get("not_scored") is None
    ]
