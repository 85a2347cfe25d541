"""A passage being selected in the body's blocks: it starts at a sentence and grows or shrinks.

Kept as offsets into the blocks' texts (body.quotes.Place), so a resize while selecting changes
nothing but where it is drawn. Sentences come from body.sentences; lines from the body's layout
(the screen passes the end the line step reaches).
"""

from __future__ import annotations

from collections.abc import Sequence

from tuireader.body.quotes import Body, Place
from tuireader.body.sentences import sentences


class Selection:
    """From `start` in block `first` to `end` in block `last` of `texts` (never empty)."""

    def __init__(self, texts: Sequence[str], place: Place) -> None:
        self.texts = texts
        self.place = place
        self._sentences: dict[int, list[tuple[int, int]]] = {}

    @classmethod
    def at(cls, texts: Sequence[str], block: int) -> Selection | None:
        """The first sentence of block `block` or the nearest block after it with text (else
        before it); None if the body has no text."""
        selection = cls(texts, Place(0, 0, 0, 0))
        order = [*range(max(0, block), len(texts)), *range(min(block, len(texts)) - 1, -1, -1)]
        for index in order:
            spans = selection.sentences_of(index)
            if spans:
                start, end = spans[0]
                selection.place = Place(index, start, index, end)
                return selection
        return None

    def sentences_of(self, block: int) -> list[tuple[int, int]]:
        found = self._sentences.get(block)
        if found is None:
            found = self._sentences[block] = sentences(self.texts[block])
        return found

    @property
    def text(self) -> str:
        """The selected text, paragraphs apart as body.quotes joins them."""
        return Body(self.texts).quote(self.place).exact

    def by_sentence(self, step: int) -> bool:
        """The end one sentence on (or back: never before the first sentence); whether it moved."""
        first, _, last, end = self.place
        if step > 0:
            for block in range(last, len(self.texts)):
                for _, stop in self.sentences_of(block):
                    if (block, stop) > (last, end):
                        return self.move_end(block, stop)
            return False
        for block in range(last, first - 1, -1):
            for _, stop in reversed(self.sentences_of(block)):
                if (block, stop) < (last, end):
                    return self.move_end(block, stop)
        return False

    def move_end(self, block: int, end: int) -> bool:
        """The end moved to `end` in `block`, if that is after the start; whether it moved."""
        first, start, last, old = self.place
        if (block, end) <= (first, start) or (block, end) == (last, old):
            return False
        self.place = Place(first, start, block, end)
        return True
