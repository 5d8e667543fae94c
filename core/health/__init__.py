"""Health of a running portal: /healthz for the proxy or monitor (checks.py, views.py) and
the beat heartbeat (tasks.py)."""
