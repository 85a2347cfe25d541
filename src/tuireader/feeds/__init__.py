"""Feeds: RSS, Atom and JSON Feed documents in, plain records out; OPML lists; feed discovery.

Pure, like extract/: no network, no store. The records are in `feeds.model`; the store keeps
them (cache/), reading/refresh.py decides what to fetch when, and cli/ and ui/ show them.
"""
