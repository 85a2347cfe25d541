"""Front pages and listings become pages of links; articles with link boxes stay articles."""

from __future__ import annotations

import json
import re

import pytest

from support.paths import FIXTURE_DIR
from tuireader.body import article_body
from tuireader.extract.listing import page_of_links
from tuireader.extract.pipeline import extract_article
from tuireader.extract.stories import MAX_STORIES
from tuireader.formatting import text_origin
from tuireader.models import Article, Link

FIXTURES = FIXTURE_DIR / "extract"
FRONT_URL = "https://news.example.org/"


def extract(path: str, url: str = "https://news.example.org/listing") -> Article:
    return extract_article((FIXTURE_DIR / path).read_text(encoding="utf-8"), url)


def sections(article: Article) -> list[str]:
    return re.findall(r"^## (.+)$", article.markdown, re.M)


def headlines(article: Article) -> list[str]:
    return [link.text for link in article.body_links]


@pytest.fixture(scope="module")
def front() -> Article:
    return extract("site/front-page.html", FRONT_URL)


def test_front_page_is_a_page_of_links_by_section(front: Article) -> None:
    assert front.page_kind == "links"
    assert front.title == "The Harbour Gazette"
    assert sections(front) == ["Top stories", "Business", "Sport"]
    assert front.markdown.startswith(
        "News from the bay, every morning since 1898.\n\n"  # what the page says of itself
        "## Top stories\n\n"
        "- [Harbour bridge reopens after two years of repairs]"
        "(https://news.example.org/city/harbour-bridge-reopens)"
        " — Ferries go back to their winter timetable as cars return to the span.\n"
        "- [Night market moves to the old fish hall](https://news.example.org/city/night-market-moves)"
        " — Stallholders say the new hall keeps the rain off.\n"
        "- [Council votes on the east tram line tonight]"
        "(https://news.example.org/city/tram-line-vote)\n\n"
        "## Business\n\n"
    )
    assert text_origin(front) == "page of links: its headlines and links, by section"


def test_front_page_lists_each_story_once_and_no_chrome(front: Article) -> None:
    urls = [link.url for link in front.body_links]
    assert len(urls) == len(set(urls)) == 8  # the bridge story is also under Sport: listed once
    assert front.markdown.count("harbour-bridge-reopens") == 1
    # Its second place ends the card before it: no teaser runs on into it.
    assert front.markdown.endswith(
        "- [Harbour swim draws a record field](https://news.example.org/sport/harbour-swim)"
    )
    for chrome in ("Sign in", "Contact the newsroom", "Privacy policy", "social media", "City"):
        assert chrome not in front.markdown, chrome
    assert all(link.kind == "body" for link in front.body_links)
    assert front.related_links == () and front.lead_image is None


def test_front_page_numbers_are_the_body_link_numbers(front: Article) -> None:
    """The body pane numbers links in reading order: story n is link n, in the app and the text."""
    document = article_body(front)
    assert [(n, link.url) for n, link in document.links.items()] == [
        (n, link.url) for n, link in enumerate(front.body_links, 1)
    ]
    assert "2. Night market moves to the old fish hall — Stallholders say" in front.text
    assert "   https://news.example.org/city/night-market-moves" in front.text
    assert "8. Harbour swim draws a record field" in front.text


def test_section_front_sections_from_its_headings() -> None:
    world = extract("extract/listing-section-front.html")
    assert world.page_kind == "links"
    assert sections(world) == ["World", "Analysis"]  # headings wrapped in links are headlines
    assert headlines(world)[:2] == [
        "Three nations sign a treaty on the shared river",
        "Island nation goes to the polls early",
    ]
    assert len(world.body_links) == 6
    assert "Older stories" not in world.markdown and "Terms of service" not in world.markdown
    # The teaser is the card's paragraph, not its date.
    assert "— The accord sets out how much water each may draw in a dry summer.\n" in world.markdown


