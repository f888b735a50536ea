"""The HTML and Markdown reports of the Birmingham case: self-contained, accessible, escaped."""

from __future__ import annotations

import base64
import contextlib
import copy
import dataclasses
import json
import os
import re
import select
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

import appraisal
from appraisal.report._sections import SECTIONS, ReportData, critical_criteria
from appraisal.report.html import render_html
from appraisal.report.markdown import md_escape, render_markdown
from appraisal.report.svg import RATING_RAMP, ink, nice_ticks, ramp

EVIL = '<script>alert("x")</script> & <img src=x onerror=alert(1)>'


def _analyses(case: appraisal.Appraisal) -> dict[str, Any]:
    """One-way, tornado and SMAA contracts: from the library where it has them, else by hand."""
    out: dict[str, Any] = {}
    try:
        from appraisal.matrix.from_case import prepare
        from appraisal.sensitivity import oneway, tornado
    except ImportError:  # pragma: no cover - before the sensitivity module lands
        out["oneway"] = _hand_oneway()
        out["tornado"] = [
            {"label": "Weight of Clear vision", "low": 9.0, "high": 12.0, "base": 10.5},
            {"label": "Weight of Transparency to DfE", "low": -1.0, "high": 14.0, "base": 10.5},
        ]
    else:
        p = prepare(case)
        ids = {"options": p.options, "criteria": p.criteria}
        out["oneway"] = oneway(p.V, p.w, **ids).to_dict()
        out["tornado"] = tornado(p.V, p.w, level_step=p.level_step, **ids).to_dict()
    try:
        from appraisal.matrix.from_case import prepare
        from appraisal.smaa.analyse import smaa
    except ImportError:  # pragma: no cover - before the SMAA module lands
        out["smaa"] = _hand_smaa([o.id for o in case.options])
    else:
        p = prepare(case)
        out["smaa"] = smaa(p.V, n=2000, seed=0, options=p.options, criteria=p.criteria).to_dict()
    return out


def _hand_smaa(options: list[str]) -> dict[str, Any]:
    acc = [[0.8, 0.2, 0.0, 0.0, 0.0], [0.2, 0.7, 0.1, 0.0, 0.0], [0.0, 0.1, 0.6, 0.3, 0.0]]
    acc += [[0.0, 0.0, 0.3, 0.6, 0.1], [0.0, 0.0, 0.0, 0.1, 0.9]]
    order = ["integrated-transformation", "trust-council", "trust-dfe", "outsource", "break-up"]
    return {
        "samples": 1000,
        "seed": 0,
        "options": options,
        "acceptability": {o: acc[order.index(o)] for o in options},
        "central_weights": dict.fromkeys(options),
        "confidence": dict.fromkeys(options),
        "pairwise_winning": {a: {b: 0.5 for b in options if b != a} for a in options},
        "standard_error": 0.0158,
    }


def _hand_oneway() -> dict[str, Any]:
    return {
        "weights": {},
        "options": ["integrated-transformation", "trust-council"],
        "top": "integrated-transformation",
        "most_critical": "vision",
        "criteria": [
            {
                "criterion": "vision",
                "weight": 1 / 19,
                "stability_interval": [0.0, 1 / 3],
                "ranking_stability_interval": [0.0, 1 / 3],
                "delta": 1 / 3 - 1 / 19,
                "challenger": "trust-council",
                "crossovers": [
                    {
                        "weight": 1 / 3,
                        "options": ["integrated-transformation", "trust-council"],
                        "top_changes": True,
                    }
                ],
                "lines": {"intercept": [83.8, 70.8], "slope": [-8.8, 29.2]},
            }
        ],
    }


PROVENANCE = {
    "library": "appraisal 0.1.0",
    "inputs": {"criteria/criteria.yaml": "sha256:00ff", "options/outsource.yaml": "sha256:ab12"},
    "weight_set": "equal",
    "seed": 0,
    "samples": 1000,
}


def _data(repo: Path) -> ReportData:
    case = appraisal.load(repo)
    return ReportData.from_appraisal(case, provenance=PROVENANCE, **_analyses(case))


@pytest.fixture(scope="module")
def data() -> ReportData:
    return _data(Path(__file__).resolve().parent.parent)


@pytest.fixture(scope="module")
def page(data: ReportData) -> str:
    return render_html(data)


# --- self-contained -----------------------------------------------------------------------
def _outside_links(page: str) -> str:
    """The page without its plain links (``<a href="http(s)://...">text</a>``, ``href="#..."``)."""
    page = re.sub(r'<a href="https?://[^"]*">[^<]*</a>', "", page)
    return re.sub(r'<a href="#[\w-]+">', "<a>", page)


