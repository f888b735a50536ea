"""The command line's argument parser: every command, option and argument type.

Kept apart from :mod:`appraisal.cli` (which runs the commands) so that each stays small; the
CLI reference in ``docs/cli.md`` is generated from :func:`build_parser`.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from appraisal import __version__
from appraisal._terminal import terminal_safe

__all__ = ["MAX_SAMPLES", "UsageError", "build_parser"]

#: The most SMAA samples the command line runs (the library's own ceiling,
#: ``appraisal.smaa.MAX_SAMPLES``, is 10^9). SMAA keeps memory at one chunk, so the limit is
#: time; the refusal quotes ``appraisal.smaa.size.estimate_cost``.
MAX_SAMPLES = 100_000_000


class UsageError(Exception):
    """Raised by the parser instead of exiting, so ``main`` returns 2."""


def _ascii_only(text: str, what: str) -> None:
    """Refuse digits of other scripts (``int("١٠")`` is 10): only 0-9 are read as numbers."""
    if not text.isascii():
        raise argparse.ArgumentTypeError(f"{what} written with the digits 0-9, got {text!r}.")


def _ascii_int(text: str) -> int:
    _ascii_only(text, "expected a whole number")
    return int(text)


def _ascii_float(text: str) -> float:
    _ascii_only(text, "expected a number")
    return float(text)


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # ``type=int`` and ``type=float`` stay as written (the CLI reference reads them), but
        # the conversion is the ASCII-only one
        self.register("type", int, _ascii_int)
        self.register("type", float, _ascii_float)

    def _print_message(self, message: str, file: Any = None) -> None:
        if message:
            (file or sys.stderr).write(terminal_safe(message))

    def error(self, message: str) -> Any:
        self.print_usage(sys.stderr)
        sys.stderr.write(terminal_safe(f"{self.prog}: error: {message}\n"))
        raise UsageError(message)


class _WholeNumber:
    """An argparse type: an integer written as ``10000``, ``10_000`` or ``1e4``.

    With ``minimum``, smaller values are a usage error (exit 2) naming what is allowed.
    ``cli_takes`` is what the generated CLI reference shows in its "takes" column.
    """

    cli_takes = "integer"

    def __init__(self, what: str, minimum: int | None = None, allowed: str = "") -> None:
        self.__name__ = what
        self.minimum = minimum
        self.allowed = allowed

    def __call__(self, text: str) -> int:
        _ascii_only(text, f"{self.__name__} must be a whole number")
        try:
            value = int(text)
        except ValueError:
            try:
                number = float(text)
            except ValueError:
                number = float("nan")
            if not number.is_integer():  # nan and inf too
                raise argparse.ArgumentTypeError(
                    f"{self.__name__} must be a whole number, got {text!r}"
                ) from None
            value = int(number)
        if self.minimum is not None and value < self.minimum:
            raise argparse.ArgumentTypeError(
                f"{self.__name__} must be {self.allowed}, got {text!r}"
            )
        return value


class _PathText:
    """An argparse type: a file or folder name, never the empty string.

    An empty name would otherwise mean standard output or the current folder without a word.
    """

    def __init__(self, what: str) -> None:
        self.__name__ = what
        self.what = what

    def __call__(self, text: str) -> str:
        if text == "":
            raise argparse.ArgumentTypeError(f"expected {self.what}, got an empty string.")
        return text


_file = _PathText("a file name")
_folder = _PathText("a folder name")

# the range of --samples is checked by the command (exit 1), after the case is loaded
_samples = _WholeNumber("the number of samples")
_seed = _WholeNumber("the seed", 0, "a whole number from 0 up (0 to 2**32-1 or larger)")


def _path_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "path",
        nargs="?",
        default=".",
        type=_folder,
        help="case directory holding criteria/ and options/ (default: the current directory)",
    )


def _output_args(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--output", "-o", type=_file, help="write to this file instead of standard output"
    )
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
    p.add_argument(
        "--samples",
        "-n",
        type=_samples,
        default=None,
        help=f"smaa: samples, 1 to {MAX_SAMPLES:,} (default 10,000)",
    )
    p.add_argument("--seed", "-s", type=_seed, default=None, help="smaa: random seed (0 or more)")
    p.add_argument(
        "--constraint",
        choices=["free", "interval", "order", "fixed"],
        help="smaa: weights free (default without --weights), interval (default with it), "
        "order or fixed",
    )
    p.add_argument(
        "--spread", type=float, default=None, help="smaa: interval +/- relative (default 0.2)"
    )
    p.add_argument(
        "--uncertainty",
        choices=["auto", "none", "ranges", "levels"],
        default=None,
        help="smaa: scores from the cells' ranges (auto, the default, when any), +/- LEVELS "
        "levels, or none",
    )
    p.add_argument("--levels", type=int, default=None, help="smaa: level uncertainty (default 1)")
    p.add_argument(
        "--challenger",
        help="distance: the option to bring into first place beside the top (default: runner-up)",
    )
    p.add_argument(
        "--change", type=float, default=None, help="tornado: relative weight change (0.2)"
    )
    p.add_argument("--format", choices=["text", "json"], default="text", help="output format")
    _output_args(p)

    p = sub.add_parser("report", help="a self-contained HTML or Markdown report")
    _path_arg(p)
    p.add_argument("--weights", "-w", help="weight set name (default: equal)")
    p.add_argument(
        "--samples",
        "-n",
        type=_samples,
        default=10_000,
        help=f"SMAA samples, 0 to {MAX_SAMPLES:,} (0: no SMAA section)",
    )
    p.add_argument(
        "--seed", "-s", type=_seed, default=0, help="SMAA random seed, 0 or more (default 0)"
    )
    p.add_argument("--output", "-o", type=_file, required=True, help="FILE.html or FILE.md")
    p.add_argument("--force", action="store_true", help="replace an existing output file")

    p = sub.add_parser("new", help="start a new option file or a new case folder")
    new = p.add_subparsers(dest="what", metavar="WHAT", parser_class=_Parser, required=True)
    q = new.add_parser("option", help="write options/ID.yaml listing every criterion")
    q.add_argument("id", help="the new option's id, e.g. shared-service")
    _path_arg(q)
    q.add_argument("--force", action="store_true", help="replace an existing file")
    q = new.add_parser("case", help="write a minimal case folder that validates and ranks")
    q.add_argument("dir", type=_folder, help="the folder to create")
    q.add_argument("--force", action="store_true", help="replace existing files")

    p = sub.add_parser("schema", help="JSON Schemas of the YAML files (for editors)")
    p.add_argument(
        "kind", nargs="?", choices=["criteria", "option", "weights"], help="print one schema"
    )
    p.add_argument("--output-dir", type=_folder, help="write every schema into this folder")
    p.add_argument("--force", action="store_true", help="replace existing schema files")
    return parser
