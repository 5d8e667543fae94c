from core.errors import DomainError


class ConferenceError(DomainError):
    """A conference action that cannot be done; the message is for the person who tried."""
