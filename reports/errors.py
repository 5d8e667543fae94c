from core.errors import DomainError


class ReportRunError(DomainError):
    """A request that cannot be honoured; the message is for the person who asked."""
