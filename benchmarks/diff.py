"""Comparing two versions of an article (body/diff.py), against difflib in the same run.

    .venv/bin/python -m benchmarks.diff

Two generated 10,000-word versions (paragraphs of 30 to 110 words drawn from a vocabulary of
3,000 with Zipf-like frequencies, so common words repeat as in prose), the newer with edits:
- scattered: 40 edits (a word replaced, three inserted, three removed) in random paragraphs,
  a paragraph added and one removed: what a corrected news story looks like;
- every paragraph: one edit in each paragraph, so no paragraph is the same;
- one long stretch: 25 paragraphs (about 1,700 words) edited together with one of them split,
  a changed stretch compared word by word as a whole.
For each: `compare` (what the comparison view draws; goal under 200 ms), `paragraphs_changed`
(what keeping a version costs at save time) and `word_diff` of the whole texts, each the best of
five runs; the baselines are difflib's SequenceMatcher over the words of the whole texts (what
`word_diff` was) and `difflib.ndiff` over the paragraphs as lines (intraline hints included).
Last, `Store.save` of the scattered edition over the first (the copy kept: decoded, compared,
compressed) against a save of the same text again (nothing kept), in a store in a temporary
folder.
"""

from __future__ import annotations

import difflib
import random
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from tuireader.body import with_body
from tuireader.body.diff import compare, paragraphs_changed, word_diff, words
from tuireader.cache import Store
from tuireader.models import Article, Page, PageInfo

GOAL_MS = 200.0
WORDS = 10_000


def article(seed: int = 1, count: int = WORDS) -> list[str]:
    rng = random.Random(seed)
    vocabulary = [f"w{i}" for i in range(3000)]
    weights = [1 / (rank + 1) for rank in range(3000)]
    paragraphs: list[str] = []
    total = 0
    while total < count:
        length = rng.randint(30, 110)
        paragraphs.append(" ".join(rng.choices(vocabulary, weights, k=length)) + ".")
        total += length
    return paragraphs


def edited(paragraph: str, rng: random.Random) -> str:
    found = paragraph.split(" ")
    at = rng.randrange(len(found))
    roll = rng.random()
    if roll < 0.4:
        found[at] = "changed"
    elif roll < 0.7:
        found[at:at] = ["inserted", "words", "here"]
    else:
        del found[at : at + 3]
    return " ".join(found)


def scattered(old: list[str]) -> list[str]:
    rng = random.Random(2)
    new = list(old)
    for _ in range(40):
        at = rng.randrange(len(new))
        new[at] = edited(new[at], rng)
    new.insert(10, "A wholly new paragraph about something else entirely.")
    del new[50]
    return new


def every_paragraph(old: list[str]) -> list[str]:
    rng = random.Random(3)
    return [edited(paragraph, rng) for paragraph in old]


def one_long_stretch(old: list[str]) -> list[str]:
    rng = random.Random(4)
    new = list(old)
    for at in range(60, 85):
        new[at] = edited(new[at], rng)
    half = len(new[70]) // 2
    new[70:71] = [new[70][:half], new[70][half:]]
    return new


def best_ms(run: Callable[[], object], runs: int = 5) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best * 1000


def measured(old: list[str], new: list[str]) -> tuple[float, float, float, float, float]:
    """compare, paragraphs_changed, word_diff, difflib over the words, ndiff over the lines."""
    old_text, new_text = "\n\n".join(old), "\n\n".join(new)
    old_words, new_words = words(old_text), words(new_text)
    return (
        best_ms(partial(compare, old, new)),
        best_ms(partial(paragraphs_changed, old, new)),
        best_ms(partial(word_diff, old_text, new_text)),
        best_ms(partial(_difflib_words, old_words, new_words), runs=1),
        best_ms(partial(_ndiff_lines, old, new), runs=1),
    )


def _difflib_words(old: list[str], new: list[str]) -> object:
    return difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()


def _ndiff_lines(old: list[str], new: list[str]) -> object:
    return list(difflib.ndiff(old, new))


def saves_ms(old: list[str], new: list[str]) -> tuple[float, float]:
    """(a save that keeps the replaced copy, a save of the same text), best of five each."""
    url = "https://example.org/story"
    page = Page(PageInfo(url=url, final_url=url, fetched_at="2025-01-01T00:00:00+00:00"), "<p>")

    def article(paragraphs: list[str]) -> Article:
        text = "\n\n".join(paragraphs)
        return with_body(Article(title="Story", markdown=text, text=text, word_count=WORDS))

    first, second = article(old), article(new)
    with tempfile.TemporaryDirectory() as folder:
        store = Store.in_directory(Path(folder))
        keeping, same = float("inf"), float("inf")
        for _ in range(5):
            store.save(page, first)
            start = time.perf_counter()
            store.save(page, second)
            keeping = min(keeping, time.perf_counter() - start)
            start = time.perf_counter()
            store.save(page, second)
            same = min(same, time.perf_counter() - start)
        assert len(store.versions(url)) == 9  # a copy for each save but the first and the same
        store.close()
    return keeping * 1000, same * 1000


def main() -> None:
    old = article()
    print(f"two versions of {len(words(' '.join(old))):,} words, {len(old)} paragraphs\n")
    print(
        f"{'case':<16} {'compare':>9} {'paragraphs':>11} {'word_diff':>10} "
        f"{'difflib words':>14} {'ndiff lines':>12} {'ratio':>7}"
    )
    worst = 0.0
    for name, make in (
        ("scattered", scattered),
        ("every paragraph", every_paragraph),
        ("one long stretch", one_long_stretch),
    ):
        ours, counted, whole, by_words, by_lines = measured(old, make(old))
        worst = max(worst, ours)
        print(
            f"{name:<16} {ours:>7.1f}ms {counted:>9.2f}ms {whole:>8.1f}ms "
            f"{by_words:>12.1f}ms {by_lines:>10.1f}ms {by_words / max(whole, 1e-3):>6.0f}x"
        )
    keeping, same = saves_ms(old, scattered(old))
    print(
        f"\nStore.save keeping the replaced copy {keeping:.1f} ms, of the same text {same:.1f} ms"
    )
    print(
        "\nratio: difflib over the words / word_diff of the whole texts (same run)"
        f"\nslowest compare {worst:.1f} ms (goal under {GOAL_MS:.0f} ms): "
        + ("met" if worst < GOAL_MS else "NOT met")
    )


if __name__ == "__main__":
    main()
