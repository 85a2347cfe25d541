"""Every hostile picture, served from 127.0.0.1 in one article, ends in the body as a drawn picture
or its alt line (a tracking pixel as nothing), with the app still reading: never a crash."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from support.colour_terminal import colour_terminal
from support.fixture_site import FixtureSite
from support.hostile_images import HOSTILE
from support.pilot import wait_until
from tuireader.settings import Settings
from tuireader.ui.app import TuiReaderApp
from tuireader.ui.widgets.body_pane import BodyPane

__all__ = ["colour_terminal"]  # the fixture, used by name

# What is refused or cannot be decoded; everything else in HOSTILE is drawn.
NOT_DRAWN = {
    "png bomb 50000 x 50000",
    "png 10000 x 10000",
    "png 6000 x 6000",
    "truncated png",
    "truncated jpeg",
    "garbage with a png header",
    "svg",
    "empty",
    "html",
}
DROPPED = {"1x1 gif"}  # a tracking pixel takes no line at all
PARAGRAPH = (
    "<p>The harbour master {n} wrote at length about the state of the quay, the boats and the "
    "weather that kept them in port through the long winter months.</p>"
)


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name)


def hostile_article(site: FixtureSite) -> str:
    """An article with one figure per hostile picture, each labelled image/png whatever it is
    (a JPEG, an SVG or a web page sent as a PNG: the bytes decide)."""
    parts = []
    for n, (name, build) in enumerate(sorted(HOSTILE.items())):
        site.add(f"/p/{_slug(name)}", build(), Content_Type="image/png")
        parts.append(PARAGRAPH.format(n=n))
        parts.append(f"<figure><img src='/p/{_slug(name)}' alt='alt {name}'></figure>")
    html = (
        "<!doctype html><html><head><title>Hostile pictures</title></head><body><article>"
        f"<h1>Hostile pictures</h1>{''.join(parts)}{PARAGRAPH.format(n='last')}"
        "</article></body></html>"
    )
    return site.add("/hostile-pictures.html", html)


def wrong(body: BodyPane, site: FixtureSite) -> list[str]:
    """The hostile pictures that do not end as they should: drawn, an alt line, or nothing."""
    layout = body.text_layout
    if layout is None:
        return ["no layout"]
    blocks = body.document.blocks
    drawn = {blocks[layout.lines[line].block].src for line, _ in layout.pictures}
    texts = {line.text for line in layout.lines}
    out = []
    for name in HOSTILE:
        src = site.url(f"/p/{_slug(name)}")
        alt_line = f"[image: alt {name}]" in texts
        if name in DROPPED:
            ok = src not in drawn and not alt_line
        elif name in NOT_DRAWN:
            ok = src not in drawn and alt_line
        else:
            ok = src in drawn and not alt_line
        if not ok:
            out.append(name)
    return out


@pytest.mark.slow
@pytest.mark.usefixtures("colour_terminal")
async def test_every_hostile_picture_ends_drawn_or_as_its_alt_line(
    site: FixtureSite, cache_dir: Path
) -> None:
    url = hostile_article(site)
    app = TuiReaderApp(
        cache_dir, start_url=url, settings=Settings(images="blocks"), import_samples=False
    )
    async with app.run_test(size=(100, 40)) as pilot:
        body = app.screen.query_one(BodyPane)
        wanted = {f"/p/{_slug(name)}" for name in HOSTILE}

        def settled() -> bool:
            layout = body.text_layout
            fetched = wanted <= set(site.paths_requested())
            return fetched and layout is not None and body.pictures_wanted() == []

        await wait_until(pilot, settled, "every picture fetched and decoded", timeout=120)
        # A picture whose header read well but whose pixels do not turns into its alt line
        # once its decoding fails: wait for every picture's last state, then say which is wrong.
        await wait_until(pilot, lambda: not wrong(body, site), "every picture's end", timeout=60)
        assert wrong(body, site) == []
        # still reading: the keys move the body
        await pilot.press("G")
        await wait_until(pilot, lambda: body.scroll_y > 0, "the end of the article")
