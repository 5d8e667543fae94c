from core.errors import DomainError


class GalleryError(DomainError):
    """A refusal with a message for the user."""
