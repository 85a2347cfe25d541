"""tuireader.keymap knows the app's bindings without importing Textual: check it against them."""

from __future__ import annotations

from textual.binding import Binding
from textual.dom import DOMNode

from tuireader.keymap import BINDING_KEYS, TAKEN_KEYS
from tuireader.ui.app import NUMBER_KEYS, TuiReaderApp
from tuireader.ui.screens.library import LibraryScreen
from tuireader.ui.screens.reader import ReaderScreen
from tuireader.ui.widgets.article_list import ArticleList
from tuireader.ui.widgets.body_pane import BodyPane
from tuireader.ui.widgets.find_bar import FindBar
from tuireader.ui.widgets.related_sidebar import RelatedSidebar

# What is on screen while reading or in the library (the dialogs close with their own keys).
MAIN: tuple[type[DOMNode], ...] = (
    TuiReaderApp,
    ReaderScreen,
    LibraryScreen,
    BodyPane,
    RelatedSidebar,
    ArticleList,
    FindBar,
)


def _bindings() -> list[Binding]:
    found: list[Binding] = []
    for cls in MAIN:
        merged = cls._merged_bindings
        assert merged is not None, cls  # Textual merges a class's bindings as it makes the class
        found += [binding for bindings in merged.key_to_bindings.values() for binding in bindings]
    return found


def test_every_binding_id_and_its_default_keys_are_known() -> None:
    real: dict[str, list[str]] = {}
    for binding in _bindings():
        if binding.id:
            real.setdefault(binding.id, []).append(binding.key)
    assert {i: ",".join(keys) for i, keys in real.items()} == BINDING_KEYS


def test_the_keys_taken_before_the_app_are_those_of_bindings_without_an_id() -> None:
    fixed = {b.key for b in _bindings() if not b.id and b.action != "quit"}
    numbers = {key for b in Binding.make_bindings(NUMBER_KEYS) for key in b.key.split(",")}
    numbers = (numbers - {"0-9"}) | set("0123456789")
    assert fixed | numbers == TAKEN_KEYS
