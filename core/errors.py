"""The one domain error (below every app): a write that cannot be done, with a message for the
person who tried and, optionally, the form field it belongs to. Each app's error is a subclass
(ConferenceError, AwardsError, ...), so a view can catch DomainError and a form shows it on
the right field with core.forms.add_domain_error."""


class DomainError(Exception):
    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return str(self.message)
