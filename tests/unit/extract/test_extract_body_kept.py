"""What of the article's text must survive the cleaning: small hand-written pages."""

from __future__ import annotations

from tuireader.extract.pipeline import extract_article

_SENTENCE = "The committee met on Tuesday, and the members, after a long debate, agreed on a plan."


def _paragraphs(word: str, count: int) -> str:
    return "".join(f"<p>{word} {i}: {_SENTENCE}</p>" for i in range(count))


def _article(body: str) -> str:
    return f"<html><body><article><h1>The plan</h1>{body}</article></body></html>"


def test_a_name_inside_a_sentence_stays_whatever_its_class() -> None:
    line = (
        "<p>The mayor, <span class='author-name'>Ada Byron</span>, opened the bridge and "
        "thanked the builders, the town council and the people of the valley.</p>"
    )
    article = extract_article(_article(line + _paragraphs("Body", 4)), "https://n.example.org/1")
    assert "The mayor, Ada Byron, opened the bridge" in article.text


def test_a_byline_standing_alone_still_goes() -> None:
    card = "<div class='author'><span class='author-name'>Ada Byron</span></div>"
    article = extract_article(_article(card + _paragraphs("Body", 4)), "https://n.example.org/1")
    assert "Ada Byron" not in article.text


def test_a_line_of_the_site_dates_and_the_byline_goes_as_the_credit_line() -> None:
    page = (
        "<html><head><meta name='author' content='Ada Byron'></head><body><article>"
        "<h1>The plan</h1><p class='signature'>The Valley Town Courier | 04.05.2015 at 13:36, "
        "updated 05.05.2015 at 20:13 | by <a href='/people/ada'>Ada Byron</a></p>"
        f"<div class='text'>{_paragraphs('Body', 5)}</div></article></body></html>"
    )
    article = extract_article(page, "https://n.example.org/1")
    assert article.byline == "Ada Byron"
    assert article.text.startswith("Body 0")


def test_a_sentence_that_names_the_author_stays() -> None:
    line = (
        "<p>Ada Byron, who wrote this piece, walked the 12 miles of the old road with the "
        "builders and the mayor, and then she walked back along the river to the town.</p>"
    )
    page = (
        "<html><head><meta name='author' content='Ada Byron'></head><body><article>"
        f"<h1>The plan</h1>{line}{_paragraphs('Body', 5)}</article></body></html>"
    )
    article = extract_article(page, "https://n.example.org/1")
    assert article.text.startswith("Ada Byron, who wrote this piece")


def _with_box(box: str) -> str:
    return (
        f"<html><body><div class='page'><div class='story'>{_paragraphs('Body', 5)}"
        f"{box}</div></div></body></html>"
    )


def test_a_box_with_a_close_button_is_a_dialog_and_goes() -> None:
    box = (
        "<div class='steps'><button class='closebutton' title='Close'></button>"
        "<h2>Make this site your start page</h2><ul>"
        "<li><div>On the toolbar, click the menu. Then, click Settings.</div></li>"
        "<li><div>In the Settings window, choose the tab called General.</div></li></ul></div>"
    )
    article = extract_article(_with_box(box), "https://n.example.org/1")
    assert "Body 4" in article.text
    assert "toolbar" not in article.text


def test_a_box_with_another_button_stays() -> None:
    box = (
        "<div class='steps'><button class='more'>Show all steps</button>"
        "<h2>How the plan was made</h2><ul>"
        "<li><div>On Monday, the committee met. Then, the members voted.</div></li>"
        "<li><div>On Friday, the council agreed, and the work began.</div></li></ul></div>"
    )
    article = extract_article(_with_box(box), "https://n.example.org/1")
    assert "the members voted" in article.text


def test_the_line_the_article_marks_as_its_description_is_its_standfirst() -> None:
    standfirst = "The town wants a new bridge, and the council found a way to pay for it at last."
    page = (
        "<html><body><article><div class='top'><h1>The bridge</h1>"
        f"<p itemprop='description'>{standfirst}</p></div>"
        f"<section itemprop='articleBody'>{_paragraphs('Body', 6)}</section>"
        "</article></body></html>"
    )
    article = extract_article(page, "https://n.example.org/1")
    assert article.text.startswith(standfirst)
    assert "Body 5" in article.text


def _links(count: int) -> str:
    return "".join(f"<a href='/s/{i}'>Section number {i}</a> " for i in range(count))


def test_a_close_button_beside_the_article_does_not_take_it_away() -> None:
    page = (
        "<html><body><div class='wrap'><button class='close-menu'>×</button><article>"
        f"<h1>The plan</h1>{_paragraphs('Body', 6)}</article></div>"
        f"<div class='notes'>{_paragraphs('Note', 6)}</div>"
        f"<footer>{_links(90)}</footer></body></html>"
    )
    article = extract_article(page, "https://n.example.org/1")
    assert "Body 5" in article.text


def test_an_h1_with_only_a_word_of_the_title_heads_a_part() -> None:
    page = (
        "<html><head><title>Spring report of the garden club</title></head><body><article>"
        f"<h1>Our club members</h1>{_paragraphs('Line', 4)}</article></body></html>"
    )
    article = extract_article(page, "https://club.example.org/report")
    assert article.markdown.startswith("## Our club members")


def test_a_short_description_in_the_articles_header_is_its_standfirst() -> None:
    page = (
        "<html><body><article><header><h1>The bridge</h1>"
        "<h2 itemprop='description'>The old bridge reopens in spring.</h2>"
        "<p class='kicker'>Town news</p></header>"
        f"<div class='text'>{_paragraphs('Body', 5)}</div></article></body></html>"
    )
    article = extract_article(page, "https://n.example.org/1")
    assert article.text.startswith("The old bridge reopens in spring.\n\nBody 0")


def test_a_heading_that_is_a_link_stays_when_a_heading_follows() -> None:
    body = (
        _paragraphs("Body", 4)
        + "<h3><a href='/lists/fixed-this-month'>Problems fixed by volunteers</a></h3>"
        + "<h3>Volunteers who fixed more than one</h3>"
        + "<ul><li>Ada Byron</li><li>Alan Turing</li><li>Grace Hopper</li></ul>"
        + "<h3>Empty label</h3><h3>Newcomers</h3><ul><li>Emmy Noether</li></ul>"
    )
    article = extract_article(_article(body), "https://n.example.org/1")
    assert "Problems fixed by volunteers\n\nVolunteers who fixed more than one" in article.text
    assert "Empty label" not in article.text
