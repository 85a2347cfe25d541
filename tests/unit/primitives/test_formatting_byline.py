"""The byline line above the body: "By" is added unless the byline says its roles itself."""

from tuireader.formatting import byline_line
from tuireader.models import Article


def test_plain_names_get_by() -> None:
    assert byline_line(Article(byline="Jane Doe")) == "By Jane Doe"
    assert byline_line(Article(byline="Abby Roe")) == "By Abby Roe"


def test_credit_line_reads_as_written() -> None:
    article = Article(byline="Written by Jane Doe. Edited by John Roe")
    assert byline_line(article) == "Written by Jane Doe. Edited by John Roe"
