"""Two copies of an article compared word by word, as a Document the body pane shows.

The paragraphs compared are the texts of the copies' body blocks (the basis highlights use too);
`body.diff.compare` cuts them into stretches. Unchanged paragraphs stand as they are, removed and
added words are runs marked "removed" and "added", which the view styles from the theme. A
changed stretch too long to compare word by word, or rewritten rather than edited, shows its old
paragraphs, then its new ones. Made in a worker, on demand, and never cached; difflib is
imported only here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from tuireader.body.diff import Change, Op, compare
from tuireader.body.model import Block, Document, Run
from tuireader.textsafe import clean_text

PARAGRAPH_BREAK = "\n\n"  # how body.diff joins the paragraphs of a changed stretch
NO_CHANGE = "The text of the two copies is the same."
_MARKS: dict[Op, str] = {"same": "", "added": "added", "removed": "removed"}


def comparison_document(
    old: Sequence[str], new: Sequence[str], *, title: str, heading: str, legend: str = ""
) -> Document:
    """`title`, the `heading` that says what is compared, a `legend`, then the paragraphs of
    `new` with what `old` had that it lacks marked "removed" and what it added marked "added"."""
    document = Document(title=title, body_start=None)  # no highlights: two texts in one
    document.blocks.append(Block("title", [Run(title)]))
    document.blocks.append(Block("heading", [Run(heading)], level=2))
    if legend:
        document.blocks.append(Block("byline", [Run(legend)]))
    changes = compare(old, new)
    if all(change.kind == "same" for change in changes):
        document.blocks.append(Block("paragraph", [Run(NO_CHANGE, italic=True)]))
    for change in changes:
        document.blocks += _blocks(change)
    return document


def _blocks(change: Change) -> list[Block]:
    if change.kind == "same":
        return _paragraphs(change.new, "")
    if change.kind == "removed":
        return _paragraphs(change.old, "removed")
    if change.kind == "added":
        return _paragraphs(change.new, "added")
    if change.pieces is None:  # too long, or rewritten: the old, then the new
        return _paragraphs(change.old, "removed") + _paragraphs(change.new, "added")
    return [Block("paragraph", runs) for runs in _split(change.pieces)]


def _paragraphs(texts: Iterable[str], mark: str) -> list[Block]:
    return [Block("paragraph", [Run(_shown(text), mark=mark)]) for text in texts]


def _split(pieces: Sequence[tuple[Op, str]]) -> list[list[Run]]:
    """The runs of each paragraph of a changed stretch: its pieces cut at paragraph breaks.

    Words removed then added in their place may each end a paragraph: that is one break of the
    text, shown once, after the added words.
    """
    paragraphs: list[list[Run]] = [[]]
    for n, (op, text) in enumerate(pieces):
        following = pieces[n + 1] if n + 1 < len(pieces) else None
        if op == "removed" and following is not None and following[0] == "added":
            shared = min(text.count(PARAGRAPH_BREAK), following[1].count(PARAGRAPH_BREAK))
            if shared:
                text = " ".join(text.rsplit(PARAGRAPH_BREAK, shared))
        for index, part in enumerate(text.split(PARAGRAPH_BREAK)):
            if index:
                paragraphs.append([])
            runs = paragraphs[-1]
            if not part.strip():
                if part and runs:
                    runs.append(Run(" "))  # a space between two words kept
                continue
            words = part if op == "same" else part.rstrip()  # a mark covers words, not spaces
            if runs and not runs[-1].text[-1:].isspace() and not words[:1].isspace():
                runs.append(Run(" "))  # "Monday." removed, "Tuesday." added: apart
            runs.append(Run(_shown(words), mark=_MARKS[op]))
            if len(words) < len(part):
                runs.append(Run(" "))
    return [runs for runs in paragraphs if runs]


def _shown(text: str) -> str:
    """Page text as the view may draw it: no controls; a table's cells apart by spaces."""
    return clean_text(text).replace("\t", "  ").strip("\n")
