"""Which text is the body: general selection and cleaning rules, on small hand-written pages."""

from __future__ import annotations

import html
import json

from tuireader.extract.pipeline import extract_article

_SENTENCE = "The committee met on Tuesday, and the members, after a long debate, agreed on a plan."


def _paragraphs(word: str, count: int) -> str:
    return "".join(f"<p>{word} {i}: {_SENTENCE}</p>" for i in range(count))


def _page(main: str, aside: str = "") -> str:
    return (
        "<html><head><title>Thread</title></head><body>"
        f"<div class='layout'><div class='thread'>{main}</div>{aside}</div></body></html>"
    )


def test_every_part_of_a_series_of_like_blocks_is_kept() -> None:
    parts = "".join(
        f"<section class='part'><h2>Part {n}</h2>"
        f"<div class='part-body'>{_paragraphs(word, count)}</div></section>"
        for n, (word, count) in enumerate((("Opening", 8), ("Reply", 3), ("Answer", 3)))
    )
    article = extract_article(_page(parts), "https://forum.example.org/t/1")
    for word in ("Opening 7", "Reply 2", "Answer 2"):
        assert word in article.text


def test_a_small_block_of_the_same_kind_is_not_part_of_the_series() -> None:
    parts = "".join(
        f"<section class='part'><h2>{word}</h2>"
        f"<div class='part-body'>{_paragraphs(word, count)}</div></section>"
        for word, count in (("Story", 8), ("Teaser", 2), ("Promo", 1))
    )
    article = extract_article(_page(parts), "https://news.example.org/a/1")
    assert "Story 7" in article.text
    assert "Teaser" not in article.text


def _article(tail: str) -> str:
    return (
        "<html><body><article><h1>Der Plan</h1>"
        f"{_paragraphs('Absatz', 5)}{tail}</article></body></html>"
    )


def test_a_related_box_headed_in_german_goes_to_related_links() -> None:
    box = (
        "<div class='box'><h3>Weitere Artikel zum Thema</h3><ul>"
        "<li><a href='/a/2'>Ein anderer Plan wird vorgestellt</a> Kurz erklärt.</li>"
        "<li><a href='/a/3'>Noch ein Plan für die Stadt</a> Mit Karte.</li></ul></div>"
    )
    article = extract_article(_article(box), "https://news.example.org/a/1")
    assert "Weitere Artikel" not in article.text
    assert "anderer Plan" not in article.text
    assert [link.url for link in article.related_links] == [
        "https://news.example.org/a/2",
        "https://news.example.org/a/3",
    ]


def test_a_related_label_left_alone_at_the_end_goes() -> None:
    article = extract_article(
        _article("<p>Das könnte Sie auch interessieren:</p>"), "https://news.example.org/a/1"
    )
    assert article.text.endswith("agreed on a plan.")


def test_a_related_heading_goes_with_the_list_of_links_it_heads() -> None:
    long_teaser = " ".join(["Ein langer Anreißer über einen anderen Plan der Stadt"] * 4)
    items = "".join(f"<li><a href='/b/{n}'>{long_teaser} {n}</a></li>" for n in range(3))
    article = extract_article(
        _article(f"<h2>Verwandte Themen</h2><ul>{items}</ul>"), "https://news.example.org/a/1"
    )
    assert article.text.endswith("agreed on a plan.")


def test_a_span_named_like_content_does_not_beat_the_article() -> None:
    info = "".join(
        f"<li><span class='post-info'>{line}</span></li>"
        for line in ("Published on the eighth of March 2023 at noon", "Filed in the city news")
    )
    page = (
        f"<html><body><div class='layout'><div class='meta'><ul>{info}</ul></div>"
        "<div class='text'><p>One short opening line of the story.</p>"
        "<p>A second line, with a comma.</p><p>A third, plain line of the story.</p>"
        "</div></div></body></html>"
    )
    article = extract_article(page, "https://news.example.org/a/1")
    assert article.text.startswith("One short opening line")