def test_html_loads_nothing_from_outside(page: str) -> None:
    # the markup (tags) and the style sheet; text between tags is escaped, so it cannot load
    stripped = _outside_links(page)
    styles = re.findall(r"<style>(.*?)</style>", stripped, flags=re.S)
    rest = " ".join([*re.findall(r"<[^>]+>", stripped), *styles]).lower()
    for pattern in (
        r"<script",
        r"<link",
        r"<img",
        r"<iframe",
        r"<object",
        r"<embed",
        r"<base",
        r"\bsrc\s*=",
        r"srcset",
        r"url\(",
        r"@import",
        r"@font-face",
        r"https?:",
        r"href\s*=",
        r"//[a-z0-9.-]+\.[a-z]{2,}",
    ):
        assert re.search(pattern, rest) is None, pattern
    assert "default-src 'none'" in page


def test_html_links_to_source_documents_only_as_plain_links(data: ReportData) -> None:
    export = copy.deepcopy(data.export)
    cell = export["options"][0]["scores"]["outcomes"]
    cell["evidence"] = ["https://example.org/paper.pdf", "javascript:alert(1)"]
    page = render_html(
        dataclasses.replace(data, source="https://example.org/options-2014", export=export)
    )
    assert '<a href="https://example.org/options-2014">' in page
    assert '<a href="https://example.org/paper.pdf">' in page
    assert 'href="javascript' not in page and "javascript:alert(1)" in page
    test_html_loads_nothing_from_outside(page)


# --- charts and accessibility -------------------------------------------------------------
def test_html_has_every_chart_with_a_text_alternative(data: ReportData, page: str) -> None:
    critical = critical_criteria(data)
    assert critical, "the Birmingham case has criteria whose weight can change the top option"
    svgs = re.findall(r"<svg\b[^>]*>.*?</svg>", page, flags=re.S)
    assert len(svgs) == 1 + len(critical) + 1 + 1  # ranking, one-way each, acceptability, tornado
    for svg in svgs:
        opening = re.match(r"<svg\b[^>]*>", svg)
        assert opening is not None
        assert 'role="img"' in opening.group(0)
        labelled = re.search(r'aria-labelledby="([^"]+)"', opening.group(0))
        assert labelled is not None
        title_id, desc_id = labelled.group(1).split()
        title = re.search(rf'<title id="{title_id}">([^<]+)</title>', svg)
        desc = re.search(rf'<desc id="{desc_id}">([^<]+)</desc>', svg)
        assert title is not None and desc is not None and len(desc.group(1)) > 40
    titles = [re.search(r"<title[^>]*>([^<]*)<", svg).group(1) for svg in svgs]  # type: ignore[union-attr]
    assert titles[0] == "Ranking with criterion contributions"
    assert titles[-2:] == ["Rank acceptability heat map", titles[-1]]
    assert titles[-1].startswith("Tornado")
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids)), "element ids are unique"


def test_oneway_chart_marks_current_weight_and_crossovers(data: ReportData, page: str) -> None:
    vision = next(e for e in critical_criteria(data) if e["criterion"] == "vision")
    changes = [x for x in vision["crossovers"] if x["top_changes"]]
    assert [round(x["weight"], 3) for x in changes] == [0.333]
    chart = re.search(
        r"<svg[^>]*><title[^>]*>One-way sensitivity: weight of Clear vision<.*?</svg>",
        page,
        flags=re.S,
    )
    assert chart is not None
    svg = chart.group(0)
    assert "current 0.053" in svg
    assert svg.count('r="6" fill="#D55E00"') == len(changes)
    assert ">0.333</text>" in svg


def test_tables_have_captions_and_scoped_headers(page: str) -> None:
    tables = re.findall(r"<table\b.*?</table>", page, flags=re.S)
    assert len(tables) >= 10
    for t in tables:
        assert "<caption>" in t
        ths = re.findall(r"<th\b[^>]*>", t)
        assert ths and all('scope="col"' in th or 'scope="row"' in th for th in ths)


def test_score_matrix_colours_numbers_and_rationales(data: ReportData, page: str) -> None:
    matrix = re.search(r'<table class="matrix">.*?</table>', page, flags=re.S)
    assert matrix is not None
    cells = re.findall(r"<td[^>]*>.*?</td>", matrix.group(0), flags=re.S)
    assert len(cells) == 5 * 19
    assert all("<details><summary>" in c for c in cells)
    # a 5 on the 1-5 scale is the darkest colour (white text), a 1 the lightest (black text)
    best = f'style="background:{RATING_RAMP[-1]};color:#ffffff"'
    worst = f'style="background:{RATING_RAMP[0]};color:#000000"'
    assert best in matrix.group(0) and worst in matrix.group(0)
    rationale = "Does not address any of the culltural issues"  # break-up on cultural-change
    assert f'<td {worst}><details><summary><span class="score">1</span>Low</summary><p>' + (
        rationale
    ) in matrix.group(0)


