"""The extractor's version, in a module light enough for the cached-article path to import.

Bump it whenever a change to `tuireader.extract` changes what it returns: articles cached by an
older version are then re-extracted from their stored pages when next opened, never refetched.
"""

EXTRACTOR_VERSION = "5"
