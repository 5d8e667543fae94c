"""The reports pages: runs (staff), exports (staff), statistics (public)."""
