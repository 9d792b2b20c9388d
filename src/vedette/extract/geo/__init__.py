"""Offline geocoding: gazetteer lookups and context-based disambiguation."""

from vedette.extract.geo.gazetteer import Gazetteer, GeoEntry, gazetteer, name_key
from vedette.extract.geo.resolve import Context, best

__all__ = ["Context", "GeoEntry", "Gazetteer", "best", "gazetteer", "name_key"]
