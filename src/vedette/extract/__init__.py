"""Extraction: spaCy components plus pure functions over a parsed Doc."""
