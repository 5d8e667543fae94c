"""The schools app's domain error."""

from core.errors import DomainError


class SchoolError(DomainError):
    """A school action that cannot be done; the message is for the person who tried."""
