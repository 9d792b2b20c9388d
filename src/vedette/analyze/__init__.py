"""Corpus-level analysis over the store: estimates, timeline, contradictions, who said what."""
