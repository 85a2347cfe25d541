"""--dump renderers: page text stays data in Markdown, plain text and JSON."""

from __future__ import annotations

import json

from tuireader.models import Article, CacheState, Image, Link, PageInfo, Reading
from tuireader.reading.export import as_json, as_markdown, as_text

HOSTILE = "Kim (left) *meets* [Putin] <b>\x1b[31m\x9b2J\u202e"


def reading(**article: object) -> Reading:
    page = PageInfo(url="https://example.org/a", final_url="https://example.org/a>b")
    return Reading(Article(**article), page, CacheState.CACHED)  # type: ignore[arg-type]


def test_markdown_escapes_markup_but_not_plain_punctuation() -> None:
    out = as_markdown(reading(title=HOSTILE, lead_image=Image(caption="Kim (left).")))
    title = out.splitlines()[0]
    assert title.startswith("# Kim (left) \\*meets\\* \\[Putin\\] \\<b\\>")
    assert "> Kim (left)." in out
    assert "\x1b" not in out and "\x9b" not in out and "\u202e" not in out


def test_markdown_link_destinations_cannot_break_out() -> None:
    related = (Link("https://example.org/x>y\n", "Next [one]", "related"),)
    out = as_markdown(reading(title="T", related_links=related))
    assert "- [Next \\[one\\]](<https://example.org/x%3Ey>)" in out
    assert out.rstrip().endswith("Source: <https://example.org/a%3Eb>")


def test_text_drops_controls_and_keeps_the_words() -> None:
    out = as_text(reading(title=HOSTILE, text="Para\x07graph one.\n\nTwo."))
    assert out.splitlines()[0] == "Kim (left) *meets* [Putin] <b> [31m 2J"
    assert "Paragraph one.\n\nTwo." in out
    assert not any(ord(c) < 32 and c != "\n" for c in out)


def test_json_round_trips_and_escapes_what_a_terminal_would_act_on() -> None:
    out = as_json(reading(title=HOSTILE))
    assert "\x1b" not in out and "\x9b" not in out and "\u202e" not in out
    assert json.loads(out)["article"]["title"] == HOSTILE


def test_titles_lose_a_trailing_or_leading_site_name() -> None:
    from tuireader.formatting import short_title

    assert short_title("How to Build a Terrarium | eHow", "eHow") == "How to Build a Terrarium"
    assert short_title("BBC News - Storm hits coast", "BBC News") == "Storm hits coast"
    assert short_title("Q&A: the vote | a guide", "Other") == "Q&A: the vote | a guide"
    assert short_title("eHow", "eHow") == "eHow"
    out = as_markdown(reading(title="Storm hits – The Gazette", site_name="The Gazette"))
    assert out.startswith("# Storm hits\n")


def test_first_sentence_for_previews() -> None:
    from tuireader.formatting import first_sentence

    assert first_sentence("The harbour woke to fog. Boats waited.") == "The harbour woke to fog."
    assert first_sentence("“We plan around fog.” Lind said so.") == "“We plan around fog.”"
    assert first_sentence("Dr. no split here? yes") == "Dr. no split here? yes"
    assert first_sentence("word " * 100, limit=30).endswith("…")
    assert len(first_sentence("word " * 100, limit=30)) <= 30
    assert first_sentence("") == ""
