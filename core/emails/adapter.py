"""allauth's e-mails through the same system: the account adapter sends the registered
"account.<name>" e-mail (allauth's template prefix "account/email/<name>") with staff's wording
or the default, and leaves every other e-mail to allauth's templates."""

from allauth.account.adapter import DefaultAccountAdapter

from .registry import for_template
from .sending import send_email


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        name = template_prefix.rsplit("/", 1)[-1]
        values = {"email": email, **context}
        try:
            registered = for_template(f"account.{name}", values)
        except LookupError:
            super().send_mail(template_prefix, email, context)
            return
        send_email(registered, to=[email], context=values)
