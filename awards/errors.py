from core.errors import DomainError


class AwardsError(DomainError):
    """An Awards action that cannot be done; the message is for the person who tried."""


class CycleError(AwardsError):
    """A set-up write that cannot be done; `field` is the part of the form it belongs to."""
