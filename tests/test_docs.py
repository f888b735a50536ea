"""The documentation site cannot rot: nav, CLI reference and examples are checked against the code.

- every page in ``mkdocs.yml`` exists and every ``docs/*.md`` page is in the nav;
- ``docs/cli.md`` holds, for every command, the reference generated from
  :func:`appraisal.cli.build_parser` (regenerate with ``python tests/test_docs.py``), and names
  every subcommand, option string and choice of the parser;
- every ``appraisal ...`` line in a ``bash`` block of ``docs/cli.md`` and ``docs/index.md`` runs
  with the exit status it documents (``# exit N``; 0 when not stated), in a scratch copy of the
  bundled cases, and a ``text`` block right after a one-command ``bash`` block is that
  command's exact output;
- every ``pycon`` block of the docs runs as a doctest from the repository root;
- ``mkdocs build --strict`` passes, when mkdocs is installed.
"""

from __future__ import annotations

import argparse
import doctest
import io
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from appraisal.cli import build_parser, main

REPO = Path(__file__).resolve().parent.parent
DOCS = REPO / "docs"
CLI_MD = DOCS / "cli.md"
BEGIN = "<!-- generated from build_parser(): {name} -->"
END = "<!-- end generated: {name} -->"

# --- the CLI reference, generated from the parser ---------------------------------------------


def _subparsers(parser: argparse.ArgumentParser) -> argparse._SubParsersAction | None:  # type: ignore[type-arg]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    return None


def commands(
    parser: argparse.ArgumentParser | None = None, prefix: str = "appraisal"
) -> Iterator[tuple[str, argparse.ArgumentParser, str]]:
    """``(full command, parser, help)`` for the top level and every command, depth first."""
    parser = parser or build_parser()
    if prefix == "appraisal":
        yield prefix, parser, parser.description or ""
    sub = _subparsers(parser)
    if sub is None:
        return
    for choice in sub._choices_actions:
        name = f"{prefix} {choice.dest}"
        child = sub.choices[choice.dest]
        yield name, child, choice.help or ""
        yield from commands(child, name)


def leaf_commands() -> list[tuple[str, argparse.ArgumentParser, str]]:
    """Every command that runs something (``appraisal new`` only groups ``new option|case``)."""
    return [c for c in commands() if c[0] != "appraisal" and _subparsers(c[1]) is None]


def _metavar(action: argparse.Action) -> str:
    if action.metavar is not None:
        return str(action.metavar)
    if action.choices is not None:
        return "{" + ",".join(str(c) for c in action.choices) + "}"
    return action.dest if not action.option_strings else action.dest.upper()


def usage(name: str, parser: argparse.ArgumentParser) -> str:
    """A usage line like argparse's, unwrapped (argparse wraps by terminal width)."""
    parts = [name, "[-h]"]
    positionals = []
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction):
            continue
        if not action.option_strings:
            text = _metavar(action)
            if isinstance(action, argparse._SubParsersAction):
                text += " ..."
            positionals.append(f"[{text}]" if action.nargs == "?" else text)
        elif action.nargs == 0:
            parts.append(f"[{action.option_strings[0]}]")
        else:
            text = f"{action.option_strings[0]} {_metavar(action)}"
            parts.append(text if action.required else f"[{text}]")
    return " ".join(parts + positionals)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


_KIND = {"path": "folder", "dir": "folder", "output_dir": "folder", "output": "file"}


def _takes(action: argparse.Action) -> str:
    if action.nargs == 0:
        return "flag"
    if action.choices is not None and not isinstance(action, argparse._SubParsersAction):
        return "one of " + ", ".join(f"`{c}`" for c in action.choices)
    if action.type is int or getattr(action.type, "cli_takes", None) == "integer":
        return "integer"
    if action.type is float:
        return "number"
    return _KIND.get(action.dest, "text")


def _default(action: argparse.Action) -> str:
    if action.required and action.option_strings:
        return "required"
    if action.nargs == 0 or action.default in (None, argparse.SUPPRESS):
        return ""
    return f"`{action.default}`"


