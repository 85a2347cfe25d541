"""The article as lines of styled text: parsed once, wrapped per width, no Textual import.

`document` turns an Article's Markdown into plain blocks and runs; `layout` wraps them to a width.
Keeping this pure makes it fast to test and lets the widget paint only the lines on screen.
"""

from tuireader.render.document import Block, Document, Link, Run, article_document, message_document
from tuireader.render.layout import Layout, Line, Match, layout_document

__all__ = [
    "Block",
    "Document",
    "Layout",
    "Line",
    "Link",
    "Match",
    "Run",
    "article_document",
    "layout_document",
    "message_document",
]
