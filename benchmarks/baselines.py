# benchmarks/baselines.py
import trafilatura


def trafilatura_default(html, url=None):
    doc = trafilatura.bare_extraction(html, url=url, include_comments=False, with_metadata=True)
    if doc is None:
        return None
    return {"text": doc.text, "title": doc.title, "byline": doc.author, "published": doc.date}
