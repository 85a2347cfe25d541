"""The document the body pane shows: an article's title, byline and caption above its body,
or a message where there is no article yet."""

from __future__ import annotations

from tuireader.body import article_body
from tuireader.body.model import Block, Document, Run
from tuireader.formatting import byline_line, caption_line, short_title
from tuireader.models import Article, NoArticle
from tuireader.textsafe import clean_line, clean_text
from tuireader.urls import is_followable

NO_TEXT = "No article text was found on this page."
NO_ARTICLE = (
    "No article found on this page: it may ask you to sign in, or need JavaScript to show its "
    "text. Press B to open it in your browser."
)
PAGE_TEXT_HEADING = "Text on the page"
CARD_HEADING = "No article to read here"
CARD_REMEDIES = "What you can do:"
# The card's remedies: (binding id, its default key, what it does), in the card's order.
REMEDIES = (
    ("reader.browser", "B", "open the page in your browser"),
    ("reader.page_text", "v", "show all of the page's text as it is, unextracted"),
    ("reader.archived_copy", "W", "fetch an archived copy (the Internet Archive)"),
    ("reader.open_file", "f", "read a saved copy of the page from a file instead"),
)
NO_PAGE_TEXT = "The server sent no page text to show."


def article_document(
    article: Article, fallback_title: str = "", *, from_feed: bool = False
) -> Document:
    """Title, byline, the lead picture and its caption line above the body parsed from
    `article.markdown`.

    `from_feed`: the body is a feed's own content of an entry, short as it may be, not a page
    in which no article was found.
    """
    title = clean_line(short_title(article.title, article.site_name)) or clean_line(fallback_title)
    document = Document(title=title)
    document.blocks.append(Block("title", [Run(title)]))
    byline = clean_line(byline_line(article))
    if byline:
        document.blocks.append(Block("byline", [Run(byline)]))
    lead = article.lead_image
    if lead is not None and is_followable(lead.url):
        document.blocks.append(Block("image", [Run(clean_line(lead.alt))], src=lead.url))
    caption = clean_line(caption_line(article))
    if caption:
        document.blocks.append(Block("caption", [Run(caption)]))
    if not article.found and not from_feed:
        document.blocks.append(Block("paragraph", [Run(NO_ARTICLE, italic=True)]))
    body = article_body(article)
    document.body_start = len(document.blocks)
    document.blocks += body.blocks
    document.body_end = len(document.blocks)
    document.links = body.links
    if not body.blocks and (article.found or from_feed):
        document.blocks.append(Block("paragraph", [Run(NO_TEXT, italic=True)]))
    if not article.found and article.page_text and article.page_text != article.text:
        document.blocks.append(Block("heading", [Run(PAGE_TEXT_HEADING)], level=2))
        paragraphs = (clean_line(p) for p in clean_text(article.page_text).split("\n\n"))
        document.blocks += [Block("paragraph", [Run(p)]) for p in paragraphs if p]
    return document


def card_document(
    article: Article,
    found: NoArticle,
    *,
    keys: dict[str, str] | None = None,
    page_text: bool = False,
) -> Document:
    """The card that says why there is no article (`found`) and which keys offer what instead,
    then what little text was extracted, or (`page_text`) all of the page's text as it is.

    `keys` maps a remedy's binding id to the key the reader presses for it (as the keymap in
    the settings has it); the defaults otherwise.
    """
    keys = keys or {}
    title = clean_line(short_title(article.title, article.site_name)) or clean_line(found.url)
    document = Document(title=title, body_start=None)
    document.blocks.append(Block("title", [Run(title)]))
    document.blocks.append(Block("heading", [Run(CARD_HEADING)], level=2))
    document.blocks.append(Block("paragraph", [Run(clean_line(found.evidence), bold=True)]))
    document.blocks.append(Block("paragraph", [Run(CARD_REMEDIES)]))
    for binding_id, default, what in REMEDIES:
        key = clean_line(keys.get(binding_id, default))
        document.blocks.append(
            Block(
                "item",
                [Run(key, bold=True), Run(f"  {what}")],
                depth=1,
                marker="• ",
                indent=0,
                tight=True,
                group=1,
            )
        )
    if page_text:
        document.blocks.append(Block("heading", [Run(PAGE_TEXT_HEADING)], level=2))
        text = article.page_text or article.text
        paragraphs = [clean_line(p) for p in clean_text(text).split("\n\n")]
        document.blocks += [Block("paragraph", [Run(p)]) for p in paragraphs if p]
        if not any(paragraphs):
            document.blocks.append(Block("paragraph", [Run(NO_PAGE_TEXT, italic=True)]))
        return document
    body = article_body(article)
    document.blocks += body.blocks
    document.links = body.links
    return document


def message_document(text: str) -> Document:
    """What the view says before any article: paragraphs of plain text, nothing parsed."""
    paragraphs = [clean_line(p) for p in clean_text(text).split("\n\n")]
    return Document(blocks=[Block("paragraph", [Run(p)]) for p in paragraphs if p], body_start=None)
