"""allauth's account e-mails, in staff's wording.

allauth sends them through core.emails.adapter.AccountAdapter, which uses the registered
"account.<allauth's name>" e-mail (a code's variant where allauth sends a code instead of a
link). Every e-mail allauth's account app can send is registered here:
tests/teachers/test_account_emails.py checks it against allauth's own templates.
"""

import datetime
from collections.abc import Mapping

from django.urls import reverse
from django.utils import formats
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from core.emails.registry import Email, register
from core.mail import absolute_url

from ..models import User

ACCOUNTS = _("Accounts")


def _account_values(context: Mapping) -> dict[str, str]:
    email = context.get("email", "")
    user = context.get("user")
    if "user" not in context and email:  # allauth's notices carry the address, not the user
        user = User.objects.filter(email__iexact=email).first()
    timestamp = context.get("timestamp")
    return {
        "name": (getattr(user, "full_name", "") or str(user or "")) if user else "",
        "email": email,
        "url": (
            context.get("activate_url")
            or context.get("password_reset_url")
            or context.get("signup_url")
            or ""
        ),
        "code": context.get("code", ""),
        "time": formats.date_format(timestamp, "DATETIME_FORMAT") + " UTC" if timestamp else "",
        "ip": context.get("ip") or "",
        "from_email": context.get("from_email", ""),
        "to_email": context.get("to_email", ""),
        "deleted_email": context.get("deleted_email", ""),
        "reset_url": absolute_url(reverse("account_reset_password")),
        "sign_in_url": absolute_url(reverse("account_login")),
    }


def _account_sample(options: Mapping[str, str]) -> dict:
    return {
        "user": User(full_name="Maria Santos", email="maria@school.example"),
        "email": "maria@school.example",
        "activate_url": "https://classnet.example/accounts/confirm-email/sample-key/",
    }


def _reset_sample(options: Mapping[str, str]) -> dict:
    return {
        "user": User(full_name="Maria Santos", email="maria@school.example"),
        "email": "maria@school.example",
        "password_reset_url": "https://classnet.example/accounts/password/reset/key/sample/",
    }


def _by_link(context: Mapping) -> bool:
    """A confirmation by link; with a code, the code's variant goes."""
    return not context.get("code")


def _by_code(context: Mapping) -> bool:
    return bool(context.get("code"))


def _code_sample(options: Mapping[str, str]) -> dict:
    return {**_account_sample(options), "code": "K7Q2XM"}


def _notice_sample(options: Mapping[str, str]) -> dict:
    return {
        "user": User(full_name="Maria Santos", email="maria@school.example"),
        "email": "maria@school.example",
        "timestamp": datetime.datetime(2026, 11, 27, 9, 30, tzinfo=datetime.UTC),
        "ip": "203.0.113.7",
        "from_email": "maria@old-school.example",
        "to_email": "maria@school.example",
        "deleted_email": "maria@old-school.example",
    }


CODE = _("the code to type in")
WHEN_WHERE = {
    "name": _("the account holder's full name"),
    "email": _("the account's e-mail address"),
    "time": _("when it happened (UTC)"),
    "ip": _("the IP address it came from"),
    "reset_url": _("the link to reset the password"),
}
NOT_YOU = _(
    "If it was not you, someone else may know your password: reset it at once here, and tell "
    "the ClassNet team by answering this e-mail:\n\n"
    "{reset_url}\n\n"
    "The ClassNet team"
)


def _notice(first: str):
    """A notice's text: what happened (translated), then what to do if it was not you."""
    return format_lazy("{}{}", first, NOT_YOU)


