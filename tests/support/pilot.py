"""What the Pilot tests share: the terminal size most of them use, the app factory, `settle`,
`wait_until`, the notifications an app is showing, and the keys its footer shows."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypedDict, Unpack

from textual.app import App
from textual.notifications import Notification
from textual.pilot import Pilot

from tuireader.ui.app import TuiReaderApp

SIZE = (120, 40)


class AppOptions(TypedDict, total=False):
    offline: bool
    import_samples: bool


async def settle(pilot: Pilot[None]) -> None:
    """Wait for the workers, then for the screen to handle what they posted; three times, as an
    answer may start another worker (a load starts the cache lookups of the article it shows)."""
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        for _ in range(3):
            await pilot.pause()


async def wait_until(
    pilot: Pilot[None], condition: Callable[[], bool], what: str, timeout: float = 30.0
) -> None:
    """Let the app run until `condition()` holds, for what a timer or another thread brings about.

    The deadline is there to end a hang, not to time the app: keep it generous.
    """
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"waited {timeout:g} s for {what}"
        await pilot.pause(0.02)


def app_for(cache_dir: Path, url: str | None = None, **options: Unpack[AppOptions]) -> TuiReaderApp:
    return TuiReaderApp(cache_dir, start_url=url, **options)


def notifications(app: App[Any]) -> list[Notification]:
    """The notifications `app` is showing now (expired ones are gone), oldest first.

    The one place the tests read Textual's private `App._notifications`: Textual has no public
    way to read back what `notify` showed.
    """
    return list(app._notifications)


def footer_keys(app: App[Any]) -> list[str]:
    """What each key the footer of the screen on top shows says ("Archive"), in order."""
    from tuireader.ui.textual_shim import FooterKey

    return [key.description for key in app.screen.query(FooterKey) if key.display]
