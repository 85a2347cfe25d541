"""Pictures: image bytes to pixels, safely (Pillow, imported only when a picture is drawn).

Pure and below every layer that uses it: the fetch side probes what came (size, kind, whether it
can be drawn), the UI decodes and scales in a worker and draws the pixels as half blocks.
"""
