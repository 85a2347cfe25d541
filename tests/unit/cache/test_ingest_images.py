"""`cache import` of a Markdown article: its picture lines become Article.images (http(s) only)."""

from __future__ import annotations

from pathlib import Path

from tuireader.body import article_body
from tuireader.cache import Store
from tuireader.cache.ingest import import_file
from tuireader.models import Article, Image
from tuireader.pictures.limits import MAX_ARTICLE_IMAGES

PAGE = "https://journal.example.org/2024/walk"
PROSE = "The path runs for eleven miles between the town and the river, and walkers came back."


def imported(tmp_path: Path, body: str) -> Article:
    saved = tmp_path / "walk.md"
    saved.write_text(f"# A Walk\n\n{body}\n\nOriginal url: {PAGE}\n", encoding="utf-8")
    store = Store.in_directory(tmp_path / "cache")
    result = import_file(store, saved)
    loaded = store.load(result.url)
    assert loaded is not None
    return loaded[1]


def test_picture_lines_become_images_in_order_relative_ones_resolved(tmp_path: Path) -> None:
    article = imported(
        tmp_path,
        f"{PROSE}\n\n![A heron](https://pics.example.org/heron.jpg)\n\n{PROSE}\n\n"
        f'![The lock](/img/lock.jpg "title")\n\n{PROSE}',
    )
    assert article.images == (
        Image("https://pics.example.org/heron.jpg", alt="A heron"),
        Image("https://journal.example.org/img/lock.jpg", alt="The lock"),
    )
    blocks = article_body(article).blocks
    assert [b.src for b in blocks if b.kind == "image"] == [i.url for i in article.images]
    assert article.text == "\n\n".join([PROSE] * 3)  # a picture holds no text


def test_pictures_not_http_or_inside_text_are_not_images(tmp_path: Path) -> None:
    article = imported(
        tmp_path,
        f"{PROSE}\n\n![Local](file:///etc/hosts)\n\n![Data](data:image/png;base64,AAAA)\n\n"
        f"An icon ![i](https://pics.example.org/i.png) in a sentence.\n\n"
        f"- ![Listed](https://pics.example.org/l.png)",
    )
    assert article.images == ()
    assert "Local" in article.text and "Data" in article.text  # their alt text stays


def test_the_same_picture_twice_is_one_image_and_the_count_is_capped(tmp_path: Path) -> None:
    lines = [f"![{n}](https://pics.example.org/{n}.jpg)" for n in range(MAX_ARTICLE_IMAGES + 3)]
    article = imported(tmp_path, "\n\n".join([PROSE, lines[0], *lines]))
    assert len(article.images) == MAX_ARTICLE_IMAGES
    assert [i.url for i in article.images[:2]] == [
        "https://pics.example.org/0.jpg",
        "https://pics.example.org/1.jpg",
    ]


def test_a_leading_caption_is_still_the_lead_images(tmp_path: Path) -> None:
    article = imported(
        tmp_path,
        f"The gates at dawn. Photo: Mara Quill\n\n![Gates](https://pics.example.org/g.jpg)\n\n"
        f"{PROSE}",
    )
    assert article.lead_image == Image(caption="The gates at dawn.", credit="Photo: Mara Quill")
    assert article.images == (Image("https://pics.example.org/g.jpg", alt="Gates"),)
