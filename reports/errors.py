class ReportRunError(Exception):
    """A request that cannot be honoured; the message is for the person who asked."""
