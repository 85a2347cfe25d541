"""Start-up without the cyclic garbage collector, which would only walk objects that all live on.

Importing Textual and building the first screen allocate a great many long-lived objects
(classes, functions, styles, widgets): every collection on the way walks them and frees next to
nothing, tens of milliseconds before the first frame. The app pauses the collector before that
work and resumes it once the first article is on screen (or after `RESUME_AFTER` seconds at the
latest), freezing what the start-up built out of all later collections.

Freezing without collecting first keeps the start-up's few cycles of garbage (measured: about
7,800 objects, 1 MB) for the life of the process: a full collection to free them would pause the
app for 60-100 ms just as the reader starts reading.
"""

from __future__ import annotations

import gc

RESUME_AFTER = 2.0  # seconds: the latest the collector stays paused, whatever the screen shows


def pause() -> None:
    gc.disable()


def resume() -> None:
    """Keep everything allocated so far out of future collections, and collect again."""
    if gc.isenabled():
        return
    gc.freeze()
    gc.enable()
