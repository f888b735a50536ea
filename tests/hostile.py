"""A Birmingham case with hostile text in it, built in memory (no validation runs on it).

The ``text`` checks refuse control characters when files are loaded; the outputs must still be
safe for an appraisal built in Python, so the hostile copy is made with ``model_copy``, which
does not validate.
"""

from __future__ import annotations

from pathlib import Path

import appraisal

ROOT = Path(__file__).resolve().parent.parent

#: Retitles the terminal window, rings the bell and clears the screen when printed raw.
TERMINAL = "\x1b]0;x\x07\x1b[2J"
#: Runs script in a notebook or a browser when not escaped.
MARKUP = '<img src=x onerror=alert(1)><script>alert(2)</script>" onmouseover="alert(3)'
#: Becomes a live formula in a spreadsheet when not written as text.
FORMULA = '=HYPERLINK("http://example.com/x","click")'


def hostile_case(text: str, *, option: str = "break-up") -> appraisal.Appraisal:
    """Birmingham with ``text`` as the title, ``option``'s id, name, summary, first rating and
    rationale, the first criterion's name and the first weight set's rationale."""
    case = appraisal.load(ROOT)
    options = list(case.options)
    i = [o.id for o in options].index(option)
    cells = dict(options[i].scores)
    first = next(iter(cells))
    cells[first] = cells[first].model_copy(update={"rationale": text, "rating": text})
    options[i] = options[i].model_copy(
        update={"id": text, "name": text, "summary": text, "scores": cells}
    )
    criteria = list(case.criteria)
    criteria[0] = criteria[0].model_copy(update={"name": text})
    update: dict[str, object] = {
        "options": tuple(options),
        "criteria": tuple(criteria),
        "title": text,
        "source": text,
    }
    return case.model_copy(update=update)
