"""Articles with a picture of known colours, served by the fixture site (tests and benchmarks)."""

from __future__ import annotations

import io
from pathlib import Path

from support.fixture_site import FixtureSite

RED, BLUE, GREEN = (200, 30, 40), (20, 60, 210), (10, 150, 60)
TEXT = "".join(
    f"<p>Paragraph {n} of the harbour story says enough about the boats and the quay to read "
    "as the text of an article, with a few more words for good measure.</p>"
    for n in range(12)
)


def striped_png() -> bytes:
    """40 x 20: the top 10 rows alternate red and blue (so each cell is red over blue), the
    bottom 10 rows are green."""
    from PIL import Image

    image = Image.new("RGB", (40, 20), GREEN)
    for y in range(10):
        for x in range(40):
            image.putpixel((x, y), RED if y % 2 == 0 else BLUE)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def picture_page(site: FixtureSite) -> str:
    """An article whose lead figure is /harbour.png, captioned."""
    site.add("/harbour.png", striped_png(), Content_Type="image/png")
    html = (
        "<!doctype html><html><head><title>Harbour</title></head><body><article>"
        "<h1>The harbour</h1><figure><img src='/harbour.png' alt='Boats at the quay'>"
        "<figcaption>Boats at the quay at dawn.</figcaption></figure>"
        f"{TEXT}</article></body></html>"
    )
    return site.add("/harbour.html", html)


NETS_ALT = "Nets drying on the quay"


def uncaptioned_page(site: FixtureSite) -> str:
    """An article whose lead is its declared picture (og:image: no caption line names it), and
    a figure of the body, /nets.png, between its paragraphs."""
    site.add("/harbour.png", striped_png(), Content_Type="image/png")
    site.add("/nets.png", striped_png(), Content_Type="image/png")
    half = len(TEXT) // 2
    cut = TEXT.index("<p>", half)
    html = (
        "<!doctype html><html><head><title>Harbour</title>"
        f"<meta property='og:image' content='{site.url('/harbour.png')}'></head><body><article>"
        f"<h1>The harbour</h1>{TEXT[:cut]}"
        f"<figure><img src='/nets.png' alt='{NETS_ALT}'><figcaption>The nets.</figcaption>"
        f"</figure>{TEXT[cut:]}</article></body></html>"
    )
    return site.add("/plain.html", html)


async def cache_a_picture_article(site: FixtureSite, cache_dir: Path) -> str:
    """Open `picture_page` in the app once, so the cache holds it and its picture; its URL."""
    from support.pilot import wait_until
    from tuireader.settings import Settings
    from tuireader.ui.app import TuiReaderApp
    from tuireader.ui.widgets.body_pane import BodyPane

    url = picture_page(site)
    app = TuiReaderApp(
        cache_dir, start_url=url, settings=Settings(images="blocks"), import_samples=False
    )
    async with app.run_test(size=(120, 40)) as pilot:
        body = app.screen.query_one(BodyPane)

        def decoded() -> bool:
            layout = body.text_layout
            return bool(layout and layout.pictures) and body.pictures_wanted() == []

        await wait_until(pilot, decoded, "the picture fetched and decoded")
    return url
