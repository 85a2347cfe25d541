"""`Y` copies the top paragraph as a quote: its title, byline, date and URL cleaned as on screen.

A cache written elsewhere can hold fields no extractor cleaned (escape sequences, C0/C1 controls,
bidi overrides); pasted from the clipboard into a terminal, they would act there.
"""

from __future__ import annotations

from contextlib import closing
from pathlib import Path

from support.hostile_page import UNSAFE, stored_article
from tuireader.cache import Store
from tuireader.models import Page
from tuireader.ui.app import TuiReaderApp


async def test_big_y_copies_a_cleaned_quote(cache_dir: Path) -> None:
    info, article = stored_article("http://127.0.0.1:9")
    with closing(Store.in_directory(cache_dir)) as store:
        store.save(Page(info, "<p>stored</p>"), article)
    app = TuiReaderApp(cache_dir, start_url=info.url, offline=True, import_samples=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        for _ in range(3):
            await pilot.pause()
        assert app.reader_screen.reading is not None
        await pilot.press("Y")
        quote = app.clipboard
    assert quote.startswith("> Stored title")  # the top paragraph: the title block
    source = quote.splitlines()[-1]
    assert source.startswith("> — Stored title")
    for part in ("Stored byline", "2025", "http://127.0.0.1:9/stored"):
        assert part in source, part
    assert not UNSAFE.findall(quote), UNSAFE.findall(quote)
    assert "\u2028" not in quote and "\u2029" not in quote
