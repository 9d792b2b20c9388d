"""Vedette: an auditable situation picture from the news about a military crisis."""

__version__ = "0.1.0"