def test_a_post_held_in_a_script_template_is_read() -> None:
    post = "".join(
        f"<p>Line {n} of the post, which the page's script would insert.</p>" for n in range(6)
    )
    page = (
        "<html><body><div class='post'><h2>A post</h2><div class='post-body'>"
        f"<script type='text/template'>{post}</script></div></div>"
        "<div class='sidebar-about'><p>About this blog: notes from a small team.</p></div>"
        "</body></html>"
    )
    article = extract_article(page, "https://blog.example.org/2020/05/post")
    assert "Line 0 of the post" in article.text
    assert "Line 5 of the post" in article.text


def test_a_template_of_data_is_not_read_as_html() -> None:
    data = '{"type": "Quote", "quote": "<p>' + "A quoted line of the piece. " * 10 + '</p>"}'
    page = _article(f"<div id='quote'><script type='text/template'>{data}</script></div>")
    article = extract_article(page, "https://news.example.org/a/1")
    assert '"type"' not in article.text


def test_the_standfirst_in_an_articles_header_is_kept_and_the_rest_of_it_goes() -> None:
    standfirst = (
        "The council chose a plan for the old stone bridge, and the work starts in the spring."
    )
    page = (
        "<html><body><article><header><div class='kicker'>City</div><h1>The bridge</h1>"
        f"<div class='summary'>{standfirst}</div>"
        "<p>By Jane Roe, with reporting by a colleague from the city desk and the photo desk,"
        " on Monday.</p>"
        "<time>4 March 2024</time></header>"
        f"<div class='text'>{_paragraphs('Body', 5)}</div></article></body></html>"
    )
    article = extract_article(page, "https://news.example.org/a/1")
    assert article.text.startswith(standfirst)
    assert "Jane Roe" not in article.text
    assert "City" not in article.text


def test_a_heading_between_two_parts_of_the_article_is_kept() -> None:
    page = (
        "<html><body><div class='layout'><article><h1>Plan</h1>"
        f"<div class='part'>{_paragraphs('First', 6)}</div>"
        "<h3>The second part</h3>"
        f"<div class='part'>{_paragraphs('Second', 4)}</div>"
        "</article><div class='aside-box'><p>Other pages of the site, listed here.</p></div>"
        "</div></body></html>"
    )
    md = extract_article(page, "https://news.example.org/a/1").markdown
    assert "## The second part\n\nSecond 0:" in md


def test_a_caption_standing_as_a_paragraph_is_rendered_as_a_caption() -> None:
    page = _article(
        "<p>Abbildung 2: Die alte Brücke im Winter, von Norden gesehen.</p>"
        "<p>The mayor at the bridge on Monday. © Example Agency / A. Person</p>"
        "<p>The notice of the text itself. © 2003 Jane Roe</p>"
    )
    article = extract_article(page, "https://news.example.org/a/1")
    assert "Abbildung" not in article.text
    assert "Example Agency" not in article.text
    assert "*Abbildung 2: Die alte Brücke im Winter, von Norden gesehen.*" in article.markdown
    assert "© 2003 Jane Roe" in article.text


def test_chrome_lines_in_german_and_french_go() -> None:
    chrome = (
        "- Anzeige -",
        "Rezept drucken",
        "Keine Kommentare",
        "zurück zur Übersicht",
        "Imprimer",
    )
    page = _article("".join(f"<p>{line}</p>" for line in chrome))
    article = extract_article(page, "https://news.example.org/a/1")
    assert article.text.endswith("agreed on a plan.")


def test_a_see_also_line_in_spanish_goes_to_related_links() -> None:
    line = "<p><strong>VEA TAMBIÉN: <a href='/b/9'>Otro plan para el puente viejo</a></strong></p>"
    article = extract_article(_article(line), "https://news.example.org/a/1")
    assert "VEA" not in article.text
    assert [link.url for link in article.related_links] == ["https://news.example.org/b/9"]


