"""Modal prompts, one per module."""
