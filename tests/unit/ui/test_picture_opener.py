"""Which record of the article describes a picture, and whether the cache knows it will fail."""

from __future__ import annotations

from tuireader.models import Article, CacheState, Image, PageInfo, Picture, Reading
from tuireader.ui.screens.reader.picture_opener import described, known_problem

URL = "https://news.example.org/harbour"
LEAD = Image("https://news.example.org/lead.jpg", "The quay", "Photo: A. Person", "Boats")
FIGURE = Image("https://news.example.org/map.svg", "The map", "", "A map")


def reading(*pictures: Picture) -> Reading:
    article = Article(title="Harbour", lead_image=LEAD, images=(FIGURE,))
    page = PageInfo(URL, URL, fetched_at="2026-11-28T00:00:00+00:00")
    return Reading(article, page, CacheState.FRESH, pictures=pictures)


def test_the_lead_and_the_figures_describe_their_pictures() -> None:
    assert described(reading(), LEAD.url) == LEAD
    assert described(reading(), FIGURE.url) == FIGURE
    assert described(reading(), "https://elsewhere.example/x.png") == Image(
        url="https://elsewhere.example/x.png"
    )


def test_a_problem_the_cache_knows_of_is_found() -> None:
    shown = reading(
        Picture(LEAD.url, "image/jpeg", 800, 600, 50_000, ""),
        Picture(FIGURE.url, "image/svg+xml", 0, 0, 900, "an SVG drawing"),
    )
    assert known_problem(shown, FIGURE.url) == "an SVG drawing"
    assert known_problem(shown, LEAD.url) == ""
    assert known_problem(reading(), LEAD.url) == ""  # not known yet: worth trying