def _posts(count: int) -> str:
    text = "I tried that on my phone, and after the update, it still would not connect at all."
    return "".join(
        f"<div class='comment'><span class='who'>user{n}</span>"
        f"<div class='comment-text'>Post {n}: {text} {text}</div></div>"
        for n in range(count)
    )


def test_a_thread_whose_posts_are_named_comments_is_read() -> None:
    page = (
        "<html><body><aside><a href='/t/2'>Another thread</a></aside><main>"
        f"<h2>No store over mobile data</h2>{_posts(4)}</main></body></html>"
    )
    article = extract_article(page, "https://forum.example.org/t/1")
    assert "Post 0:" in article.text
    assert "Post 3:" in article.text


def test_comments_under_an_article_still_go() -> None:
    long = "".join(f"<p>Part {n}: {_SENTENCE} {_SENTENCE}</p>" for n in range(4))
    page = _page(f"<article>{long}<section class='comments'>{_posts(6)}</section></article>")
    article = extract_article(page, "https://news.example.org/a/1")
    assert "Post" not in article.text


def test_an_article_carried_in_script_props_is_read_when_the_page_shows_nothing() -> None:
    steps = [{"text": f"<p>Step {n}: {_SENTENCE}</p>"} for n in range(5)]
    other = [{"text": f"<p>Other {n}: {_SENTENCE} {_SENTENCE}</p>"} for n in range(6)]
    props = {
        "project": {"title": "How to sew a round tablecloth", "steps": steps},
        "nextProject": {"title": "How to clean a chalkboard wall", "steps": other},
    }
    page = (
        "<html><head><title>How to sew a round tablecloth | Example</title></head><body>"
        f"<div data-react-props='{html.escape(json.dumps(props), quote=True)}'></div>"
        "</body></html>"
    )
    article = extract_article(page, "https://diy.example.org/p/1")
    assert "Step 0:" in article.text
    assert "Step 4:" in article.text
    assert "Other" not in article.text


def test_notices_about_the_page_go() -> None:
    notices = (
        "<p><em>Anzeige, enthält Affiliate Links</em></p>",
        "<p>Follow The Example Post on Twitter and Instagram for more stories like this one.</p>",
        "<p>Get the latest news straight to your phone with our free app.</p>",
    )
    article = extract_article(_article("".join(notices)), "https://news.example.org/a/1")
    assert article.text.endswith("agreed on a plan.")


def test_a_date_line_in_german_goes() -> None:
    page = _article("").replace(
        "<h1>Der Plan</h1>", "<h1>Der Plan</h1><p>Publiziert: 03.04.2020</p>"
    )
    article = extract_article(page, "https://news.example.org/a/1")
    assert article.text.startswith("Absatz 0")


def test_the_standfirst_in_the_header_of_the_main_content_is_kept() -> None:
    standfirst = (
        "The council chose a plan for the old stone bridge, and the work starts in the spring."
    )
    page = (
        f"<html><body><main><header><h1>The bridge</h1><p>{standfirst}</p></header>"
        f"<div class='text'>{_paragraphs('Body', 5)}</div></main></body></html>"
    )
    article = extract_article(page, "https://news.example.org/a/1")
    assert article.text.startswith(standfirst)


def test_a_share_box_goes_with_its_label() -> None:
    links = "".join(
        f"<li><a href='https://{name}.example.net/share?u=1'>{name}</a></li>"
        for name in ("Twitter", "Facebook", "E-Mail")
    )
    page = _article(
        f"<h4>Teilen Sie dies mit:</h4><ul>{links}</ul><p>Gefällt mir Wird geladen...</p>"
    )
    article = extract_article(page, "https://news.example.org/a/1")
    assert article.text.endswith("agreed on a plan.")