def test_search_results_page() -> None:
    results = extract("extract/listing-search-results.html")
    assert results.page_kind == "links"
    assert sections(results) == ["Search results for “tide tables”"]
    assert headlines(results) == [
        "Tide tables for the northern harbours, 2026",
        "How to read a tide table",
        "Spring and neap tides, a short guide",
        "A history of the harbour tide gauge",
        "Storm surge records since 1900",
        "Tide tables for the northern harbours, 2025",
    ]
    assert "Advanced search" not in results.markdown and "Next page" not in results.markdown


def test_forum_index_by_board() -> None:
    forum = extract("extract/listing-forum-index.html")
    assert forum.page_kind == "links"
    assert sections(forum) == ["Engines and rigging", "Moorings and marinas"]
    assert forum.body_links[0] == Link(
        "https://news.example.org/forum/t/101-outboard-stalls",
        "Outboard stalls when warm, any ideas?",
        "body",
    )
    assert len(forum.body_links) == 6
    # A row's other cells are its details, each apart from the next.
    assert "(https://news.example.org/forum/t/101-outboard-stalls) — by skipperjo 14\n" in (
        forum.markdown
    )
    assert "Log in" not in forum.markdown and "Rules of the forum" not in forum.markdown


def test_long_article_with_related_box_and_big_footer_stays_an_article() -> None:
    article = extract("extract/listing-long-article.html")
    assert article.page_kind == "article"
    assert article.text.startswith("The lighthouse keeper's cottage on the north point")
    assert "Seal colony count" not in article.markdown


def test_short_article_with_latest_news_stays_an_article() -> None:
    article = extract("extract/listing-short-article.html")
    assert article.page_kind == "article"
    assert article.text.startswith("The causeway to the north point was closed")


def teaser_page(og_type: str) -> str:
    cards = "".join(
        f'<article><h3><a href="/story/{n}">Story number {n} of the day</a></h3></article>'
        for n in range(8)
    )
    return (
        f'<html><head><title>Page</title><meta property="og:type" content="{og_type}"></head>'
        f"<body><main>{cards}</main></body></html>"
    )


def test_a_page_declared_an_article_is_never_a_page_of_links() -> None:
    """Its text may be behind a wall: the links around it do not make it a listing."""
    assert extract_article(teaser_page("website"), FRONT_URL).page_kind == "links"
    assert extract_article(teaser_page("article"), FRONT_URL).page_kind == "article"
    one = '{"@type": "NewsArticle", "headline": "Story number 0 of the day"}'
    declared = teaser_page("").replace(
        "</head>", f'<script type="application/ld+json">{one}</script></head>'
    )
    assert extract_article(declared, FRONT_URL).page_kind == "article"


def test_a_page_declaring_several_articles_is_a_listing_of_them() -> None:
    items = ", ".join(f'{{"@type": "NewsArticle", "headline": "Story {n}"}}' for n in range(3))
    page = teaser_page("").replace(
        "</head>", f'<script type="application/ld+json">[{items}]</script></head>'
    )
    assert extract_article(page, FRONT_URL).page_kind == "links"


def test_a_post_heading_linking_to_itself_is_no_story() -> None:
    """A blog post whose title links to its permalink, between links to the posts around it.

    Neither that link nor a bare URL in its text is a story: each would make the sixth."""
    others = "".join(
        f'<li><a href="/blog/post-{n}">An older post from the archive, number {n}</a></li>'
        for n in range(5)
    )
    html = (
        "<html><head><title>Club night petition</title></head><body><article>"
        '<h2><a href="/blog/club-night-petition">Club night petition</a></h2>'
        "<p>Clubs face higher fees next year. Sign the petition so the night goes on.</p>"
        '<p><a href="https://petition.example.net/club-nights">'
        "https://petition.example.net/club-nights</a></p>"
        f"</article><ul>{others}</ul></body></html>"
    )
    article = extract_article(html, "https://blog.example.org/blog/elsewhere")
    assert article.page_kind == "article"
    assert "Sign the petition" in article.text
    # The same post at its own URL, its heading's link worded unlike its title.
    html = html.replace(">Club night petition</a>", ">The petition for club nights, in full</a>")
    article = extract_article(html, "https://blog.example.org/blog/club-night-petition")
    assert article.page_kind == "article"