def reference(name: str, parser: argparse.ArgumentParser, help_text: str) -> str:
    """The generated reference of one command: what it does, usage, and every argument."""
    summary = help_text[:1].upper() + help_text[1:]
    summary += "" if summary.endswith(".") else "."
    lines = [summary, "", "```text", usage(name, parser), "```"]
    rows = []
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction | argparse._SubParsersAction):
            continue
        names = ", ".join(f"`{s}`" for s in action.option_strings) or f"`{action.dest}`"
        meaning = action.help or ("output format" if action.dest == "format" else "")
        if isinstance(action, argparse._VersionAction):
            meaning = "print the version and exit"
        rows.append(f"| {names} | {_takes(action)} | {_default(action)} | {_cell(meaning)} |")
    if rows:
        head = ["", "| argument | takes | default | meaning |", "| --- | --- | --- | --- |"]
        lines += head + rows
    if name == "appraisal":
        lines += ["", "| command | what it does |", "| --- | --- |"]
        lines += [f"| `{n}` | {_cell(h)} |" for n, _, h in leaf_commands()]
    return "\n".join(lines)


def generated_blocks() -> dict[str, str]:
    """Every generated block of docs/cli.md, keyed by command, marker lines included."""
    out = {}
    for name, parser, help_text in commands():
        if name != "appraisal" and _subparsers(parser) is not None:
            continue
        body = reference(name, parser, help_text)
        out[name] = "\n\n".join([BEGIN.format(name=name), body, END.format(name=name)])
    return out


def refresh(text: str) -> str:
    """``text`` with every generated block replaced by what the parser generates now."""
    for name, block in generated_blocks().items():
        pattern = re.escape(BEGIN.format(name=name)) + r".*?" + re.escape(END.format(name=name))
        text = re.sub(pattern, lambda _m, b=block: b, text, count=1, flags=re.DOTALL)
    return text


def test_cli_reference_has_a_generated_block_for_every_command() -> None:
    text = CLI_MD.read_text(encoding="utf-8")
    for name in generated_blocks():
        assert BEGIN.format(name=name) in text and END.format(name=name) in text, (
            f"docs/cli.md has no generated block for {name!r}: add the two marker lines and run "
            "`python tests/test_docs.py`"
        )


def test_cli_reference_is_fresh() -> None:
    text = CLI_MD.read_text(encoding="utf-8")
    assert refresh(text) == text, "docs/cli.md is stale: run `python tests/test_docs.py`"


def test_cli_reference_names_every_command_option_and_choice() -> None:
    text = CLI_MD.read_text(encoding="utf-8")
    for name, parser, _ in commands():
        assert f"`{name}`" in text or f"## `{name}`" in text, f"{name} is not in docs/cli.md"
        for action in parser._actions:
            for option in action.option_strings:
                assert f"`{option}`" in text, f"{name} {option} is not in docs/cli.md"
            if action.choices is not None and not isinstance(action, argparse._SubParsersAction):
                for choice in action.choices:
                    assert f"`{choice}`" in text, f"{name}: choice {choice!r} not in docs/cli.md"


def test_cli_reference_documents_the_exit_codes() -> None:
    from appraisal import cli

    text = CLI_MD.read_text(encoding="utf-8")
    for code in (cli.EXIT_OK, cli.EXIT_INPUT, cli.EXIT_USAGE):
        assert f"| `{code}` |" in text


# --- the examples in docs/cli.md run as documented --------------------------------------------

FENCE = re.compile(r"^```(\w*)\n(.*?)^```\n", re.MULTILINE | re.DOTALL)


def _blocks(text: str) -> list[tuple[str, str, int, int]]:
    """``(language, body, start, end)`` of every fenced block."""
    return [(m.group(1), m.group(2), m.start(), m.end()) for m in FENCE.finditer(text)]