def test_an_h1_that_shares_no_word_with_the_title_heads_a_part() -> None:
    page = (
        "<html><head><title>About us</title></head><body><article>"
        f"<h1>Career so far</h1>{_paragraphs('Line', 4)}</article></body></html>"
    )
    article = extract_article(page, "https://blog.example.org/about")
    assert article.markdown.startswith("## Career so far")


def test_an_h1_like_the_title_is_the_headline_and_goes() -> None:
    page = (
        "<html><head><title>Career so far | Example blog</title></head><body><article>"
        f"<h1>Career so far</h1>{_paragraphs('Line', 4)}</article></body></html>"
    )
    article = extract_article(page, "https://blog.example.org/about")
    assert article.markdown.startswith("Line 0")


def test_a_lead_named_as_such_before_the_articles_container_is_kept() -> None:
    lead = "The council chose a plan for the old stone bridge, and the work starts in the spring."
    page = (
        "<html><body><div class='wrap'><p class='crumbs'><a href='/'>Home</a></p>"
        f"<h2>The bridge</h2><div class='leader'><p>{lead}</p></div>"
        f"<div class='container'><div class='columns'>{_paragraphs('Body', 6)}</div></div>"
        "</div></body></html>"
    )
    article = extract_article(page, "https://news.example.org/a/1")
    assert article.text.startswith(lead)
    assert "Body 5" in article.text


def test_a_box_before_the_article_not_named_as_a_lead_stays_out() -> None:
    note = "The council's other plans for the city, and the people who make them, in one place."
    page = (
        f"<html><body><div class='wrap'><div class='notice'><p>{note}</p></div>"
        f"<div class='container'><div class='columns'>{_paragraphs('Body', 6)}</div></div>"
        "</div></body></html>"
    )
    article = extract_article(page, "https://news.example.org/a/1")
    assert "other plans" not in article.text
    assert "Body 5" in article.text


def test_a_list_in_a_box_named_content_gives_way_to_the_prose_around_it() -> None:
    items = "".join(
        f"<div class='item'><p>Flour, water and a pinch of salt, {i}</p><p>200 g</p></div>"
        for i in range(8)
    )
    steps = "".join(
        f"<div class='step'><div class='info'><h3>Step {i}</h3><p>{_SENTENCE}</p></div></div>"
        for i in range(5)
    )
    page = (
        "<html><body><div class='recipe'><div class='things'><h2>Things</h2>"
        f"<div class='list-content'>{items}</div></div><div class='steps'>{steps}</div>"
        "</div><div class='foot'><a href='/'>Home</a></div></body></html>"
    )
    article = extract_article(page, "https://food.example.org/r/1")
    assert "Step 4" in article.text
    assert "pinch of salt, 7" in article.text


def test_lines_about_the_page_or_the_site_go_and_the_article_stays() -> None:
    notices = [
        "Externer Inhalt",
        "Wir respektieren deine Privatsphäre und laden den Beitrag erst nach deiner Zustimmung.",
        "Dieser Eintrag wurde veröffentlicht in Allgemein und verschlagwortet mit Brücke.",
        "This entry was posted in News by Jane Roe. Bookmark the permalink.",
        "Verfasst von: Jane Roe | 31. Dezember 2008",
        "Para comentar debes registrarte y completar tus datos.",
        "Wir freuen uns über Ihren Besuch. Wir verwenden Cookies auf dieser Seite.",
        "IMPRESSUM | DATENSCHUTZ | KONTAKT",
    ]
    kept = "Wir verwenden Beton und Stahl für die neue Brücke, und sie hält hundert Jahre."
    page = _article("".join(f"<p>{line}</p>" for line in [*notices, kept]))
    text = extract_article(page, "https://news.example.org/a/1").text
    assert kept in text
    for line in notices:
        assert line not in text


