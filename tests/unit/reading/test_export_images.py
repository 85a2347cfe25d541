"""Pictures in --dump and cache export: Markdown keeps them, text marks where each stands, JSON
lists them with whether the cache holds them, HTML shows them."""

from __future__ import annotations

import json

import pytest

from support.paths import FIXTURE_DIR
from tuireader.extract.pipeline import extract_article
from tuireader.models import Article, CacheState, Image, PageInfo, Picture, Reading
from tuireader.reading.export import as_html, as_json, as_markdown, as_text

BLOG_URL = "https://towpath.example.net/2024/05/old-canal-path/"
UPLOADS = "https://towpath.example.net/wp-content/uploads/2024/05"
LEAD = Image(f"{UPLOADS}/lead.jpg", caption="The gates.", credit="Photo: M", alt="Gates")


def reading(article: Article, pictures: tuple[Picture, ...] = ()) -> Reading:
    page = PageInfo(url=BLOG_URL, final_url=BLOG_URL)
    return Reading(article, page, CacheState.CACHED, pictures=pictures)


@pytest.fixture(scope="module")
def blog() -> Article:
    html = (FIXTURE_DIR / "extract" / "pictures-blog.html").read_text(encoding="utf-8")
    return extract_article(html, BLOG_URL)


def test_markdown_has_the_lead_picture_before_its_caption_and_the_body_pictures() -> None:
    body = f"One.\n\n![Heron](<{UPLOADS}/heron.jpg>)\n\nTwo."
    out = as_markdown(
        reading(Article(title="T", lead_image=LEAD, markdown=body, text="One.\n\nTwo."))
    )
    assert f"\n\n![Gates](<{UPLOADS}/lead.jpg>)\n\n> The gates. (Photo: M)\n\nOne.\n\n" in out
    assert f"One.\n\n![Heron](<{UPLOADS}/heron.jpg>)\n\nTwo." in out


def test_a_lead_with_no_http_url_has_only_its_caption_line() -> None:
    for url in ("", "javascript:alert(1)"):
        lead = Image(url, caption="The gates.", alt="Gates")
        out = as_markdown(reading(Article(title="T", lead_image=lead)))
        assert "![" not in out and "> The gates." in out
        text = as_text(reading(Article(title="T", lead_image=lead)))
        assert "[image" not in text and "[Image: The gates.]" in text


def test_text_says_a_lead_with_no_caption_once() -> None:
    lead = Image(f"{UPLOADS}/lead.jpg", alt="Gates")
    text = as_text(reading(Article(title="T", lead_image=lead)))
    assert text.count("Gates") == 1 and "[image: Gates]" in text


def test_markdown_lead_alt_and_url_cannot_break_out() -> None:
    lead = Image("https://x.example.org/a>b\n.jpg", alt="A] (b) \x1b[2J\nc")
    out = as_markdown(reading(Article(title="T", lead_image=lead)))
    assert r"![A\] (b) \[2J c](<https://x.example.org/a%3Eb%20.jpg>)" in out
    assert "\x1b" not in out


def test_text_marks_each_picture_where_it_stands(blog: Article) -> None:
    out = as_text(reading(blog))
    assert "[image: The lock gates at dawn]\n\nThe lock gates at dawn. (Photo: Mara Quill)" in out
    assert (
        "open again to walkers and cyclists.\n\n[image: A heron on the bank]\n\nThe wildlife" in out
    )
    assert "runs clear.\n\n[image: The aqueduct over the river]\n\nThe aqueduct itself" in out
    assert "back in.\n\n[image: Bridge 12 <before> & after]\n\nBridge twelve" in out
    assert out.count("[image") == 1 + len(blog.images)


def test_text_without_the_marks_is_the_article_text(blog: Article) -> None:
    out = as_text(reading(blog._replace(lead_image=None)))
    body = out.split("\n\nCredits:")[0].split("\n\n", 2)[2]  # after the title and byline
    unmarked = "\n\n".join(p for p in body.split("\n\n") if not p.startswith("[image"))
    assert unmarked == blog.text


def test_text_marks_pass_over_captions_numbered_lists_and_links() -> None:
    markdown = (
        "![First](<https://p.example.org/1.jpg>)\n\n"
        "1\\. One [link](https://l.example.org/x) here.\n\n"
        "![](<https://p.example.org/2.jpg>)\n\n"
        "1. Item one\n2. Item two\n\n"
        "![Third](<https://p.example.org/3.jpg>)\n\n"
        "*The sea at night, from the old pier.* — Photo: A\n\n"
        "![Fourth](<https://p.example.org/4.jpg>)\n\n"
        "![Local](/relative.jpg)\n\n"
        "The sea at night was calm."
    )
    text = "1. One link here.\n\n- Item one\n- Item two\n\nThe sea at night was calm."
    out = as_text(reading(Article(markdown=markdown, text=text)))
    assert (
        "[image: First]\n\n1. One link here.\n\n[image]\n\n- Item one\n- Item two\n\n"
        "[image: Third]\n\n[image: Fourth]\n\nThe sea at night was calm."
    ) in out
    assert "Local" not in out


def test_a_hostile_alt_is_one_clean_line_of_text() -> None:
    markdown = "Words.\n\n![Bad \\[x\\] \x1b\u202e alt](<https://p.example.org/1.jpg>)"
    out = as_text(reading(Article(markdown=markdown, text="Words.")))
    assert "Words.\n\n[image: Bad [x] alt]\n\nSource:" in out


def test_json_lists_the_lead_then_the_body_pictures_with_whether_cached(blog: Article) -> None:
    pictures = (
        Picture(blog.images[0].url, "image/jpeg", 400, 300, 5000),
        Picture(blog.images[1].url, "text/html", problem="not an image"),
    )
    data = json.loads(as_json(reading(blog, pictures)))
    assert [(i["url"], i["cached"]) for i in data["images"]] == [
        (f"{UPLOADS}/lock-gates.jpg", False),
        (f"{UPLOADS}/heron.jpg", True),
        (f"{UPLOADS}/aqueduct.jpg", False),
        (f"{UPLOADS}/bridge-960.jpg", False),
    ]
    assert data["images"][2] == {
        "url": f"{UPLOADS}/aqueduct.jpg",
        "alt": "The aqueduct over the river",
        "caption": "The aqueduct, restored in 2023.",
        "credit": "Canal Trust",
        "cached": False,
    }
    assert data["article"]["images"][0]["url"] == f"{UPLOADS}/heron.jpg"


def test_json_of_an_article_without_pictures_has_an_empty_list() -> None:
    data = json.loads(as_json(reading(Article(title="T", lead_image=Image(caption="C")))))
    assert data["images"] == []


def test_html_shows_the_pictures_and_only_http_ones(blog: Article) -> None:
    body = blog.markdown + "\n\n![Local](<javascript:alert(1)>)"
    out = as_html(reading(blog._replace(markdown=body)))
    assert f'<img src="{UPLOADS}/lock-gates.jpg" alt="The lock gates at dawn"' in out
    assert f'<img src="{UPLOADS}/heron.jpg" alt="A heron on the bank"' in out
    assert 'alt="Bridge 12 &lt;before&gt; &amp; after"' in out
    assert "javascript:" not in out and "Local" in out