def test_only_http_links_are_listed_and_the_count_is_capped() -> None:
    """Past the cap, the stories not listed are no reason to call the page an article."""
    cards = "".join(
        f'<li><h3><a href="/s/{n}">Story number {n} of a very long listing</a></h3>'
        f"<p>The teaser of story {n}, a sentence long.</p></li>"
        for n in range(MAX_STORIES + 300)
    )
    bad = (
        '<li><h3><a href="javascript:alert(1)">A script pretending to be a story</a></h3></li>'
        '<li><h3><a href="mailto:desk@example.org">Write to the desk about stories</a></h3></li>'
    )
    html = f"<html><head><title>Archive</title></head><body><ul>{bad}{cards}</ul></body></html>"
    article = extract_article(html, FRONT_URL)
    assert article.page_kind == "links"
    assert len(article.body_links) == MAX_STORIES
    assert all(link.url.startswith("https://news.example.org/s/") for link in article.body_links)
    assert "javascript" not in article.markdown and "mailto" not in article.markdown


def test_page_text_in_headlines_is_escaped_markdown() -> None:
    cards = "".join(
        f'<li><h3><a href="/s/{n}">Story *{n}* with [brackets] and `ticks`</a></h3></li>'
        for n in range(7)
    )
    html = f"<html><head><title>Odd</title></head><body><ul>{cards}</ul></body></html>"
    article = extract_article(html, FRONT_URL)
    assert article.page_kind == "links"
    document = article_body(article)
    assert len(document.links) == 7
    assert document.links[1].text == "Story *0* with [brackets] and `ticks`"


def test_hidden_text_is_not_part_of_a_section_name_or_headline() -> None:
    cards = "".join(
        f'<li><a href="/s/{n}">Story number {n}<span class="visually-hidden"> (opens a video)'
        "</span></a></li>"
        for n in range(6)
    )
    html = (
        "<html><head><title>Videos</title></head><body><h2>More videos"
        '<span class="sr-only">, a list of six</span></h2>'
        f'<ul>{cards}</ul><p style="display:none">Hidden words of no use</p></body></html>'
    )
    article = extract_article(html, FRONT_URL)
    assert article.page_kind == "links"
    assert sections(article) == ["More videos"]
    assert headlines(article)[0] == "Story number 0"


def test_links_inside_one_huge_block_are_read_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """A page of thousands of links in one block reads that block's text once, not per link.

    Counted in characters read, which grow with the page and not with its square."""
    from tuireader.extract import stories

    read = 0  # characters of element text read
    real_text = stories.element_text

    def counted(el: object, limit: int = stories.TEXT_LIMIT) -> str:
        nonlocal read
        text = real_text(el, limit)
        read += len(text)
        return text

    monkeypatch.setattr(stories, "element_text", counted)
    inline = "".join(f'and <a href="/p/{n}">a link in running text {n}</a> ' for n in range(5000))
    html = f"<html><head><title>Long</title></head><body><div>{inline}</div></body></html>"
    article = extract_article(html, FRONT_URL)
    assert article.page_kind == "article"
    assert 0 < read < len(html)  # each link's text, and the block's once (per link: 5000 times)


def test_a_page_whose_article_is_in_its_script_data_stays_that_article() -> None:
    """A script-built story page: the HTML holds only links around it, the data the story."""
    paragraphs = "".join(
        f"<p>Paragraph {n} of the story read from the page data, long enough to be prose.</p>"
        for n in range(6)
    )
    data = {"props": {"pageProps": {"article": {"title": "Ferry news", "body": paragraphs}}}}
    cards = "".join(
        f'<li><h3><a href="/story/{n}">Another story of the day, number {n}</a></h3></li>'
        for n in range(8)
    )
    script = json.dumps(data).replace("</", "<\\/")
    html = (
        f"<html><head><title>Ferry news</title></head><body><ul>{cards}</ul>"
        f'<script id="__NEXT_DATA__" type="application/json">{script}</script></body></html>'
    )
    article = extract_article(html, FRONT_URL)
    assert article.text_from == "next-data" and article.page_kind == "article"
    assert extract_article(html.replace("__NEXT_DATA__", "other"), FRONT_URL).page_kind == "links"


