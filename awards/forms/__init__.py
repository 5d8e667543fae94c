"""The Awards forms: one module per part (cycles, entries, judges, results, scoring)."""
