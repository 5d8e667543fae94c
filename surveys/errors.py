"""The surveys' domain errors: what cannot be done, with a message for the person who tried."""

from core.errors import DomainError


class SurveyError(DomainError):
    """A survey action that cannot be done; the message is for the person who tried."""


class AnsweringError(DomainError):
    """An answer that cannot be saved; `errors` maps question ids to the reason."""

    def __init__(self, message: str, errors: dict[int, str] | None = None):
        super().__init__(message)
        self.errors = errors or {}