def test_a_row_of_a_table_inside_the_article_gives_way_to_the_article() -> None:
    cell = "".join(f"<span>Cell {i}: {_SENTENCE}</span> " for i in range(6))
    page = (
        "<html><body><div class='layout'><div class='story'>"
        f"<p>Before the table: {_SENTENCE}</p><p>Also before: {_SENTENCE}</p>"
        f"<table><tbody><tr><td>{cell}</td><td>{cell}</td></tr><tr><td>A note</td></tr></tbody>"
        "</table>"
        f"<p>After the table: {_SENTENCE}</p></div>"
        "<div class='aside-box'><p>Other pages of the site, listed here.</p></div>"
        "</div></body></html>"
    )
    text = extract_article(page, "https://news.example.org/a/1").text
    assert "Cell 5" in text
    assert "Before the table" in text
    assert "After the table" in text


def test_in_a_stack_of_articles_loaded_on_scroll_the_first_is_the_pages() -> None:
    def block(word: str, count: int) -> str:
        return (
            f"<div class='scrollblock'><article class='entry'><h1>{word}</h1>"
            f"<div class='entry-text'>{_paragraphs(word, count)}</div></article></div>"
        )

    page = (
        "<html><body><main><div class='column'>"
        f"{block('First', 3)}{block('Second', 2)}{block('Third', 9)}"
        "</div></main></body></html>"
    )
    text = extract_article(page, "https://news.example.org/a/1").text
    assert "First 2" in text
    assert "Third" not in text
    assert "Second" not in text


def test_the_key_points_listed_in_an_articles_header_are_kept() -> None:
    page = (
        "<html><body><article><header><div class='meta'><a href='/topic'>Topic</a></div>"
        "<h1>The bridge</h1><ul><li>The council chose a plan for the old bridge</li>"
        "<li>Work starts in the spring and ends in two years</li></ul>"
        "<ul><li><a href='/share'>Share on a network</a></li><li><a href='/mail'>Mail</a></li>"
        f"</ul></header><div class='text'>{_paragraphs('Body', 5)}</div></article></body></html>"
    )
    article = extract_article(page, "https://news.example.org/a/1")
    assert "- The council chose a plan for the old bridge" in article.markdown
    assert article.text.index("Work starts in the spring") < article.text.index("Body 0")
    assert "Share on" not in article.text


def test_a_class_that_hooks_a_script_says_nothing_about_the_node() -> None:
    intro = "The council chose a plan for the old stone bridge, and the work starts in the spring."
    page = _article(
        f"<section class='js-slider-toggle'><p>{intro}</p></section>"
        "<section class='slider'><p>Pictures of other bridges, one after another, in a row.</p>"
        "</section>"
    )
    text = extract_article(page, "https://news.example.org/a/1").text
    assert intro in text
    assert "Pictures of other bridges" not in text


def test_a_paragraph_set_in_a_headings_type_reads_as_a_paragraph() -> None:
    intro = " ".join(f"Word{i}" for i in range(45)) + "."
    page = (
        f"<html><body><article><h3>{intro}</h3><h3>A real heading</h3>"
        f"{_paragraphs('Body', 5)}</article></body></html>"
    )
    md = extract_article(page, "https://news.example.org/a/1").markdown
    assert md.startswith("Word0 Word1")
    assert "## A real heading" in md


def test_a_lead_named_in_french_three_levels_above_the_text_is_kept() -> None:
    lead = "Le conseil a choisi un plan pour le vieux pont de pierre, et les travaux commencent."
    page = (
        "<html><body><div class='wrap'><div class='chapo'><p>{lead}</p></div>"
        "<div class='box'><div class='part'><div class='inner'><div class='columns'>"
        f"{_paragraphs('Corps', 6)}</div><div class='note'>Photo</div></div>"
        "<div class='note'>Paris</div></div><div class='note'>Jean Dupont</div></div>"
        "</div></body></html>"
    ).replace("{lead}", lead)
    article = extract_article(page, "https://news.example.org/a/1")
    assert article.text.startswith(lead)
