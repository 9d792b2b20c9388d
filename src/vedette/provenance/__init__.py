"""Provenance: copies, spun rewrites, origin outlets, independent confirmations."""
