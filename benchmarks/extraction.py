"""Extraction benchmark: tuireader's extract_article beside trafilatura on both bench sets.

Runs the shared scorer (../shared/tools/score_extraction.py) with trafilatura as the baseline in
the same run, calls interleaved, then prints issue 3's goal table: body F1 on the news and
readability sets, title and byline accuracy, empty outputs and exceptions, and the ratio of
median milliseconds per page.

    .venv/bin/pip install -e '.[bench]'
    .venv/bin/python -m benchmarks.extraction            # both sets, about 20 s
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
        cmd = [sys.executable, str(scorer), "--compare", BASELINE, "--json", str(out)]
        if limit:
            cmd += ["--limit", str(limit)]
        subprocess.run(cmd, cwd=ROOT, check=True)
        report: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return report


def share(meta: dict[str, Any], key: str) -> float:
    counts = meta[key]
    return counts["norm"] / counts["n"] if counts["n"] else 1.0


def goals(report: dict[str, Any]) -> list[Goal]:
    news = report["sets"]["news"]
    read = report["sets"]["readability"]
    n_ours, n_base = news["results"][OURS], news["results"][BASELINE]
    r_ours, r_base = read["results"][OURS], read["results"][BASELINE]
    failures = sum(s["results"][OURS][k] for s in (news, read) for k in ("empty", "errors"))
    base_failures = sum(
        s["results"][BASELINE][k] for s in (news, read) for k in ("empty", "errors")
    )
    ratios = [news["median_ms_ratio"], read["median_ms_ratio"]]
    return [
        Goal("body F1, news set", n_ours["f1"], n_base["f1"], ">= 0.980", n_ours["f1"] >= 0.98),
        Goal(
            "body F1, readability set", r_ours["f1"], r_base["f1"], ">= 0.970", r_ours["f1"] >= 0.97
        ),
        Goal(
            "title correct, readability set",
            share(r_ours["meta"], "title"),
            share(r_base["meta"], "title"),
            ">= 97%",
            share(r_ours["meta"], "title") >= 0.97,
            form="{:.0%}",
        ),
        Goal(
            "byline correct, readability set",
            share(r_ours["meta"], "byline"),
            share(r_base["meta"], "byline"),
            ">= 90%",
            share(r_ours["meta"], "byline") >= 0.90,
            form="{:.0%}",
        ),
        Goal(
            "empty output or exception (pages)",
            failures,
            base_failures,
            "0",
            failures == 0,
            form="{:.0f}",
        ),
        Goal(
            "median ms/page ratio, worst set",
            max(ratios),
            1.0,
            "<= 1.0",
            max(ratios) <= 1.0,
            form="{:.2f}",
        ),
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
    print("\n== goals (issue 3): tuireader vs trafilatura default, same run")
    print(table([["measure", "tuireader", "trafilatura", "goal", "met"], *rows]))
    for name in ("news", "readability"):
        entry = report["sets"][name]
        ours, base = entry["results"][OURS]["ms_median"], entry["results"][BASELINE]["ms_median"]
        print(
            f"{name}: median {ours:.1f} ms vs {base:.1f} ms per page, "
            f"ratio {entry['median_ms_ratio']:.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
