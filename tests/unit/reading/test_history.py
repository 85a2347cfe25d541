"""Back and forward behave like a browser's."""

from __future__ import annotations

from tuireader.models import Article, CacheState, PageInfo, Reading
from tuireader.reading.history import History


def reading(url: str) -> Reading:
    return Reading(Article(title=url), PageInfo(url=url, final_url=url), CacheState.FRESH)


def test_back_forward_and_branching() -> None:
    history = History()
    assert history.current is None and not history.can_go_back
    history.visit(reading("a"))
    history.visit(reading("b")).block = 12
    history.visit(reading("c"))
    back = history.back()
    assert back is not None and back.reading.url == "b" and back.block == 12
    assert history.can_go_forward
    forward = history.forward()
    assert forward is not None and forward.reading.url == "c"
    history.back()
    history.back()
    history.visit(reading("d"))  # visiting from the middle drops the forward entries
    assert not history.can_go_forward
    assert [history.back().reading.url for _ in range(1)] == ["a"]
    assert history.back() is None


def test_replace_keeps_scroll_and_position() -> None:
    history = History()
    history.visit(reading("a")).block = 5
    history.replace_current(reading("a2"))
    assert len(history) == 1
    assert history.current is not None and history.current.reading.url == "a2"
    assert history.current.block == 5
