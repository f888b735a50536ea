"""The ``appraisal`` command line.

Exit status: 0 success, 1 invalid input (every problem printed as
``file:line:col: key.path: message``), 2 wrong usage. Bad input never shows a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from . import __version__
from ._io import write_atomic
from .errors import InputError, InputValidationError, Issue
from .load import check_case, load

__all__ = ["main", "main_entry"]

EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2


class _Usage(Exception):
    """Raised by the parser instead of exiting, so ``main`` returns 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:
        self.print_usage(sys.stderr)
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        raise _Usage(message)


def to_json(data: Any) -> str:
    """Deterministic JSON: insertion order, two-space indent, UTF-8 text, trailing newline."""
    return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def _path_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "path",
        nargs="?",
        default=".",
        help="case directory holding criteria/ and options/ (default: the current directory)",
    )


def _output_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--output", "-o", help="write to this file instead of standard output")
    p.add_argument("--force", action="store_true", help="replace an existing output file")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (exposed for the CLI reference in the docs)."""
    parser = _Parser(
        prog="appraisal",
        description="Weighted multi-criteria options appraisal from validated YAML.",
    )
    parser.add_argument("--version", action="version", version=f"appraisal {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("validate", help="check every file and print warnings and errors")
    _path_arg(p)
    p.add_argument("--format", choices=["text", "json"], default="text", help="output format")

    p = sub.add_parser("rank", help="rank the options by weighted sum")
    _path_arg(p)
    p.add_argument("--weights", "-w", help="weight set name (default: equal)")
    p.add_argument(
        "--format",
        choices=["text", "json", "csv", "markdown"],
        default="text",
        help="output format",
    )
    _output_args(p)

    p = sub.add_parser("weights", help="every weight set's effective weights")
    _path_arg(p)
    p.add_argument(
        "--format",
        choices=["text", "json", "csv", "markdown"],
        default="text",
        help="output format",
    )
    _output_args(p)

    p = sub.add_parser("compare", help="every option's rank and score under every weight set")
    _path_arg(p)
    p.add_argument(
        "--format",
        choices=["text", "json", "csv", "markdown"],
        default="text",
        help="output format",
    )
    _output_args(p)

    p = sub.add_parser("export", help="the whole appraisal as JSON, or an Excel workbook")
    _path_arg(p)
    p.add_argument(
        "--format", choices=["json", "xlsx"], default="json", help="json (default) or xlsx"
    )
    p.add_argument("--weights", "-w", help="xlsx: weight set for the ranking sheet")
    _output_args(p)

    p = sub.add_parser(
        "sensitivity", help="how far weights and scores can move before the answer changes"
    )
    _path_arg(p)
    p.add_argument(
        "--method",
        "-m",
        choices=["oneway", "scores", "distance", "smaa", "tornado"],
        default="oneway",
        help="oneway: exact weight crossovers; scores: switching values; distance: smallest "
        "change of all weights; smaa: Monte Carlo acceptability; tornado: +/- one at a time",
    )
    p.add_argument("--weights", "-w", help="weight set name (default: equal)")
    p.add_argument("--samples", "-n", type=int, default=10_000, help="SMAA samples")
    p.add_argument("--seed", "-s", type=int, default=None, help="SMAA random seed")
    p.add_argument(
        "--constraint",
        choices=["free", "interval", "order", "fixed"],
        help="SMAA weights: free (default without --weights), interval (default with it), "
        "order or fixed",
    )
    p.add_argument("--spread", type=float, default=0.2, help="SMAA interval: +/- relative")
    p.add_argument(
        "--uncertainty",
        choices=["auto", "none", "ranges", "levels"],
        default="auto",
        help="SMAA scores: the cells' ranges (auto when any), +/- LEVELS levels, or none",
    )
    p.add_argument("--levels", type=int, default=1, help="SMAA level uncertainty")
    p.add_argument("--challenger", help="distance: the option to bring level with the top")
    p.add_argument(
        "--change", type=float, default=0.2, help="tornado: relative weight change (0.2)"
    )
    p.add_argument("--format", choices=["text", "json"], default="text", help="output format")
    _output_args(p)

    p = sub.add_parser("report", help="a self-contained HTML or Markdown report")
    _path_arg(p)
    p.add_argument("--weights", "-w", help="weight set name (default: equal)")
    p.add_argument("--samples", "-n", type=int, default=10_000, help="SMAA samples (0: none)")
    p.add_argument("--seed", "-s", type=int, default=0, help="SMAA random seed (default 0)")
    p.add_argument("--output", "-o", required=True, help="FILE.html or FILE.md")
    p.add_argument("--force", action="store_true", help="replace an existing output file")

    p = sub.add_parser("new", help="start a new option file or a new case folder")
    new = p.add_subparsers(dest="what", metavar="WHAT", parser_class=_Parser, required=True)
    q = new.add_parser("option", help="write options/ID.yaml listing every criterion")
    q.add_argument("id", help="the new option's id, e.g. shared-service")
    _path_arg(q)
    q.add_argument("--force", action="store_true", help="replace an existing file")
    q = new.add_parser("case", help="write a minimal case folder that validates and ranks")
    q.add_argument("dir", help="the folder to create")
    q.add_argument("--force", action="store_true", help="replace existing files")

    p = sub.add_parser("schema", help="JSON Schemas of the YAML files (for editors)")
    p.add_argument(
        "kind", nargs="?", choices=["criteria", "option", "weights"], help="print one schema"
    )
    p.add_argument("--output-dir", help="write every schema into this folder")
    p.add_argument("--force", action="store_true", help="replace existing schema files")
    return parser


def _emit(text: str, args: argparse.Namespace, out: TextIO) -> None:
    if getattr(args, "output", None):
        write_atomic(args.output, text, force=args.force)
    else:
        out.write(text)


def _print_issues(issues: Sequence[Issue], out: TextIO) -> None:
    for issue in issues:
        print(issue, file=out)


def _cmd_validate(args: argparse.Namespace, out: TextIO) -> int:
    checked = check_case(args.path)
    issues, errors = checked.issues, checked.errors
    if args.format == "json":
        read = {k: getattr(checked, k) for k in ("options", "criteria", "weight_sets")}
        out.write(
            to_json({"valid": not errors, "issues": [i.to_dict() for i in issues], "read": read})
        )
    else:
        _print_issues(issues, out)
        print(checked.summary(), file=out)
    return EXIT_INPUT if errors else EXIT_OK


def _cmd_rank(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    case = load(args.path)
    _print_issues(case.warnings, err)
    _emit(_render(case.rank(args.weights), args.format), args, out)
    return EXIT_OK


def _render(result: Any, fmt: str) -> str:
    if fmt == "json":
        return to_json(result.to_dict())
    if fmt == "csv":
        return str(result.to_csv())
    if fmt == "markdown":
        return str(result.to_markdown()) + "\n"
    return str(result.to_text()) + "\n"


def _cmd_weights(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .compare import weight_table

    case = load(args.path)
    _print_issues(case.warnings, err)
    _emit(_render(weight_table(case), args.format), args, out)
    return EXIT_OK


def _cmd_compare(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .compare import compare

    case = load(args.path)
    _print_issues(case.warnings, err)
    _emit(_render(compare(case), args.format), args, out)
    return EXIT_OK


def _cmd_export(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .report.export import export_dict

    case = load(args.path)
    _print_issues(case.warnings, err)
    if args.format == "xlsx":
        from .report.excel import workbook_bytes

        if not args.output:
            raise InputError("an Excel workbook needs --output FILE.xlsx.")
        write_atomic(args.output, workbook_bytes(case, args.weights), force=args.force)
        print(f"wrote {args.output}", file=out)
        return EXIT_OK
    _emit(to_json(export_dict(case)), args, out)
    return EXIT_OK


class _Progress:
    """A one-line progress bar on stderr, drawn only when stderr is a terminal."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.active = bool(getattr(stream, "isatty", lambda: False)())

    def __call__(self, done: int, total: int) -> None:
        if not self.active or total <= 0:
            return
        width = 30
        filled = int(width * done / total)
        bar = "#" * filled + "-" * (width - filled)
        self.stream.write(f"\rSMAA [{bar}] {done:,}/{total:,}")
        if done >= total:
            self.stream.write("\n")
        self.stream.flush()


