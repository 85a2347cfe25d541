"""The reader screen and its parts: panes, navigator, positions, find, link digits, workers."""

from tuireader.ui.screens.reader.screen import ReaderScreen

__all__ = ["ReaderScreen"]
