"""The back office for gallery: nothing registered yet (staff work through the pages)."""