def test_a_page_with_no_article_but_an_amp_version_is_left_to_it() -> None:
    amp = '<link rel="amphtml" href="https://news.example.org/amp/story">'
    page = teaser_page("").replace("</head>", f"{amp}</head>")
    article = extract_article(page, FRONT_URL)
    assert article.page_kind == "article" and not article.found
    assert article.amp_url == "https://news.example.org/amp/story"


def test_blog_home_of_post_excerpts() -> None:
    """Each post a card: its title, date and author, an excerpt, "Continue reading", a category."""
    excerpt = (
        "The excerpt of the post runs on for a while about what the post says, the way blog "
        "themes cut a post to its first words before a link that reads on, and then it stops. "
        "It is longer than most teasers on a news site, since a theme counts words and not "
        "lines, and a writer of long sentences gets long excerpts from it every time."
    )
    posts = "".join(
        f'<article class="post"><header><h2 class="entry-title"><a href="/2026/11/{n}/post/">'
        f"A post about tides and harbours, part {n}</a></h2><div class='entry-meta'>"
        f"<time>November {n}, 2026</time> by Ann</div></header><div class='entry-summary'>"
        f'<p>{excerpt} <a href="/2026/11/{n}/post/#more">Continue reading →</a></p></div>'
        f'<footer><a href="/category/tides/">Tides</a> <a href="/2026/11/{n}/post/#c">'
        "3 Comments</a></footer></article>"
        for n in range(1, 9)
    )
    html = (
        "<html><head><title>Harbour Notes</title></head><body>"
        f'<main>{posts}<div class="nav-links"><a href="/page/2/">Older posts</a></div></main>'
        "</body></html>"
    )
    home = extract_article(html, "https://blog.example.org/")
    assert home.page_kind == "links"
    assert len(home.body_links) == 8
    first = home.markdown.split("\n")[2]
    assert first.startswith(
        "- [A post about tides and harbours, part 1](https://blog.example.org/2026/11/1/post/) — "
        "The excerpt of the post runs on"
    )
    assert first.endswith("since a theme counts…")  # clipped at TEASER_LIMIT


def test_link_rows_under_each_headline_belong_to_it() -> None:
    """A table of ranked links, each followed by a row of details (points, author, comments)."""
    rows = "".join(
        f'<tr><td>{n}.</td><td><a href="https://site{n}.example.com/a">A tool that does thing '
        f"number {n}</a> (site{n}.example.com)</td></tr><tr><td></td><td>{n * 7} points by "
        f'<a href="/user?id=u{n}">u{n}</a> <a href="/item?id={n}">3 hours ago</a> | '
        f'<a href="/item?id={n}">{n} comments</a></td></tr>'
        for n in range(1, 31)
    )
    html = f"<html><head><title>Tech News</title></head><body><table>{rows}</table></body></html>"
    news = extract_article(html, "https://tech.example.org/news")
    assert news.page_kind == "links"
    assert headlines(news)[:2] == [
        "A tool that does thing number 1",
        "A tool that does thing number 2",
    ]
    assert len(news.body_links) == 30  # no "3 hours ago": a date is not a headline


def test_headlines_and_teasers_side_by_side_without_a_card() -> None:
    """<h3> then <p>, over and over, with no element around each pair."""
    items = "".join(
        f'<h3><a href="/s/{n}">Headline number {n} of the day</a></h3>'
        f"<p>The teaser under headline {n}, a sentence about the story it leads to.</p>"
        for n in range(8)
    )
    html = f"<html><head><title>News</title></head><body><div>{items}</div></body></html>"
    page = extract_article(html, FRONT_URL)
    assert page.page_kind == "links"
    assert "[Headline number 0 of the day](https://news.example.org/s/0) — The teaser under" in (
        page.markdown
    )


