"""The ``appraisal`` command line.

Exit status: 0 success, 1 invalid input (every problem printed as
``file:line:col: key.path: message``) or a file that cannot be written, 2 wrong usage, 130 after
Ctrl-C (SIGINT), 141 when the reader of standard output goes away (``appraisal rank | head -1``),
143 after SIGTERM. Bad input never shows a traceback, and everything printed passes through
:func:`appraisal._terminal.terminal_safe`, so text from a file cannot drive the terminal.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO, cast

from appraisal._cli_parser import MAX_SAMPLES, UsageError, build_parser
from appraisal._extras import MissingExtraError
from appraisal._terminal import (
    OutputError,
    SafeStream,
    Terminated,
    install_sigterm_handler,
    json_safe,
    terminal_safe,
)
from appraisal.errors import InputError, InputValidationError, InternalError, Issue
from appraisal.io.files import check_target, make_folder, write_atomic
from appraisal.io.load import check_case, load

__all__ = ["main", "main_entry"]

EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED, EXIT_BROKEN_PIPE, EXIT_TERMINATED = 130, 141, 143


def to_json(data: Any) -> str:
    """Deterministic JSON: insertion order, two-space indent, UTF-8 text, trailing newline.

    Control characters (C0, DEL, C1) and bidirectional controls inside strings are written as
    ``\\uNNNN`` escapes, so the text is safe on a terminal and decodes to the same data.
    """
    return json_safe(json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False)) + "\n"


def _emit(text: str, args: argparse.Namespace, out: TextIO) -> None:
    """Write ``text`` to ``--output`` or standard output: the same bytes either way."""
    if getattr(args, "output", None):
        write_atomic(args.output, terminal_safe(text), force=args.force)
    else:
        out.write(text)


def _check_output(args: argparse.Namespace) -> None:
    """Refuse an ``--output`` that cannot be written before any long computation starts."""
    if getattr(args, "output", None):
        check_target(args.output, force=args.force)


def _check_not_input(args: argparse.Namespace, case: Any) -> None:
    """Refuse an ``--output`` that is one of the files the case was read from, even with --force.

    ``export --force -o criteria/criteria.yaml`` would replace the case's own criteria file with
    JSON and leave the case unreadable. Compared with :func:`os.path.samefile`, so another
    spelling, a symbolic link or a hard link to an input file is refused too.
    """
    output = getattr(args, "output", None)
    if not output or not os.path.exists(output):
        return
    for relative in case.file_sha256:
        try:
            same = os.path.samefile(output, os.path.join(args.path, relative))
        except OSError:
            continue
        if same:
            raise InputError(
                f"--output {output} is one of the case's own files; write the output elsewhere."
            )


def _print_issues(issues: Sequence[Issue], out: TextIO) -> None:
    for issue in issues:
        print(issue, file=out)


def _check_samples(samples: int, case: Any, *, allow_zero: bool) -> None:
    """Refuse a sample count that is negative, zero (unless allowed) or too long to run."""
    low = 0 if allow_zero else 1
    if samples < low:
        what = "0 (no SMAA) or more" if allow_zero else "a positive whole number"
        raise InputError(f"--samples must be {what}, got {samples}.")
    if samples > MAX_SAMPLES:
        from appraisal.smaa.size import estimate_cost

        m, k = len(case.options), len(case.criteria)
        cost = estimate_cost(m, k, samples)
        raise InputError(
            f"--samples {samples:,} is more than the {MAX_SAMPLES:,} the command line runs: "
            f"with {m} options and {k} criteria it would take {cost}; ask for fewer samples."
        )


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
    _check_output(args)
    case = load(args.path)
    _check_not_input(args, case)
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
    from appraisal.compare import weight_table

    _check_output(args)
    case = load(args.path)
    _check_not_input(args, case)
    _print_issues(case.warnings, err)
    _emit(_render(weight_table(case), args.format), args, out)
    return EXIT_OK


def _cmd_compare(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from appraisal.compare import compare

    _check_output(args)
    case = load(args.path)
    _check_not_input(args, case)
    _print_issues(case.warnings, err)
    _emit(_render(compare(case), args.format), args, out)
    return EXIT_OK


def _cmd_export(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from appraisal.report.export import export_dict

    if args.format == "xlsx":
        from appraisal._extras import require
        from appraisal.report.excel import workbook_bytes

        if not args.output:
            raise InputError("an Excel workbook needs --output FILE.xlsx.")
        require("openpyxl", "excel")  # before loading: the missing extra is the first thing to say
        _check_output(args)
        case = load(args.path)
        _check_not_input(args, case)
        _print_issues(case.warnings, err)
        write_atomic(args.output, workbook_bytes(case, args.weights), force=args.force)
        print(f"wrote {args.output}", file=out)
        return EXIT_OK
    _check_output(args)
    case = load(args.path)
    _check_not_input(args, case)
    _print_issues(case.warnings, err)
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
        # written past the escaping stream: the carriage return is ours, not a file's
        raw = self.stream.raw if isinstance(self.stream, SafeStream) else self.stream
        raw.write(f"\rSMAA [{bar}] {done:,}/{total:,}")
        if done >= total:
            raw.write("\n")
        raw.flush()


#: The options of ``sensitivity`` that only one method reads; given to another method they are
#: ignored with a warning (not silently: a script that loops over methods keeps working).
_METHOD_OPTIONS = {
    "samples": "smaa",
    "seed": "smaa",
    "constraint": "smaa",
    "spread": "smaa",
    "uncertainty": "smaa",
    "levels": "smaa",
    "challenger": "distance",
    "change": "tornado",
}


def _stray_method_options(args: argparse.Namespace) -> str | None:
    """A warning naming the options that the chosen method does not read, or None."""
    stray = [
        f"--{name}"
        for name, method in _METHOD_OPTIONS.items()
        if getattr(args, name) is not None and method != args.method
    ]
    if not stray:
        return None
    wanted = " or ".join(sorted({_METHOD_OPTIONS[s[2:]] for s in stray}))
    verb = "apply" if len(stray) > 1 else "applies"
    return (
        f"appraisal: warning: {', '.join(stray)} only {verb} to --method {wanted}; "
        f"ignored for --method {args.method}."
    )


def _check_method_numbers(args: argparse.Namespace) -> None:
    """Refuse out-of-range --spread, --change and --levels, whether or not the method reads them."""
    for name in ("spread", "change"):
        value = getattr(args, name)
        if value is not None and not (math.isfinite(value) and 0 < value < 1):
            raise InputError(
                f"--{name} must be a fraction between 0 and 1 (e.g. 0.2 for +/-20%), got {value}."
            )
    if args.levels is not None and args.levels < 1:
        raise InputError(
            f"--levels must be a whole number of levels, 1 or more, got {args.levels}."
        )


def _cmd_sensitivity(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    _check_method_numbers(args)
    _check_output(args)
    stray = _stray_method_options(args)
    if stray:
        print(stray, file=err)
    case = load(args.path)
    _check_not_input(args, case)
    _print_issues(case.warnings, err)
    result: Any
    if args.method == "oneway":
        result = case.oneway(args.weights)
    elif args.method == "scores":
        result = case.score_switching(args.weights)
    elif args.method == "distance":
        result = case.weight_distance(args.weights, args.challenger)
    elif args.method == "tornado":
        result = case.tornado(args.weights, 0.2 if args.change is None else args.change)
    else:
        samples = 10_000 if args.samples is None else args.samples
        _check_samples(samples, case, allow_zero=False)
        result = case.smaa(
            samples=samples,
            seed=args.seed,
            weights=args.weights,
            constraint=args.constraint,
            spread=0.2 if args.spread is None else args.spread,
            uncertainty="auto" if args.uncertainty is None else args.uncertainty,
            levels=1 if args.levels is None else args.levels,
            progress=_Progress(err),
        )
    _emit(_render(result, args.format), args, out)
    return EXIT_OK


def _cmd_report(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from appraisal.report.build import report_text

    suffix = Path(args.output).suffix.lower()
    if suffix not in (".html", ".htm", ".md", ".markdown"):
        raise InputError(f"the report must be a .html or .md file, got {args.output!r}.")
    _check_output(args)
    case = load(args.path)
    _check_not_input(args, case)
    _check_samples(args.samples, case, allow_zero=True)
    _print_issues(case.warnings, err)
    fmt = "html" if suffix in (".html", ".htm") else "markdown"
    text = report_text(case, fmt=fmt, weights=args.weights, samples=args.samples, seed=args.seed)
    target = write_atomic(args.output, text, force=args.force)
    print(f"wrote {target.as_posix()}", file=out)
    return EXIT_OK


def _cmd_new(args: argparse.Namespace, out: TextIO) -> int:
    from appraisal.scaffold import new_case, new_option

    if args.what == "option":
        written = [new_option(args.path, args.id, force=args.force)]
    else:
        written = new_case(args.dir, force=args.force)
    for path in written:
        print(f"wrote {path.as_posix()}", file=out)
    return EXIT_OK


def schemas() -> dict[str, dict[str, Any]]:
    """The JSON Schema of each YAML file kind, as written to ``schemas/``."""
    from appraisal.model import CriteriaFile, Option, WeightsFile

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
        make_folder(folder)
        for name, schema in all_schemas.items():
            target = write_atomic(folder / f"{name}.schema.json", to_json(schema), force=args.force)
            print(f"wrote {target.as_posix()}", file=out)
        return EXIT_OK
    if args.kind:
        out.write(to_json(all_schemas[args.kind]))
    else:
        out.write(to_json(all_schemas))
    return EXIT_OK


def _dispatch(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
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


def main(
    argv: Sequence[str] | None = None, *, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    """Run the command line; returns the exit status instead of exiting.

    Everything written to ``stdout`` and ``stderr`` has its control characters escaped. A
    failed write to ``stdout`` (disk full) is one line on ``stderr`` and status 1; a reader
    that went away (broken pipe) ends the command quietly with status 141.

    Examples
    --------
    >>> main(["validate", "."])  # doctest: +ELLIPSIS
    options/break-up.yaml:...: warning: scores.break-from-past.rating: ...
    ...
    0
    """
    out = cast(TextIO, SafeStream(stdout or sys.stdout, "output"))
    err = cast(TextIO, SafeStream(stderr or sys.stderr, "error"))
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except UsageError:
        return EXIT_USAGE
    except SystemExit as exc:  # --help and --version exit 0
        return int(exc.code or 0)
    if args.command is None:
        parser.print_help(err)
        return EXIT_USAGE
    try:
        try:
            code = _dispatch(args, out, err)
        finally:
            out.flush()
    except InputValidationError as exc:
        _print_issues(exc.warnings, err)
        _print_issues(exc.issues, err)
        n = len(exc.issues)
        print(f"invalid: {n} error{'s' * (n != 1)}", file=err)
        return EXIT_INPUT
    except (InputError, MissingExtraError) as exc:
        print(f"appraisal: error: {exc}", file=err)
        return EXIT_INPUT
    except InternalError as exc:
        print(
            f"appraisal: internal error: {exc} This is a bug in appraisal; please report it "
            "with the input that caused it.",
            file=err,
        )
        return EXIT_INPUT
    except OutputError as exc:
        if exc.broken_pipe:
            return EXIT_BROKEN_PIPE
        with contextlib.suppress(OutputError):
            print(f"appraisal: error: {exc}", file=err)
        return EXIT_INPUT
    return code


def _silence_stdout() -> None:
    """Point standard output at the null device so the exit-time flush cannot fail again."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def main_entry() -> None:
    """Console-script entry point: SIGINT exits 130 and SIGTERM 143, each with one line."""
    install_sigterm_handler()
    try:
        code = main()
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            code = EXIT_BROKEN_PIPE
        except OSError as exc:
            with contextlib.suppress(OSError, ValueError):
                sys.stderr.write(terminal_safe(f"appraisal: error: {OutputError('output', exc)}\n"))
            code = EXIT_INPUT
    except OutputError:  # standard error itself cannot be written: nowhere left to say so
        code = EXIT_INPUT
    except KeyboardInterrupt as exc:
        terminated = isinstance(exc, Terminated)
        with contextlib.suppress(OSError, ValueError):
            sys.stderr.write(
                "appraisal: terminated\n" if terminated else "appraisal: interrupted\n"
            )
        code = EXIT_TERMINATED if terminated else EXIT_INTERRUPTED
    if code in (EXIT_BROKEN_PIPE, EXIT_INPUT, EXIT_INTERRUPTED, EXIT_TERMINATED):
        _silence_stdout()
    sys.exit(code)
