"""The reader's panes and bars, one widget per module."""
