"""Writes of the awards: keyword-only, atomic, audited services (a module per aggregate)."""