def test_print_layout_is_a4(page: str) -> None:
    assert "@page { size: A4;" in page
    assert "@media print" in page
    assert "break-inside: avoid" in page


# --- escaping and determinism -------------------------------------------------------------
def _evil(data: ReportData) -> ReportData:
    export = copy.deepcopy(data.export)
    ranking = copy.deepcopy(data.ranking)
    export["options"][2]["name"] = EVIL
    export["options"][2]["summary"] = EVIL
    export["options"][2]["scores"]["outcomes"]["rationale"] = EVIL
    export["criteria"][0]["name"] = EVIL
    for r in ranking["ranking"]:
        if r["option"] == export["options"][2]["id"]:
            r["name"] = EVIL
    return dataclasses.replace(
        data, title=EVIL, export=export, ranking=ranking, warnings=[EVIL], provenance={EVIL: EVIL}
    )


def test_user_text_is_escaped_in_html(data: ReportData) -> None:
    page = render_html(_evil(data))
    assert "<script" not in page and "<img" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img" in page
    test_html_loads_nothing_from_outside(page)


def test_user_text_is_escaped_in_markdown(data: ReportData) -> None:
    text = render_markdown(_evil(data))
    assert "<script" not in text and "<img" not in text
    assert "&lt;script&gt;" in text


def test_md_escape_keeps_tables_whole() -> None:
    assert md_escape("a | b\nc *d* [e](f) <i>") == r"a \| b c \*d\* \[e\](f) &lt;i&gt;"


def test_reports_are_deterministic(repo: Path) -> None:
    one, two = _data(repo), _data(repo)
    assert render_html(one) == render_html(two)
    assert render_markdown(one) == render_markdown(two)


# --- contents -----------------------------------------------------------------------------
def test_html_has_every_section(page: str) -> None:
    for anchor, heading in SECTIONS:
        assert f'<section id="{anchor}"><h2>{heading}</h2>' in page
    assert "was not computed" not in page
    assert "Integrated transformation</strong> (score 82.9 of 100)" in page
    assert "sha256:ab12" in page and "inputs.options/outsource.yaml" in page


def test_contributions_sum_to_scores(data: ReportData) -> None:
    for r in data.ranking["ranking"]:
        assert sum(data.contributions[r["option"]].values()) == pytest.approx(r["score"], abs=1e-9)


def test_missing_analyses_are_said_not_computed(data: ReportData) -> None:
    bare = dataclasses.replace(data, oneway=None, smaa=None, tornado=None, provenance={})
    page = render_html(bare)
    assert page.count("<svg") == 1
    assert page.count("was not computed") == 3
    text = render_markdown(bare)
    assert text.count("was not computed") == 3


def test_markdown_has_every_section(data: ReportData) -> None:
    text = render_markdown(data)
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == [f"## {h}" for _, h in SECTIONS]
    assert text.startswith("# Birmingham children's services - strategic options (2014)\n")
    assert "| Integrated transformation | integrated-transformation | 1 | 82.9 | 82 |" in text
    assert "### Weight of Clear vision" in text
    assert text.count("### ") >= 5 + len(critical_criteria(data))  # rationales per option
    for line in text.splitlines():
        if line.startswith("|"):
            assert line.endswith("|")


def test_colour_helpers_known_answers() -> None:
    assert ramp(("#000000", "#ffffff"), 0.25) == "#404040"
    assert ramp(RATING_RAMP, 0.0) == "#ffffcc" and ramp(RATING_RAMP, 1.0) == "#253494"
    assert ink("#ffffff") == "#000000" and ink("#000000") == "#ffffff"
    assert nice_ticks(0.0, 100.0) == [0.0, 25.0, 50.0, 75.0, 100.0]


# --- a real browser -----------------------------------------------------------------------
def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


