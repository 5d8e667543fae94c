"""The teachers' e-mails, registered with core/emails (staff edit them under /staff/emails/):
verification.py (staff verified a teacher, or not yet) and accounts.py (allauth's account
e-mails). core/emails imports this package, which imports both."""

from . import accounts, verification

__all__ = ["accounts", "verification"]
