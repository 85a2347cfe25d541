"""Extraction benchmark: tuireader's extract_article beside trafilatura on all three bench sets.

Runs the shared scorer (../shared/tools/score_extraction.py --set all) with trafilatura's default
as the baseline in the same run, calls interleaved, then prints issue 20's goal table: body F1 on
the news and readability sets (and news pages that got worse than when the issue began), title
and byline accuracy, snippet F1 against trafilatura's on its own evaluation set, empty outputs
and exceptions, and the worst set's ratio of median milliseconds per page.

    .venv/bin/pip install -e '.[bench]'
    .venv/bin/python -m benchmarks.extraction            # all three sets, about 50 s
    .venv/bin/python -m benchmarks.extraction --quick    # the first 20 pages of each set

The scorer and the pages live beside this repository in ../shared; `--scorer PATH` points
elsewhere.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SCORER = ROOT.parent / "shared" / "tools" / "score_extraction.py"
OURS = "tuireader.extract.pipeline:extract_article"
BASELINE = "benchmarks.baselines:trafilatura_default"
SETS = ("news", "readability", "snippets")
# Each news page's F1 when issue 20 began (ec9367f): no page may fall more than 0.02 below it.
NEWS_BEFORE = Path(__file__).resolve().parent / "data" / "news_page_f1_issue20.json"


@dataclass(frozen=True)
class Goal:
    measure: str
    ours: float
    baseline: float
    goal: str
    met: bool
    form: str = "{:.3f}"  # how the two figures are written

    def cells(self) -> list[str]:
        def show(value: float) -> str:
            return self.form.format(value)

        return [
            self.measure,
            show(self.ours),
            show(self.baseline),
            self.goal,
            "yes" if self.met else "NO",
        ]


def run_scorer(scorer: Path, limit: int | None) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "scores.json"
        cmd = [sys.executable, str(scorer), "--set", "all", "--callable", OURS]
        cmd += ["--compare", BASELINE, "--json", str(out)]
        if limit:
            cmd += ["--limit", str(limit)]
        subprocess.run(cmd, cwd=ROOT, check=True)
        report: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return report


def share(meta: dict[str, Any], key: str) -> float:
    counts = meta[key]
    return counts["norm"] / counts["n"] if counts["n"] else 1.0


def worse_pages(news: dict[str, Any]) -> list[str]:
    """News pages whose F1 fell more than 0.02 below the figure recorded when issue 20 began."""
    before: dict[str, float] = json.loads(NEWS_BEFORE.read_text(encoding="utf-8"))
    return [
        page["id"]
        for page in news["results"][OURS]["per_page"]
        if page["id"] in before and page["f1"] < before[page["id"]] - 0.02
    ]


def goals(report: dict[str, Any]) -> list[Goal]:
    sets = report["sets"]
    news, read, snip = (sets[name]["results"] for name in SETS)
    n_ours, n_base = news[OURS], news[BASELINE]
    r_ours, r_base = read[OURS], read[BASELINE]
    s_ours, s_base = snip[OURS], snip[BASELINE]
    failures = sum(sets[n]["results"][OURS][k] for n in SETS for k in ("empty", "errors"))
    base_failures = sum(sets[n]["results"][BASELINE][k] for n in SETS for k in ("empty", "errors"))
    ratio = max(sets[name]["median_ms_ratio"] for name in SETS)
    worse = worse_pages(sets["news"])
    title, byline = share(r_ours["meta"], "title"), share(r_ours["meta"], "byline")
    return [
        Goal("body F1, news", n_ours["f1"], n_base["f1"], ">= 0.985", n_ours["f1"] >= 0.985),
        Goal(
            "news pages > 0.02 worse than before",
            len(worse),
            0,
            "0",
            not worse,
            form="{:.0f}",
        ),
        Goal("body F1, readability", r_ours["f1"], r_base["f1"], ">= 0.980", r_ours["f1"] >= 0.98),
        Goal(
            "titles, readability",
            title,
            share(r_base["meta"], "title"),
            "100%",
            title == 1.0,
            form="{:.0%}",
        ),
        Goal(
            "bylines, readability",
            byline,
            share(r_base["meta"], "byline"),
            ">= 90%",
            byline >= 0.90,
            form="{:.0%}",
        ),
        Goal(
            "F1, snippets",
            s_ours["f1"],
            s_base["f1"],
            "> trafilatura",
            s_ours["f1"] > s_base["f1"],
        ),
        Goal(
            "empty outputs or exceptions, all sets",
            failures,
            base_failures,
            "0",
            failures == 0,
            form="{:.0f}",
        ),
        Goal("median ms/page ratio, worst set", ratio, 1.0, "<= 0.50", ratio <= 0.5, form="{:.2f}"),
    ]


def table(rows: list[list[str]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [" | ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in rows]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scorer", type=Path, default=SCORER, help="path to score_extraction.py")
    parser.add_argument("--quick", action="store_true", help="only the first 20 pages of each set")
    args = parser.parse_args(argv)
    if not args.scorer.is_file():
        print(f"extraction benchmark: scorer not found at {args.scorer}", file=sys.stderr)
        return 2
    report = run_scorer(args.scorer, 20 if args.quick else None)
    rows = [g.cells() for g in goals(report)]
    print("\n== goals (issue 20): tuireader vs trafilatura default, same run")
    print(table([["measure", "tuireader", "trafilatura", "goal", "met"], *rows]))
    for name in SETS:
        entry = report["sets"][name]
        ours, base = entry["results"][OURS]["ms_median"], entry["results"][BASELINE]["ms_median"]
        print(
            f"{name}: median {ours:.1f} ms vs {base:.1f} ms per page, "
            f"ratio {entry['median_ms_ratio']:.2f}"
        )
    failed = [
        page["id"]
        for name in SETS
        for page in report["sets"][name]["results"][OURS]["per_page"]
        if page.get("empty") or page.get("error")
    ]
    if failed:
        print("empty output or exception:", ", ".join(failed))
    if worse := worse_pages(report["sets"]["news"]):
        print("news pages more than 0.02 worse than before:", ", ".join(worse))
    return 0


if __name__ == "__main__":
    sys.exit(main())
