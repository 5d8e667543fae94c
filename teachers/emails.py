"""The teachers' e-mails (verification, and allauth's account e-mails where our wording
applies), registered with core/emails: staff edit their wording under /staff/emails/.

The account e-mails are sent by allauth through core.emails.adapter.AccountAdapter, which
uses the registered "account.<allauth's name>" e-mail and falls back to allauth's templates
for any other (and for a confirmation by code, which these texts do not carry)."""

from collections.abc import Mapping

from django.utils.translation import gettext_lazy as _

from core.emails.registry import Email, register
from schools.models import Country, School

from .models import TeacherProfile, User

GROUP = _("Teachers")
ACCOUNTS = _("Accounts")
NAME = _("the teacher's full name")


def _sample_profile() -> TeacherProfile:
    return TeacherProfile(
        user=User(full_name="Aiko Tanaka", email="aiko@school.example"),
        school=School(
            name="Sakura High School", city="Osaka", country=Country(code="JP", name="Japan")
        ),
    )


def _profile_values(context: Mapping) -> dict[str, str]:
    profile = context["profile"]
    school = profile.school
    return {
        "name": profile.user.full_name,
        "school": str(school) if school else "",
        "school_name": school.name if school else "",
        "reason": context.get("reason", ""),
        "url": context.get("url", ""),
    }


def _profile_sample(options: Mapping[str, str]) -> dict:
    return {
        "profile": _sample_profile(),
        "reason": "We could not find you on the school's staff page; please add your school "
        "e-mail address.",
        "url": "https://classnet.example/me/",
    }


# --- allauth's account e-mails ---------------------------------------------------------------


def _account_values(context: Mapping) -> dict[str, str]:
    user = context.get("user")
    return {
        "name": (getattr(user, "full_name", "") or str(user or "")) if user else "",
        "email": context.get("email", ""),
        "url": (
            context.get("activate_url")
            or context.get("password_reset_url")
            or context.get("signup_url")
            or ""
        ),
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
    """A confirmation by link (a code is allauth's own template's)."""
    return not context.get("code")


register(
    Email(
        key="teachers.verified",
        template="teacher_verified",
        label=_("Teacher verified"),
        when=_("When staff verify that a teacher teaches at their school."),
        placeholders={
            "name": NAME,
            "school": _("the teacher's school, with its city"),
            "school_name": _("the school's name"),
            "url": _("link to My ClassNet"),
        },
        subject=_("You are verified at {school_name}: welcome to the ClassNet network"),
        body=_(
            "Dear {name},\n\n"
            "ClassNet staff have verified that you teach at {school}. You can now propose and "
            "join school collaborations and apply to the ClassNet Conference.\n\n"
            "Your dashboard: {url}\n\n"
            "The ClassNet team"
        ),
        values=_profile_values,
        sample=_profile_sample,
        group_label=GROUP,
        order=10,
    ),
    Email(
        key="teachers.rejected",
        template="teacher_rejected",
        label=_("Teacher not verified yet"),
        when=_("When staff cannot verify a teacher yet, with their reason."),
        placeholders={
            "name": NAME,
            "reason": _("staff's reason"),
            "url": _("link to My ClassNet"),
        },
        subject=_("We could not verify your ClassNet account yet"),
        body=_(
            "Dear {name},\n\n"
            "ClassNet staff could not verify your school affiliation yet, for this reason:\n\n"
            "{reason}\n\n"
            "You can still browse the network. Update your school or profile, and your "
            "account goes back into the verification queue: {url}\n\n"
            "The ClassNet team"
        ),
        values=_profile_values,
        sample=_profile_sample,
        group_label=GROUP,
        order=11,
    ),
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
