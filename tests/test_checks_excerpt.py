"""A file that is one long text is never echoed whole, in messages or in JSON issues."""

from __future__ import annotations

import io
import json
from pathlib import Path

from appraisal.cli import main


def test_a_file_of_text_is_quoted_by_an_excerpt_only(case_copy: Path) -> None:
    lines = [f"user{i}:x:{i}:{i}:secret-{i}:/srv/user{i}:/bin/sh" for i in range(40)]
    (case_copy / "options" / "passwd.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = io.StringIO()
    assert main(["validate", str(case_copy)], stdout=out, stderr=io.StringIO()) == 1
    (line,) = [x for x in out.getvalue().splitlines() if "passwd.yaml" in x]
    assert line.endswith(
        "/options/passwd.yaml:1:1: the file must be a mapping of 'key: value' lines, "
        "got the text 'user0:x:0:0:secret-0:/srv/user0:/bin/sh user1:x:1:1:secret-1...'."
    )
    assert "secret-1:" not in line
    out = io.StringIO()
    main(["validate", str(case_copy), "--format", "json"], stdout=out, stderr=io.StringIO())
    (issue,) = [i for i in json.loads(out.getvalue())["issues"] if "passwd" in i["file"]]
    assert "secret-1:" not in json.dumps(issue) and issue["value"].endswith("...")
