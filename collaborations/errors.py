from core.errors import DomainError


class CollaborationError(DomainError):
    """A collaboration action that cannot be done; the message is for the person who tried."""
