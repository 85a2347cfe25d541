"""Pages built by scripts: the article read from JSON-LD, Next.js or Nuxt data, never evaluated."""

from __future__ import annotations

import json
import re

from tuireader.extract.metadata import Metadata
from tuireader.extract.pipeline import extract_article
from tuireader.extract.scripted import MAX_SCRIPT_CHARS, Payload, from_scripts
from tuireader.models import Article

URL = "https://news.example.org/2025/06/harbour-ferry"
PARAGRAPHS = [
    "The harbour ferry will run every twenty minutes from Monday, the council said on Tuesday,"
    " after a year in which queues at the north pier grew longer each summer.",
    "Skippers had asked for a second boat since the spring, and the council found the money in"
    " a fund set aside for the sea wall, which came in under budget.",
    "Residents on the island side said the change would let children reach the school before"
    " the first bell without taking the early crossing in the dark.",
]
SHELL = (
    "<html><head><title>Harbour ferry to run more often | Example News</title>{head}</head>"
    '<body><div id="app"></div><noscript>Please enable JavaScript.</noscript>{body}</body></html>'
)


def shell(head: str = "", body: str = "") -> str:
    return SHELL.format(head=head, body=body)


def script(data: object, **attrs: str) -> str:
    names = "".join(f' {name.replace("_", "-")}="{value}"' for name, value in attrs.items())
    text = json.dumps(data).replace("</", "<\\/")
    return f"<script{names}>{text}</script>"


def news_article(body: str) -> dict[str, object]:
    return {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "Harbour ferry to run more often",
        "author": {"@type": "Person", "name": "Jane Doe"},
        "articleBody": body,
    }


def test_jsonld_article_body_as_paragraphs() -> None:
    head = script(news_article("\n\n".join(PARAGRAPHS)), type="application/ld+json")
    article = extract_article(shell(head), URL)
    assert article.text_from == "json-ld"
    assert article.text.split("\n\n") == PARAGRAPHS
    assert article.found and article.title == "Harbour ferry to run more often"
    assert "enable JavaScript" not in article.text


def next_page(body_html: str, page_body: str = "") -> str:
    data = {
        "props": {
            "pageProps": {
                "article": {
                    "title": "Harbour ferry to run more often",
                    "summary": "More boats.",
                    "body": body_html,
                },
                "navigation": [{"text": "Home"}, {"text": "Local news"}],
            }
        },
        "page": "/[year]/[month]/[slug]",
        "buildId": "abc123",
    }
    return shell(body=page_body + script(data, id="__NEXT_DATA__", type="application/json"))


NEXT_BODY = (
    f"<p>{PARAGRAPHS[0]}</p><h2>What changes</h2>"
    f'<p>{PARAGRAPHS[1]} Read <a href="/timetable">the new timetable</a> or '
    f'<a href="javascript:alert(1)">this</a>, <em>in full</em>.</p>'
    f"<script>document.title='x'</script><p>{PARAGRAPHS[2]}</p>"
)


def test_next_data_html_body_keeps_paragraphs_links_and_emphasis() -> None:
    article = extract_article(next_page(NEXT_BODY), URL)
    assert article.text_from == "next-data"
    assert "## What changes" in article.markdown
    assert "[the new timetable](https://news.example.org/timetable)" in article.markdown
    assert "*in full*" in article.markdown
    assert [link.url for link in article.body_links] == ["https://news.example.org/timetable"]
    assert "alert(1)" not in article.markdown and "document.title" not in article.text
    assert article.text.startswith(PARAGRAPHS[0])
    assert article.text.endswith(PARAGRAPHS[2])


def test_html_article_is_kept_when_it_holds_the_text() -> None:
    shown = "<article>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</article>"
    article = extract_article(next_page(NEXT_BODY, shown), URL)
    assert article.text_from == ""
    assert article.text.split("\n\n") == PARAGRAPHS


def test_much_more_text_in_the_data_than_in_a_teaser() -> None:
    teaser = f"<article><p>{PARAGRAPHS[0]}</p></article>"
    long_body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS * 2)
    assert extract_article(next_page(long_body, teaser), URL).text_from == "next-data"


def nuxt_table(body: object) -> list[object]:
    """A Nuxt 3 payload as devalue writes it: objects point at their values by index."""
    return [
        ["ShallowReactive", 1],
        {"data": 2, "state": 8},
        ["ShallowReactive", 3],
        {"article-harbour-ferry": 4},
        {"title": 5, "content": 6, "author": 7},
        "Harbour ferry to run more often",
        body,
        "Jane Doe",
        {"menu": 9},
        "Read more stories about the harbour and the town around it",
    ]


def test_nuxt_data_payload() -> None:
    table = nuxt_table("\n".join(PARAGRAPHS))
    html = shell(body=script(table, type="application/json", id="__NUXT_DATA__"))
    article = extract_article(html, URL)
    assert article.text_from == "nuxt"
    assert article.text.split("\n\n") == PARAGRAPHS


