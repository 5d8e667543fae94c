"""The teachers app's domain error."""

from core.errors import DomainError


class TeacherError(DomainError):
    """A teacher action that cannot be done; the message is for the person who tried."""