class _DevTools:
    """The Chrome DevTools protocol over ``--remote-debugging-pipe`` (fds 3 and 4)."""

    def __init__(self, exe: str, profile: Path) -> None:
        to_r, self._to_w = os.pipe()
        self._from_r, from_w = os.pipe()

        def fds() -> None:  # in the child: our pipe ends become its fds 3 and 4
            a, b = os.dup(to_r), os.dup(from_w)  # out of the way of 3 and 4 first
            os.dup2(a, 3)
            os.dup2(b, 4)
            os.set_inheritable(3, True)
            os.set_inheritable(4, True)

        args = [
            exe,
            "--headless=new",
            "--disable-gpu",
            "--no-sandbox",
            "--disable-dev-shm-usage",
            "--remote-debugging-pipe",
            "--no-first-run",
            "--no-default-browser-check",
            f"--user-data-dir={profile}",
            "about:blank",
        ]
        self.proc = subprocess.Popen(
            args,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=fds,
            close_fds=False,
        )
        os.close(to_r)
        os.close(from_w)
        self._buf = b""
        self._id = 0
        self.events: list[dict[str, Any]] = []

    def _read(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buf:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self._from_r], [], [], max(left, 0.0))
            if not ready:
                raise TimeoutError("no answer from the browser")
            chunk = os.read(self._from_r, 1 << 20)
            if not chunk:
                raise ConnectionError("the browser closed the pipe")
            self._buf += chunk
        msg, self._buf = self._buf.split(b"\0", 1)
        parsed: dict[str, Any] = json.loads(msg)
        return parsed

    def call(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        self._id += 1
        msg: dict[str, Any] = {"id": self._id, "method": method, "params": params}
        if session:
            msg["sessionId"] = session
        os.write(self._to_w, json.dumps(msg).encode() + b"\0")
        deadline = time.monotonic() + 60.0
        while True:
            answer = self._read(deadline)
            if answer.get("id") == self._id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                result: dict[str, Any] = answer.get("result", {})
                return result
            self.events.append(answer)

    def wait_for(self, method: str) -> None:
        deadline = time.monotonic() + 60.0
        while not any(e.get("method") == method for e in self.events):
            self.events.append(self._read(deadline))

    def close(self) -> None:
        with contextlib.suppress(OSError, RuntimeError, TimeoutError, ConnectionError):
            self.call("Browser.close")
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self._to_w)
        os.close(self._from_r)


def test_report_in_headless_chromium(page: str, data: ReportData, tmp_path: Path) -> None:
    exe = _chromium()
    if exe is None:
        pytest.skip("chromium not installed")
    report = tmp_path / "report.html"
    report.write_text(page, encoding="utf-8")
    browser = _DevTools(exe, tmp_path / "profile")
    try:
        target = browser.call("Target.createTarget", url="about:blank")["targetId"]
        session = browser.call("Target.attachToTarget", targetId=target, flatten=True)
        sid = session["sessionId"]
        for domain in ("Network", "Runtime", "Log", "Page"):
            browser.call(f"{domain}.enable", sid)
        browser.call(
            "Emulation.setDeviceMetricsOverride",
            sid,
            width=1200,
            height=3000,
            deviceScaleFactor=1,
            mobile=False,
        )
        browser.call("Page.navigate", sid, url=report.as_uri())
        browser.wait_for("Page.loadEventFired")
        charts = browser.call(
            "Runtime.evaluate",
            sid,
            expression="Array.from(document.querySelectorAll('svg')).filter("
            "s => s.getBoundingClientRect().width > 100 && s.getBoundingClientRect().height > 50"
            ").length",
            returnByValue=True,
        )["result"]["value"]
        shot = browser.call("Page.captureScreenshot", sid, format="png", captureBeyondViewport=True)
        browser.call("Runtime.evaluate", sid, expression="1", returnByValue=True)  # flush events
    finally:
        browser.close()
    png = tmp_path / "report.png"
    png.write_bytes(base64.b64decode(shot["data"]))
    assert png.read_bytes().startswith(b"\x89PNG") and png.stat().st_size > 10_000
    assert charts == 3 + len(critical_criteria(data))
    requests = [
        e["params"]["request"]["url"]
        for e in browser.events
        if e.get("method") == "Network.requestWillBeSent"
    ]
    assert requests == [report.as_uri()], "the page requests nothing but itself"
    errors = [
        e
        for e in browser.events
        if e.get("method") in ("Runtime.exceptionThrown", "Network.loadingFailed")
        or (e.get("method") == "Runtime.consoleAPICalled" and e["params"]["type"] == "error")
        or (e.get("method") == "Log.entryAdded" and e["params"]["entry"]["level"] == "error")
    ]
    assert errors == []


def test_report_notes_name_a_few_dominators_and_count_the_rest() -> None:
    from types import SimpleNamespace

    from appraisal.report._sections import ranking_notes

    by = [f"o{i}" for i in range(40)]
    data = SimpleNamespace(
        export={"options": [{"id": o, "name": f"Option {o}"} for o in [*by, "z"]]},
        ranking={"dominated": [{"option": "z", "by": by}], "screened_out": [], "warnings": []},
    )
    (note, *_) = ranking_notes(data)  # type: ignore[arg-type]
    assert note == (
        "Option z is dominated by Option o0, Option o1, Option o2, Option o3, Option o4 "
        "and 35 others."
    )