def _cmd_sensitivity(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    case = load(args.path)
    _print_issues(case.warnings, err)
    result: Any
    if args.method == "oneway":
        result = case.oneway(args.weights)
    elif args.method == "scores":
        result = case.score_switching(args.weights)
    elif args.method == "distance":
        result = case.weight_distance(args.weights, args.challenger)
    elif args.method == "tornado":
        result = case.tornado(args.weights, args.change)
    else:
        result = case.smaa(
            samples=args.samples,
            seed=args.seed,
            weights=args.weights,
            constraint=args.constraint,
            spread=args.spread,
            uncertainty=args.uncertainty,
            levels=args.levels,
            progress=_Progress(err),
        )
    _emit(_render(result, args.format), args, out)
    return EXIT_OK


def _cmd_report(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .report.build import report_text

    suffix = Path(args.output).suffix.lower()
    if suffix not in (".html", ".htm", ".md", ".markdown"):
        raise InputError(f"the report must be a .html or .md file, got {args.output!r}.")
    if Path(args.output).exists() and not args.force:
        raise InputError(f"{args.output} already exists; use --force to replace it.")
    if args.samples < 0:
        raise InputError(f"samples must be 0 or more, got {args.samples}.")
    case = load(args.path)
    _print_issues(case.warnings, err)
    fmt = "html" if suffix in (".html", ".htm") else "markdown"
    text = report_text(case, fmt=fmt, weights=args.weights, samples=args.samples, seed=args.seed)
    target = write_atomic(args.output, text, force=args.force)
    print(f"wrote {target.as_posix()}", file=out)
    return EXIT_OK


def _cmd_new(args: argparse.Namespace, out: TextIO) -> int:
    from .scaffold import new_case, new_option

    if args.what == "option":
        written = [new_option(args.path, args.id, force=args.force)]
    else:
        written = new_case(args.dir, force=args.force)
    for path in written:
        print(f"wrote {path.as_posix()}", file=out)
    return EXIT_OK


def schemas() -> dict[str, dict[str, Any]]:
    """The JSON Schema of each YAML file kind, as written to ``schemas/``."""
    from .model import CriteriaFile, Option, WeightsFile

    out = {}
    for name, model in (("criteria", CriteriaFile), ("option", Option), ("weights", WeightsFile)):
        schema = model.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        out[name] = schema
    return out


def _cmd_schema(args: argparse.Namespace, out: TextIO) -> int:
    all_schemas = schemas()
    if args.output_dir:
        folder = Path(args.output_dir)
        folder.mkdir(parents=True, exist_ok=True)
        for name, schema in all_schemas.items():
            target = write_atomic(folder / f"{name}.schema.json", to_json(schema), force=args.force)
            print(f"wrote {target.as_posix()}", file=out)
        return EXIT_OK
    if args.kind:
        out.write(to_json(all_schemas[args.kind]))
    else:
        out.write(to_json(all_schemas))
    return EXIT_OK


def main(
    argv: Sequence[str] | None = None, *, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    """Run the command line; returns the exit status instead of exiting.

    Examples
    --------
    >>> main(["validate", "."])  # doctest: +ELLIPSIS
    options/break-up.yaml:...: warning: scores.break-from-past.rating: ...
    ...
    0
    """
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except _Usage:
        return EXIT_USAGE
    except SystemExit as exc:  # --help and --version exit 0
        return int(exc.code or 0)
    if args.command is None:
        parser.print_help(err)
        return EXIT_USAGE
    try:
        if args.command == "validate":
            return _cmd_validate(args, out)
        if args.command == "rank":
            return _cmd_rank(args, out, err)
        if args.command == "export":
            return _cmd_export(args, out, err)
        if args.command == "sensitivity":
            return _cmd_sensitivity(args, out, err)
        if args.command == "report":
            return _cmd_report(args, out, err)
        if args.command == "new":
            return _cmd_new(args, out)
        if args.command == "weights":
            return _cmd_weights(args, out, err)
        if args.command == "compare":
            return _cmd_compare(args, out, err)
        return _cmd_schema(args, out)
    except InputValidationError as exc:
        _print_issues(exc.warnings, err)
        _print_issues(exc.issues, err)
        n = len(exc.issues)
        print(f"invalid: {n} error{'s' * (n != 1)}", file=err)
        return EXIT_INPUT
    except InputError as exc:
        print(f"appraisal: error: {exc}", file=err)
        return EXIT_INPUT


def main_entry() -> None:
    """Console-script entry point."""
    sys.exit(main())
