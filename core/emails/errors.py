from core.errors import DomainError


class EmailTextError(DomainError):
    """Staff's wording of an e-mail that cannot be saved (the message says why)."""
