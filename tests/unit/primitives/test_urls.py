"""What a person types becomes a URL we may fetch, or a one-line reason why not."""

from __future__ import annotations

import pytest

from tuireader.urls import (
    BadURL,
    as_browsers_read,
    host_of,
    is_followable,
    normalize_url,
    strip_tracking,
)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("example.org/a#section", "https://example.org/a"),
        ("HTTP://Example.ORG", "http://example.org/"),
        ("  https://example.org/p?q=1  ", "https://example.org/p?q=1"),
        ("http://127.0.0.1:8080/x", "http://127.0.0.1:8080/x"),
        ("localhost:9/x", "https://localhost:9/x"),
    ],
)
def test_normalize(typed: str, expected: str) -> None:
    assert normalize_url(typed) == expected


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("", "no URL"),
        ("ftp://example.org/file", "unsupported scheme"),
        ("javascript:alert(1)", "unsupported scheme"),
        ("file:///etc/passwd", "unsupported scheme"),
        ("data:text/html,hi", "unsupported scheme"),
        ("not a url", "not a URL"),
        ("word", "no host"),
        ("http://example.org:99999/", "not a URL"),
        ("http://user:pw@example.org/", "user name"),
        ("http://exa\x1bmple.org/", "control characters"),
    ],
)
def test_rejected(typed: str, reason: str) -> None:
    with pytest.raises(BadURL, match=reason):
        normalize_url(typed)


def test_followable_and_host() -> None:
    assert is_followable("https://www.example.org/a")
    assert not is_followable("mailto:someone@example.org")
    assert not is_followable("javascript:void(0)")
    assert not is_followable("#top")
    assert host_of("https://www.example.org/a") == "example.org"
    assert host_of("not a url") == ""


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://e.org/a?utm_source=rss&utm_medium=feed", "https://e.org/a"),
        ("https://e.org/a?id=3&utm_source=rss&p=2", "https://e.org/a?id=3&p=2"),
        ("https://e.org/a?UTM_Campaign=x&id=3", "https://e.org/a?id=3"),
        ("https://e.org/a?utm%5Fsource=x&id=3", "https://e.org/a?id=3"),
        ("https://e.org/a?fbclid=1&gclid=2&mc_cid=3&mc_eid=4", "https://e.org/a"),
        ("https://e.org/a?utm_source=x#part", "https://e.org/a#part"),
        ("https://e.org/a?id=3&&utm_source=x", "https://e.org/a?id=3"),
    ],
)
def test_strip_tracking_removes_the_tracking_parameters(url: str, expected: str) -> None:
    assert strip_tracking(url) == expected


@pytest.mark.parametrize(
    "url",
    [
        "https://e.org/a",
        "https://e.org/a?q=utm_source&x=a%20b&&y",  # a value, not a name; spelling kept
        "https://e.org/a?utmost=1&fbclidx=2",
        "https://e.org/a#utm_source=x",  # the fragment is not the query
    ],
)
def test_strip_tracking_keeps_everything_else_as_written(url: str) -> None:
    assert strip_tracking(url) == url


@pytest.mark.parametrize("char", ["\x9b", "\u202e", "\u2066", "\x85", " ", "\x07"])
def test_a_link_as_browsers_read_it_carries_no_control_character(char: str) -> None:
    """Feeds and imported files: encoded, so the URL works and shows nothing a terminal acts on."""
    url = as_browsers_read(f" https://example.org/a{char}b\n")
    assert char not in url and url.startswith("https://example.org/a%")
