"""Synthetic copy / spin / partial-reuse benchmark data built from public-domain texts."""