register(
    Email(
        key="account.email_confirmation_signup",
        applies=_by_link,
        label=_("Confirm the e-mail address (after signing up)"),
        when=_("Right after someone signs up: the link that activates the account."),
        placeholders={
            "name": _("the new teacher's full name"),
            "email": _("the address to confirm"),
            "url": _("the confirmation link"),
        },
        subject=_("Confirm your e-mail address"),
        body=_(
            "Hello from ClassNet, the Asia-Europe Classroom Network!\n\n"
            "Welcome, {name}! You signed up for ClassNet with this e-mail address.\n\n"
            "Please confirm it by opening this link:\n\n"
            "{url}\n\n"
            "Next: staff of the ClassNet team verify that you teach at a school in an ASEM "
            "partner country. Once verified, you can propose and join collaborations and apply "
            "to the conference.\n\n"
            "If you did not sign up, ignore this e-mail: no account is activated without the "
            "confirmation.\n\n"
            "The ClassNet team"
        ),
        values=_account_values,
        sample=_account_sample,
        group_label=ACCOUNTS,
        order=1,
    ),
    Email(
        key="account.email_confirmation",
        applies=_by_link,
        label=_("Confirm an e-mail address (added or asked again)"),
        when=_("When someone adds an address to their account, or asks for the link again."),
        placeholders={
            "name": _("the account holder's full name"),
            "email": _("the address to confirm"),
            "url": _("the confirmation link"),
        },
        subject=_("Confirm your e-mail address"),
        body=_(
            "Hello from ClassNet, the Asia-Europe Classroom Network!\n\n"
            "{name} gave this e-mail address ({email}) for their ClassNet account.\n\n"
            "To confirm that it is yours, open this link:\n\n"
            "{url}\n\n"
            "If it was not you, ignore this e-mail.\n\n"
            "The ClassNet team"
        ),
        values=_account_values,
        sample=_account_sample,
        group_label=ACCOUNTS,
        order=2,
    ),
    Email(
        key="account.password_reset_key",
        label=_("Reset the password"),
        when=_("When someone asks for a new password on the sign-in page."),
        placeholders={
            "name": _("the account holder's full name"),
            "email": _("the account's e-mail address"),
            "url": _("the link to choose a new password"),
        },
        subject=_("Reset your password"),
        body=_(
            "Hello from ClassNet, the Asia-Europe Classroom Network!\n\n"
            "You, or someone else, asked for a new password for the ClassNet account of "
            "{email}. If it was not you, ignore this e-mail: your password stays as it is.\n\n"
            "Choose a new password here:\n\n"
            "{url}\n\n"
            "The ClassNet team"
        ),
        values=_account_values,
        sample=_reset_sample,
        group_label=ACCOUNTS,
        order=3,
    ),
    Email(
        key="account.account_already_exists",
        label=_("Signing up with an address that has an account"),
        when=_("When someone signs up with an address that already has an account."),
        placeholders={
            "email": _("the address used"),
            "url": _("the link to reset the password"),
        },
        subject=_("You already have a ClassNet account"),
        body=_(
            "Hello from ClassNet, the Asia-Europe Classroom Network!\n\n"
            "You, or someone else, tried to sign up for ClassNet with {email}, but an account "
            "with that address already exists. If you forgot your password, choose a new one "
            "here:\n\n"
            "{url}\n\n"
            "The ClassNet team"
        ),
        values=_account_values,
        sample=_reset_sample,
        group_label=ACCOUNTS,
        order=4,
    ),
)

# A code instead of a link (allauth's ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED, login and
# password reset by code): off in our settings today, staff's wording ready when switched on.
register(
    Email(
        key="account.email_confirmation_signup_code",
        template="account.email_confirmation_signup",
        applies=_by_code,
        label=_("Confirm the e-mail address by code (after signing up)"),
        when=_("Right after someone signs up, where addresses are confirmed by a code."),
        placeholders={
            "name": _("the new teacher's full name"),
            "email": _("the address to confirm"),
            "code": CODE,
        },
        subject=_("Your ClassNet confirmation code"),
        body=_(
            "Welcome to ClassNet, {name}!\n\n"
            "To confirm {email}, type this code on the page you signed up on:\n\n"
            "{code}\n\n"
            "If you did not sign up, ignore this e-mail.\n\n"
            "The ClassNet team"
        ),
        values=_account_values,
        sample=_code_sample,
        group_label=ACCOUNTS,
        order=5,
    ),
    Email(
        key="account.email_confirmation_code",
        template="account.email_confirmation",
        applies=_by_code,
        label=_("Confirm an e-mail address by code"),
        when=_("When someone adds an address, where addresses are confirmed by a code."),
        placeholders={
            "name": _("the account holder's full name"),
            "email": _("the address to confirm"),
            "code": CODE,
        },
        subject=_("Your ClassNet confirmation code"),
        body=_(
            "{name} gave this e-mail address ({email}) for their ClassNet account. To confirm "
            "that it is yours, type this code:\n\n"
            "{code}\n\n"
            "If it was not you, ignore this e-mail.\n\n"
            "The ClassNet team"
        ),
        values=_account_values,
        sample=_code_sample,
        group_label=ACCOUNTS,
        order=6,
    ),
    Email(
        key="account.login_code",
        label=_("Sign in with a code"),
        when=_("When someone asks to sign in with a code instead of their password."),
        placeholders={
            "name": _("the account holder's full name"),
            "email": _("the account's e-mail address"),
            "code": CODE,
        },
        subject=_("Your ClassNet sign-in code"),
        body=_(
            "Your code to sign in to ClassNet as {email}:\n\n"
            "{code}\n\n"
            "If you did not ask for it, ignore this e-mail: nobody can sign in without it.\n\n"
            "The ClassNet team"
        ),
        values=_account_values,
        sample=_code_sample,
        group_label=ACCOUNTS,
        order=7,
    ),
    Email(
        key="account.password_reset_code",
        label=_("Reset the password with a code"),
        when=_("When someone asks for a new password, where resets go by a code."),
        placeholders={
            "name": _("the account holder's full name"),
            "email": _("the account's e-mail address"),
            "code": CODE,
        },
        subject=_("Your ClassNet password reset code"),
        body=_(
            "You, or someone else, asked for a new password for the ClassNet account of "
            "{email}. Your code:\n\n"
            "{code}\n\n"
            "If it was not you, ignore this e-mail: your password stays as it is.\n\n"
            "The ClassNet team"
        ),
        values=_account_values,
        sample=_code_sample,
        group_label=ACCOUNTS,
        order=8,
    ),
    Email(
        key="account.unknown_account",
        label=_("A password asked for an address with no account"),
        when=_(
            "When someone asks for a new password or a sign-in code for an address that has no "
            "account (only where the portal hides which addresses have one)."
        ),
        placeholders={"email": _("the address used"), "url": _("the link to sign up")},
        subject=_("There is no ClassNet account for this address"),
        body=_(
            "You, or someone else, asked to sign in to ClassNet with {email}, but no account "
            "uses that address. To join the network, sign up here:\n\n"
            "{url}\n\n"
            "If it was not you, ignore this e-mail.\n\n"
            "The ClassNet team"
        ),
        values=_account_values,
        sample=lambda options: {
            "user": None,  # no account has the address
            "email": "maria@school.example",
            "signup_url": "https://classnet.example/accounts/signup/",
        },
        group_label=ACCOUNTS,
        order=9,
    ),
)

