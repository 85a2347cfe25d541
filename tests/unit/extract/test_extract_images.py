"""The body's pictures: figures and pictures alone in a block become `![alt](<url>)` blocks and
Article.images; pixels, icons in sentences, repeats, data: sources and chrome stay out."""

from __future__ import annotations

import re

import pytest

from support.paths import FIXTURE_DIR
from tuireader.body.parse import parse_markdown
from tuireader.extract.pipeline import extract_article
from tuireader.models import Article, Image
from tuireader.pictures.limits import MAX_ARTICLE_IMAGES

BLOG_URL = "https://towpath.example.net/2024/05/old-canal-path/"
UPLOADS = "https://towpath.example.net/wp-content/uploads/2024/05"
_IMG = re.compile(r"<img\b[^>]*>")
_PROSE = " ".join(["The walkers came back to the path every weekend of the year."] * 4)


def page(body: str, head: str = "") -> str:
    head = f"<head><title>A walk</title>{head}</head>"
    return f"<html>{head}<body><article>{body}</article></body></html>"


def prose(n: int) -> str:
    return f"<p>{n}. {_PROSE}</p>"


@pytest.fixture(scope="module")
def html() -> str:
    return (FIXTURE_DIR / "extract" / "pictures-blog.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def blog(html: str) -> Article:
    return extract_article(html, BLOG_URL)


def test_figures_and_lone_pictures_become_images_in_reading_order(blog: Article) -> None:
    assert blog.images == (
        Image(f"{UPLOADS}/heron.jpg", alt="A heron on the bank"),
        Image(
            f"{UPLOADS}/aqueduct.jpg",
            caption="The aqueduct, restored in 2023.",
            credit="Canal Trust",
            alt="The aqueduct over the river",
        ),
        Image(f"{UPLOADS}/bridge-960.jpg", alt="Bridge 12 <before> & after"),
    )


def test_each_image_is_a_markdown_block_where_it_stands(blog: Article) -> None:
    blocks = blog.markdown.split("\n\n")
    heron = blocks.index(f"![A heron on the bank](<{UPLOADS}/heron.jpg>)")
    assert blocks[heron - 1].startswith("Last spring")
    assert blocks[heron + 1].startswith("The wildlife came back")
    aqueduct = blocks.index(f"![The aqueduct over the river](<{UPLOADS}/aqueduct.jpg>)")
    assert blocks[aqueduct + 1] == "*The aqueduct, restored in 2023.* — Canal Trust"
    assert rf"![Bridge 12 \<before\> & after](<{UPLOADS}/bridge-960.jpg>)" in blocks


def test_markdown_image_lines_match_article_images(blog: Article) -> None:
    lines = [b for b in blog.markdown.split("\n\n") if b.startswith("![")]
    assert len(lines) == len(blog.images)
    srcs = [b.src for b in parse_markdown(blog.markdown).blocks if b.kind == "image"]
    assert srcs == [image.url for image in blog.images]


def test_text_is_the_same_as_without_any_picture(html: str, blog: Article) -> None:
    without = extract_article(_IMG.sub("", html), BLOG_URL)
    assert blog.text == without.text and blog.word_count == without.word_count
    assert without.images == ()
    assert "![" not in blog.text


def test_lead_image_is_not_repeated_in_the_body(blog: Article) -> None:
    assert blog.lead_image is not None
    assert blog.lead_image.url == f"{UPLOADS}/lock-gates.jpg"
    assert "lock-gates" not in blog.markdown
    assert all("lock-gates" not in image.url for image in blog.images)


def test_a_url_already_shown_is_not_shown_again(blog: Article) -> None:
    assert [image.url for image in blog.images].count(f"{UPLOADS}/heron.jpg") == 1
    assert "A heron again" not in blog.markdown


def test_tracking_pixels_data_sources_and_icons_in_sentences_stay_out(blog: Article) -> None:
    for gone in ("pixel.wp.com", "facebook.com/tr", "data:", "emoji", "inline data", "map-thumb"):
        assert gone not in blog.markdown, gone
        assert all(gone not in image.url + image.alt for image in blog.images), gone


def test_chrome_pictures_stay_out(blog: Article) -> None:
    for gone in ("logo.png", "river-thumb", "badge.png"):
        assert gone not in blog.markdown


def test_pixel_by_either_dimension() -> None:
    body = (
        prose(1)
        + '<p><img src="/w.gif" width="2" height="400"></p>'
        + '<p><img src="/h.gif" width="640" height="1px"></p>'
        + '<p><img src="/ok.jpg" width="3" height="3"></p>'
        + prose(2)
    )
    article = extract_article(page(body), "https://ex.example.org/a")
    assert [image.url for image in article.images] == ["https://ex.example.org/ok.jpg"]


def test_picture_element_and_linked_picture_in_a_div() -> None:
    body = (
        prose(1)
        + '<figure><picture><source srcset="/p.webp" type="image/webp">'
        + '<img src="/p.jpg" alt="P"></picture><figcaption>Picture caption here.</figcaption>'
        + "</figure>"
        + prose(2)
        + '<div class="wrap"><a href="/big.jpg"><img src="/small.jpg" alt="S"></a></div>'
        + prose(3)
    )
    article = extract_article(page(body), "https://ex.example.org/a")
    assert [(i.url, i.alt) for i in article.images] == [
        ("https://ex.example.org/p.jpg", "P"),
        ("https://ex.example.org/small.jpg", "S"),
    ]
    assert article.images[0].caption == "Picture caption here."
    assert "[![" not in article.markdown  # the linked picture is a picture, not a link


def test_pictures_in_lists_quotes_and_headings_are_not_blocks() -> None:
    body = (
        prose(1)
        + '<ul><li><img src="/li.jpg" alt="L"></li><li>An item of the list</li></ul>'
        + '<blockquote><p><img src="/q.jpg" alt="Q"></p><p>Quoted words here.</p></blockquote>'
        + '<h2><img src="/h.jpg" alt="H"> A heading</h2>'
        + prose(2)
    )
    article = extract_article(page(body), "https://ex.example.org/a")
    assert article.images == ()
    assert "![" not in article.markdown


def test_at_most_the_limit_with_the_lead() -> None:
    pictures = "".join(
        f'<p><img src="/p{n}.jpg" alt="{n}"></p>' for n in range(MAX_ARTICLE_IMAGES + 5)
    )
    head = '<meta property="og:image" content="https://ex.example.org/lead.jpg">'
    article = extract_article(
        page(prose(1) + pictures + prose(2), head), "https://ex.example.org/a"
    )
    assert article.lead_image is not None and article.lead_image.url.endswith("/lead.jpg")
    assert len(article.images) == MAX_ARTICLE_IMAGES - 1
    assert article.images[-1].alt == str(MAX_ARTICLE_IMAGES - 2)
    assert article.markdown.count("![") == MAX_ARTICLE_IMAGES - 1


def test_hostile_alt_and_url_stay_one_safe_line() -> None:
    body = (
        prose(1)
        + '<p><img src="/a b/ç>x\\y.jpg?q=&amp;copy;" '
        + 'alt="line\nbreak ](<javascript:x> \x1b[31m"></p>'
        + prose(2)
    )
    article = extract_article(page(body), "https://ex.example.org/a")
    (image,) = article.images
    assert "\x1b" not in article.markdown and "\x1b" not in image.alt
    (line,) = [b for b in article.markdown.split("\n\n") if b.startswith("![")]
    assert "\n" not in line
    assert line == (
        r"![line break \](\<javascript:x\> \[31m]"
        r"(<https://ex.example.org/a%20b/%C3%A7%3Ex%5Cy.jpg?q=\&copy;>)"
    )
    (block,) = [b for b in parse_markdown(article.markdown).blocks if b.kind == "image"]
    assert block.src == image.url
    assert block.text == image.alt


def test_lazy_placeholder_in_src_gives_way_to_data_src() -> None:
    body = (
        prose(1)
        + '<figure><img src="/theme/placeholder.png" data-src="/real.jpg" alt="R">'
        + "<figcaption>The real picture here.</figcaption></figure>"
        + prose(2)
    )
    article = extract_article(page(body), "https://ex.example.org/a")
    assert [image.url for image in article.images] == ["https://ex.example.org/real.jpg"]


def test_pictures_between_blocks_change_no_rule_about_the_text() -> None:
    """Headings that head nothing, repeats side by side, labels of link lists, leading rules,
    the first blocks' bylines and the last blocks' author notes are judged as if the pictures
    were not there."""
    picture = '<p><img src="/p{n}.jpg" alt="P{n}"></p>'
    body = (
        picture.format(n=0)
        + "<hr>"
        + "".join(picture.format(n=n) for n in (1, 2, 3))
        + "<p>By Ann Lee</p>"
        + prose(1)
        + '<div class="standfirst">'
        + prose(2)
        + "</div>"
        + picture.format(n=4)
        + picture.format(n=5)
        + prose(2)
        + "<h2>Gallery</h2>"
        + picture.format(n=6)
        + "<h2>Next part</h2>"
        + prose(3)
        + "<h3>Share this:</h3>"
        + picture.format(n=7)
        + '<ul><li><a href="/s/1">One story here</a></li><li><a href="/s/2">Two</a></li></ul>'
        + prose(4)
        + "<p>Ann Lee is a reporter for the Example Journal.</p>"
        + "".join(picture.format(n=n) for n in (8, 9, 10, 11))
    )
    url = "https://ex.example.org/a"
    head = '<meta name="author" content="Ann Lee">'
    with_pictures = extract_article(page(body, head), url)
    without = extract_article(page(_IMG.sub("", body), head), url)
    assert with_pictures.text == without.text
    assert len(with_pictures.images) == 12
    blocks = with_pictures.markdown.split("\n\n")
    assert "---" not in blocks and "## Gallery" not in blocks and "By Ann Lee" not in blocks
    assert "## Next part" in blocks and "![P6](<https://ex.example.org/p6.jpg>)" in blocks
    assert with_pictures.text.count(_PROSE) == 4  # the repeat beside its original went
    assert "reporter" not in with_pictures.text


def test_a_lazy_attribute_that_is_no_url_gives_way_to_src() -> None:
    body = (
        prose(1)
        + """<p><img src="/a.jpg" data-src='{"default":{"src":"/big.jpg"}}' alt="A"></p>"""
        + '<p><img src="/b.jpg" data-src="/b.jpg?w={width}" alt="B"></p>'
        + prose(2)
    )
    article = extract_article(page(body), "https://ex.example.org/a")
    assert [image.url for image in article.images] == [
        "https://ex.example.org/a.jpg",
        "https://ex.example.org/b.jpg",
    ]
