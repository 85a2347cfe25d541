"""tuireader: a terminal reader for web articles."""

__version__ = "0.1.0"
