from core.errors import DomainError


class AwardsError(DomainError):
    """An Awards action that cannot be done; the message is for the person who tried."""