def cli_examples(page: Path) -> list[tuple[str, int, str | None]]:
    """``(command, expected exit status, expected stdout or None)`` in page order."""
    text = page.read_text(encoding="utf-8")
    blocks = _blocks(text)
    out: list[tuple[str, int, str | None]] = []
    for n, (lang, body, _, end) in enumerate(blocks):
        if lang != "bash":
            continue
        found = []
        for line in body.splitlines():
            if not line.startswith("appraisal "):
                continue
            command, _, comment = line.partition("  #")
            match = re.search(r"exit (\d)", comment)
            found.append((command.strip(), int(match.group(1)) if match else 0))
        expected = None
        if len(found) == 1 and n + 1 < len(blocks):
            nxt = blocks[n + 1]
            if nxt[0] == "text" and text[end : nxt[2]].strip() == "":
                expected = nxt[1]
        out += [(c, s, expected if len(found) == 1 else None) for c, s in found]
    return out


@pytest.mark.parametrize(("page", "at_least"), [("cli.md", 40), ("index.md", 5)])
def test_cli_examples_run_as_documented(
    page: str, at_least: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for folder in ("criteria", "options", "examples"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    monkeypatch.chdir(tmp_path)
    examples = cli_examples(DOCS / page)
    assert len(examples) >= at_least, f"docs/{page} has lost its examples"
    for command, status, expected in examples:
        out, err = io.StringIO(), io.StringIO()
        got = main(shlex.split(command)[1:], stdout=out, stderr=err)
        assert got == status, f"`{command}` exited {got}, documented {status}:\n{err.getvalue()}"
        if expected is not None:
            assert out.getvalue().rstrip() == expected.rstrip(), f"output of `{command}` changed"


# --- Python examples, nav and the build -----------------------------------------------------


def _pages() -> list[Path]:
    return sorted(DOCS.glob("*.md"))


@pytest.mark.parametrize("page", [p.name for p in _pages()])
def test_python_examples_run(page: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    text = (DOCS / page).read_text(encoding="utf-8")
    source = "\n".join(body for lang, body, _, _ in _blocks(text) if lang == "pycon")
    test = doctest.DocTestParser().get_doctest(source, {}, page, str(DOCS / page), 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    assert runner.failures == 0, f"{runner.failures} example(s) failed in docs/{page}"


def _nav_pages(nav: list[object]) -> list[str]:
    out: list[str] = []
    for item in nav:
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, dict):
            for value in item.values():
                out += _nav_pages(value) if isinstance(value, list) else [str(value)]
    return out


def test_nav_lists_every_page_and_only_existing_pages() -> None:
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["docs_dir"] == "docs" and config["strict"] is True
    listed = _nav_pages(config["nav"])
    assert len(listed) == len(set(listed)), "a page is listed twice in the nav"
    for page in listed:
        assert (DOCS / page).is_file(), f"mkdocs.yml lists {page}, which does not exist"
    missing = sorted({p.name for p in _pages()} - set(listed))
    assert not missing, f"pages not in the mkdocs.yml nav: {missing}"


def test_docs_pages_link_to_nothing_outside_docs() -> None:
    link = re.compile(r"\]\(([^)#\s]+)")
    for page in _pages():
        text = FENCE.sub("", page.read_text(encoding="utf-8"))
        for target in link.findall(text):
            if "://" in target or target.startswith("mailto:"):
                continue
            assert (DOCS / target).resolve().is_relative_to(DOCS), f"{page.name} -> {target}"
            assert (DOCS / target).exists(), f"{page.name} links to a missing {target}"


def test_mkdocs_build_strict(tmp_path: Path) -> None:
    pytest.importorskip("mkdocs", reason="mkdocs is not installed; CI builds the site itself")
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr


if __name__ == "__main__":  # regenerate the CLI reference in docs/cli.md
    current = CLI_MD.read_text(encoding="utf-8")
    CLI_MD.write_text(refresh(current), encoding="utf-8")
    print("docs/cli.md is up to date" if refresh(current) == current else "updated docs/cli.md")
