"""Lines about the page or the site, not the article: a reader of the HTML names them at sight.

Each pattern is a formula sites share, in the languages of the pages read most: the placeholder
of an embed not yet consented to ("Externer Inhalt"), a cookie notice, a blog's post-meta line
("This entry was posted in ...", "Verfasst von: X | date"), a prompt to log in before
commenting, and a footer's legal links.
"""

from __future__ import annotations

import re

_WORD_LIMIT = 40

_NOTICE = re.compile(
    # The placeholder of an embedded post or video shown until the reader consents.
    r"^(?:externer\s+inhalt|empfohlener\s+(?:redaktioneller\s+)?inhalt|external\s+content|"
    r"recommended\s+editorial\s+content|contenu\s+externe|contenido\s+externo)$|"
    r"^(?:we\s+respect\s+your\s+privacy|wir\s+respektieren\s+(?:deine|ihre)\s+privatsphäre)\b|"
    # A blog's post-meta line.
    r"^(?:this\s+(?:entry|post)\s+was\s+posted\s+(?:in|on|by)\b|"
    r"dieser\s+(?:eintrag|beitrag|artikel)\s+wurde\s+(?:\S+\s+){0,4}?"
    r"(?:veröffentlicht|gepostet|abgelegt)\s+(?:in|unter|am)\b|"
    r"cette\s+entrée\s+a\s+été\s+publiée\b|esta\s+entrada\s+fue\s+publicada\b|"
    r"(?:verfasst|geschrieben|posted|written)\s+(?:von|by)\s*:?\s+[^|]{1,60}\|\s*\d)|"
    # A prompt to log in (or register) before commenting.
    r"^(?:you\s+must\s+be\s+logged\s+in\s+to\s+(?:post\s+a\s+)?comment|"
    r"to\s+(?:post\s+a\s+)?comment,?\s+(?:you\s+must|please)\s+(?:log|sign)\s*in|"
    r"(?:du\s+musst|sie\s+müssen)\s+(?:\S+\s+){0,2}angemeldet\s+sein,?\s+um\b|"
    r"para\s+comentar\s+(?:debes|tienes\s+que|es\s+necesario)|"
    r"vous\s+devez\s+(?:être\s+connecté|vous\s+connecter)\s+pour\s+(?:publier\s+un\s+)?commenter)",
    re.I,
)
# A short line that says the site uses cookies.
_COOKIES = re.compile(
    r"\b(?:(?:we|this\s+(?:web)?site)\s+uses?|wir\s+(?:verwenden|nutzen)|"
    r"diese\s+(?:web)?seite\s+(?:verwendet|nutzt)|nous\s+utilisons|utilizamos|usamos|"
    r"utilizziamo|korzystamy\s+z)\s+(?:\S+\s+){0,2}cookies\b",
    re.I,
)
# Two of the legal pages every footer links to, in one short line.
_LEGAL = re.compile(
    r"\b(?:impressum|imprint|datenschutz(?:erklärung)?|privacy\s+policy|terms\s+of\s+"
    r"(?:use|service)|cookie\s+policy|agb|mentions\s+légales|aviso\s+legal)\b",
    re.I,
)
_LEGAL_WORD_LIMIT = 16


def is_notice(text: str) -> bool:
    """A line about the page or the site rather than the article (see the module's doc)."""
    line = text.strip(" *_.:!|•·-–—")
    words = len(line.split())
    if words > _WORD_LIMIT:
        return False
    if _NOTICE.search(line) or _COOKIES.search(line):
        return True
    return words <= _LEGAL_WORD_LIMIT and len(set(m.lower() for m in _LEGAL.findall(line))) >= 2
