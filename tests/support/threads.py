"""Which thread each call ran on: for the rule that no store call runs on the UI thread."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import Any


def record_threads(target: object, names: Iterable[str]) -> list[tuple[str, bool]]:
    """Wrap the methods `names` of `target`; returns the list that fills with (method, on the
    main (UI) thread?) at each call from then on."""
    calls: list[tuple[str, bool]] = []
    for name in names:
        method: Callable[..., Any] = getattr(target, name)

        def recorded(*args: Any, _name: str = name, _method: Any = method, **kw: Any) -> Any:
            calls.append((_name, threading.current_thread() is threading.main_thread()))
            return _method(*args, **kw)

        setattr(target, name, recorded)
    return calls
