"""Full screens: the reader, the library and the key help."""
