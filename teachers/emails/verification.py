"""The teachers' own e-mails: staff verified a teacher, or could not yet."""

from collections.abc import Mapping

from django.utils.translation import gettext_lazy as _

from core.emails.registry import Email, register
from schools.models import Country, School

from ..models import TeacherProfile, User

GROUP = _("Teachers")
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
)