def test_a_page_with_prose_of_its_own_is_an_article_whatever_was_extracted() -> None:
    """The extractor may take a page's teasers for its text; the page's own paragraphs say it has
    an article, and a wrong article is better fixed there than shown as a list."""
    teasers = "".join(
        f'<li><h3><a href="/s/{n}">Another story of the day, number {n}</a></h3>'
        f"<p>A short teaser for story {n}.</p></li>"
        for n in range(8)
    )
    prose = "".join(
        f"<p>Paragraph {n} of the page's own article, written out in full sentences, long "
        "enough to read as prose and not as a label or a teaser under a headline.</p>"
        for n in range(4)
    )
    html = (
        "<html><head><title>A page</title></head>"
        f"<body><div>{prose}</div><ul>{teasers}</ul></body></html>"
    )
    teaser_text = "\n\n".join(
        f"Another story of the day, number {n}\n\nA short teaser for story {n}." for n in range(8)
    )
    taken = Article(title="A page", text=teaser_text, word_count=200)
    assert page_of_links(html, FRONT_URL, taken) is None
    without_prose = html.replace(prose, "")
    assert page_of_links(without_prose, FRONT_URL, taken) is not None


def test_a_link_at_the_end_of_a_short_article_does_not_make_it_a_card() -> None:
    """A card opens with its headline: an article block ending in a "Further reading" link is
    that article, not the card of the link, however short it is."""
    prose = (
        "Nobody likes conflict, and yet we meet it every day, at work and at home. Talking is "
        "one of the hardest things we do, full of traps we walk into again and again. Here is "
        "one simple way through a difficult conversation, in three steps anyone can learn."
    )
    others = "".join(
        f'<li><a href="/news/{n}">Another news story of the week, number {n}</a></li>'
        for n in range(5)
    )
    html = (
        "<html><head><title>Difficult talks</title></head><body><div class='post'>"
        f"<h1>Difficult talks</h1><p>{prose}</p><p>Further reading: "
        '<a href="https://other.example.net/lead">Personal leadership in five steps</a></p>'
        f"</div><ul>{others}</ul></body></html>"
    )
    article = extract_article(html, "https://news.example.org/talks")
    assert article.page_kind == "article"
    assert article.text.startswith("Nobody likes conflict")


def test_a_line_of_links_in_the_extracted_text_is_not_its_own_prose() -> None:
    """Topic links in a row ("World · Business · ...") are navigation the extractor kept."""
    stories = "".join(
        f'<li><h3><a href="/s/{n}">Story number {n} of the day</a></h3></li>' for n in range(8)
    )
    topics = [f"Topic area {n}" for n in range(16)]
    row = " · ".join(f'<a href="/topic/{n}">{topic}</a>' for n, topic in enumerate(topics))
    html = (
        f"<html><head><title>Today</title></head><body><ul>{stories}</ul><p>{row}</p></body></html>"
    )
    text = "\n".join(f"Story number {n} of the day" for n in range(8)) + "\n" + " · ".join(topics)
    links = tuple(
        Link(f"https://news.example.org/topic/{n}", topic) for n, topic in enumerate(topics)
    )
    taken = Article(title="Today", text=text, body_links=links, word_count=60)
    assert page_of_links(html, FRONT_URL, taken) is not None


def test_teaser_words_stay_apart() -> None:
    cards = "".join(
        f'<li><a href="/s/{n}">Story number {n} of the day</a>'
        f"<div>The teaser of story {n}</div>{n} comments"
        f'<div><a href="/s/{n}#more">Continue reading this story</a></div></li>'
        for n in range(6)
    )
    html = f"<html><head><title>Day</title></head><body><ul>{cards}</ul></body></html>"
    page = extract_article(html, FRONT_URL)
    assert page.page_kind == "links"
    assert "— The teaser of story 0 0 comments\n" in page.markdown
    assert len(page.body_links) == 6  # "Continue reading" is no story of its own


def test_a_paywalled_article_is_not_its_links_and_a_consent_overlay_hides_none() -> None:
    walled = teaser_page("").replace("<main>", '<div class="paywall">Subscribe to read</div><main>')
    article = extract_article(walled, FRONT_URL)
    assert article.page_kind == "article" and article.wall == "paywall"
    overlay = teaser_page("").replace(
        "<main>", '<div id="onetrust-consent-sdk">Cookies?</div><main>'
    )
    assert extract_article(overlay, FRONT_URL).page_kind == "links"
