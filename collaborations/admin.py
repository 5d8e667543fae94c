"""The back office for collaborations: nothing registered yet (staff work through the pages)."""
