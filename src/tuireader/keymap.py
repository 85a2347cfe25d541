"""What `[keys]` in the settings may change, known without Textual (settings load on --dump too).

`BINDING_KEYS` holds every binding id of the app with its default keys, and `TAKEN_KEYS` the keys
the reader and the library handle before the app's own bindings see them, through bindings no
keymap changes (scrolling, lists, the find bar) or the reader's link-number typing.
tests/unit/primitives/test_keymap_ids.py checks both against the real bindings.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping

QUIT_ID = "app.quit"

BINDING_KEYS: dict[str, str] = {
    "app.quit": "q",
    "app.help": "question_mark",
    "app.theme": "T",
    "reader.back": "backspace,h,alt+left",
    "reader.forward": "l,alt+right",
    "reader.toggle_links": "e",
    "reader.toggle_source": "i",
    "reader.open_url": "o",
    "reader.refresh": "r",
    "reader.library": "L",
    "reader.browser": "B",
    "reader.copy_url": "y",
    "reader.copy_quote": "Y",
    "reader.read_ahead": "p",
    "reader.view_picture": "z",
    "reader.find": "slash",
    "reader.find_next": "n",
    "reader.find_previous": "N",
    "reader.contents": "t",
    "reader.select": "s",
    "reader.highlights": "H",
    "reader.toggle_images": "I",
    "reader.page_text": "v",
    "reader.archived_copy": "W",
    "reader.open_file": "f",
    "reader.toggle_read": "m",
    "reader.refresh_feeds": "R",
    "reader.archive": "a",
    "reader.star": "asterisk",
    "reader.tags": "plus",
    "reader.compare": "D",
    "reader.versions": "V",
    "library.close": "escape",
    "library.search": "slash",
    "library.sort": "s",
    "library.delete": "d",
    "library.open_url": "o",
    "library.switch_pane": "tab,shift+tab",
    "library.toggle_read": "m",
    "library.mark_feed_read": "M",
    "library.refresh_feeds": "R",
    "library.archive": "a",
    "library.star": "asterisk",
    "library.tags": "plus",
}

TAKEN_KEYS = frozenset(
    {
        *"0123456789",
        *("O", "enter", "escape", "tab", "shift+tab", "ctrl+c", "super+c"),
        *("up", "down", "left", "right", "pageup", "pagedown", "home", "end"),
        *("ctrl+pageup", "ctrl+pagedown", "ctrl+n", "ctrl+p"),
        *("j", "k", "g", "G", "b", "space"),
    }
)

_REPLACEMENTS = {
    "solidus": "slash",
    "reverse_solidus": "backslash",
    "commercial_at": "at",
    "hyphen_minus": "minus",
    "plus_sign": "plus",
    "low_line": "underscore",
}


def key_names(keys: str) -> tuple[str, ...]:
    """The keys of a keymap value as Textual names them ("?" is "question_mark"); "" if none."""
    return tuple(_key_name(key.strip()) for key in keys.split(","))


def _key_name(key: str) -> str:
    if len(key) != 1 or key.isalnum():
        return key
    try:
        name = unicodedata.name(key).lower().replace("-", "_").replace(" ", "_")
    except ValueError:
        return key
    return _REPLACEMENTS.get(name, name)


def check_keymap(
    entries: Mapping[str, object], where: Callable[[str], str]
) -> tuple[dict[str, str], list[str]]:
    """The entries of `[keys]` to apply, and a problem for each one refused.

    Refused: an unknown binding id, a value that is not a list of keys, and an entry that would
    leave no key that quits (one bound to app.quit and not taken first by another binding).
    `where(binding_id)` names an entry's place in the file for the problem.
    """
    accepted: dict[str, str] = {}
    problems: list[str] = []
    for binding_id, value in entries.items():
        if isinstance(value, dict) and value:  # `reader.find = "f"`: TOML reads a dotted key
            dotted = f"{binding_id}.{next(iter(value))}"
            problems.append(f'{where(dotted)}: quote the binding id, like "{dotted}" = "f2"')
            continue
        place = where(binding_id)
        if binding_id not in BINDING_KEYS:
            problems.append(f"{place} is not a binding id{_suggestion(binding_id)}; ignored")
        elif not isinstance(value, str) or not all(key_names(value)):
            problems.append(
                f'{place} = {_shown(value)} is not a key list like "ctrl+o,f2"; ignored'
            )
        elif not _quits({**accepted, binding_id: value}):
            problems.append(
                f"{place} = {_shown(value)} refused: it would leave app.quit no key of its own "
                "(q by default; ctrl+q also quits)"
            )
        else:
            accepted[binding_id] = value
    return accepted, problems


def _quits(keymap: Mapping[str, str]) -> bool:
    """Whether some key of app.quit reaches it with `keymap` applied."""
    keys = {
        binding_id: key_names(keymap.get(binding_id, default))
        for binding_id, default in BINDING_KEYS.items()
    }
    taken = set(TAKEN_KEYS)
    for binding_id, names in keys.items():
        if binding_id != QUIT_ID:
            taken.update(names)
    return any(key not in taken for key in keys[QUIT_ID])


def _suggestion(binding_id: str) -> str:
    from difflib import get_close_matches

    close = get_close_matches(binding_id, list(BINDING_KEYS), n=1)
    return f" (did you mean {close[0]}?)" if close else " (the README lists them)"


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
