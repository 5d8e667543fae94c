"""Reads of the awards, for its pages and for other apps (a module per aggregate)."""