def test_nuxt_assignment_read_as_json_but_never_run_as_script() -> None:
    data = {"layout": "article", "data": [{"post": {"bodyHtml": NEXT_BODY}}]}
    serialised = json.dumps(data).replace("<", "\\u003C")  # as Nuxt writes it
    literal = f"<script>window.__NUXT__={serialised};</script>"
    article = extract_article(shell(body=literal), URL)
    assert article.text_from == "nuxt"
    assert article.text.startswith(PARAGRAPHS[0])
    # The minified form is a function call: JavaScript, not data, so it is left alone.
    call = (
        '<script>window.__NUXT__=(function(a,b){return {data:[{body:"'
        + PARAGRAPHS[0]
        + '"}]}}(1,2));</script>'
    )
    skipped = extract_article(shell(body=call), URL)
    assert skipped.text_from == "" and not skipped.found


def test_structured_body_blocks_join_in_order() -> None:
    blocks = [
        {"type": "paragraph", "children": [{"text": p}], "id": str(i)}
        for i, p in enumerate(PARAGRAPHS)
    ]
    data = {"props": {"pageProps": {"story": {"content": blocks}}}}
    html = shell(body=script(data, id="__NEXT_DATA__", type="application/json"))
    article = extract_article(html, URL)
    assert article.text_from == "next-data"
    assert article.text.split("\n\n") == PARAGRAPHS


def test_markup_and_escapes_in_article_body_stay_text() -> None:
    body = (
        PARAGRAPHS[0] + " \x1b[2J\x1b]8;;http://evil.example/\x07 [bold red]loud[/bold red] *x*"
        "\n\n&lt;script&gt;alert(1)&lt;/script&gt; " + PARAGRAPHS[1]
    )
    head = script(news_article(body), type="application/ld+json")
    article = extract_article(shell(head), URL)
    assert article.text_from == "json-ld"
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f]", article.text + article.markdown)
    assert "[bold red]loud[/bold red]" in article.text
    assert "\\*x\\*" in article.markdown  # Markdown in page text is escaped, not obeyed
    assert "<script>alert(1)</script>" in article.text  # a plain-text body's words, as written


def test_escaped_html_body_is_read_as_html() -> None:
    escaped = "".join(f"&lt;p&gt;{p}&lt;/p&gt;" for p in PARAGRAPHS)
    head = script(news_article(escaped), type="application/ld+json")
    article = extract_article(shell(head), URL)
    assert article.text.split("\n\n") == PARAGRAPHS
    assert "<p>" not in article.text


def test_huge_payload_is_not_read() -> None:
    filler = "x" * MAX_SCRIPT_CHARS
    data = {"props": {"pageProps": {"filler": filler, "article": {"body": NEXT_BODY}}}}
    html = shell(body=script(data, id="__NEXT_DATA__", type="application/json"))
    assert extract_article(html, URL).text_from == ""
    small = {"props": {"pageProps": {"filler": "x", "article": {"body": NEXT_BODY}}}}
    html = shell(body=script(small, id="__NEXT_DATA__", type="application/json"))
    assert extract_article(html, URL).text_from == "next-data"


def test_deeply_nested_payloads_do_not_break_extraction() -> None:
    deep = "[" * 200_000 + "]" * 200_000
    html = shell(body=f'<script id="__NEXT_DATA__" type="application/json">{deep}</script>')
    article = extract_article(html, URL)
    assert article.text_from == "" and not article.found
    nested: object = {"body": "\n\n".join(PARAGRAPHS)}
    for _ in range(500):  # parses as JSON, but the body lies deeper than the walk goes
        nested = {"child": nested}
    html = shell(body=script(nested, id="__NEXT_DATA__", type="application/json"))
    assert extract_article(html, URL).text_from == ""
    table: list[object] = [[i + 1] for i in range(5000)] + [{"body": 5001}, PARAGRAPHS[0]]
    payload = Payload("nuxt", json.dumps(table), devalue=True)
    # Called directly, so that a walk too deep would raise here rather than be caught above.
    assert from_scripts(Article(), [payload], Metadata(), URL, URL) == Article()


def test_nuxt_table_shared_many_times_over_is_bounded() -> None:
    # Each entry lists the next one twice: unfolded, 2**60 values; the walk stops at its budget.
    table: list[object] = [[i + 1, i + 1] for i in range(60)] + [{"body": 61}, PARAGRAPHS[0]]
    payload = Payload("nuxt", json.dumps(table), devalue=True)
    article = from_scripts(Article(), [payload], Metadata(), URL, URL)
    assert article.text_from == "nuxt" and article.text == PARAGRAPHS[0]


def test_nuxt_table_that_points_at_itself_ends() -> None:
    table: list[object] = [{"page": 1, "body": 2}, {"again": 0, "more": 1}, "\n".join(PARAGRAPHS)]
    html = shell(body=script(table, id="__NUXT_DATA__", type="application/json"))
    article = extract_article(html, URL)
    assert article.text_from == "nuxt" and article.text.split("\n\n") == PARAGRAPHS


def amp_page(href: str) -> str:
    return shell(f'<link rel="amphtml" href="{href}">')


def test_amp_url_is_resolved_and_only_http() -> None:
    assert extract_article(amp_page("/amp/2025/06/harbour-ferry"), URL).amp_url == (
        "https://news.example.org/amp/2025/06/harbour-ferry"
    )
    assert extract_article(amp_page("//amp.example.org/a"), URL).amp_url == (
        "https://amp.example.org/a"
    )
    for href in ("file:///etc/passwd", "javascript:alert(1)", "ftp://example.org/a", "data:,x"):
        assert extract_article(amp_page(href), URL).amp_url == ""
