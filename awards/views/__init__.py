"""The Awards pages: one module per part (cycles, entries, judges, public, results, scoring)."""