# Security notices (ACCOUNT_EMAIL_NOTIFICATIONS): the account holder hears of every change.
register(
    Email(
        key="account.password_changed",
        label=_("Notice: the password was changed"),
        when=_("When someone changes their password on My ClassNet."),
        placeholders=WHEN_WHERE,
        subject=_("Your ClassNet password was changed"),
        body=_notice(
            _(
                "Dear {name},\n\nThe password of your ClassNet account ({email}) was changed on "
                "{time} from {ip}.\n\n"
            )
        ),
        values=_account_values,
        sample=_notice_sample,
        group_label=ACCOUNTS,
        order=20,
    ),
    Email(
        key="account.password_set",
        label=_("Notice: a password was set"),
        when=_("When someone without a password sets one."),
        placeholders=WHEN_WHERE,
        subject=_("A password was set for your ClassNet account"),
        body=_notice(
            _(
                "Dear {name},\n\nA password was set for your ClassNet account ({email}) on "
                "{time} from {ip}.\n\n"
            )
        ),
        values=_account_values,
        sample=_notice_sample,
        group_label=ACCOUNTS,
        order=21,
    ),
    Email(
        key="account.password_reset",
        label=_("Notice: the password was reset"),
        when=_("When someone chose a new password through the reset link."),
        placeholders=WHEN_WHERE,
        subject=_("Your ClassNet password was reset"),
        body=_notice(
            _(
                "Dear {name},\n\nThe password of your ClassNet account ({email}) was reset on "
                "{time} from {ip}.\n\n"
            )
        ),
        values=_account_values,
        sample=_notice_sample,
        group_label=ACCOUNTS,
        order=22,
    ),
    Email(
        key="account.email_changed",
        label=_("Notice: the account's address changed"),
        when=_("When the account's main e-mail address changes: sent to the old address."),
        placeholders={
            **WHEN_WHERE,
            "from_email": _("the old address"),
            "to_email": _("the new address"),
        },
        subject=_("Your ClassNet e-mail address was changed"),
        body=_notice(
            _(
                "Dear {name},\n\nYour ClassNet account now uses {to_email} instead of "
                "{from_email} (changed on {time} from {ip}).\n\n"
            )
        ),
        values=_account_values,
        sample=_notice_sample,
        group_label=ACCOUNTS,
        order=23,
    ),
    Email(
        key="account.email_confirm",
        label=_("Notice: an address was confirmed"),
        when=_("When an e-mail address of the account has been confirmed."),
        placeholders=WHEN_WHERE,
        subject=_("Your e-mail address was confirmed"),
        body=_notice(
            _(
                "Dear {name},\n\n{email} was confirmed for your ClassNet account on {time} from "
                "{ip}.\n\n"
            )
        ),
        values=_account_values,
        sample=_notice_sample,
        group_label=ACCOUNTS,
        order=24,
    ),
    Email(
        key="account.email_deleted",
        label=_("Notice: an address was removed"),
        when=_("When someone removes an e-mail address from their account."),
        placeholders={**WHEN_WHERE, "deleted_email": _("the address removed")},
        subject=_("An e-mail address was removed from your ClassNet account"),
        body=_notice(
            _(
                "Dear {name},\n\n{deleted_email} was removed from your ClassNet account on "
                "{time} from {ip}.\n\n"
            )
        ),
        values=_account_values,
        sample=_notice_sample,
        group_label=ACCOUNTS,
        order=25,
    ),
)
