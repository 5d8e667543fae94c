"""The schools' e-mail (a proposed school is verified), registered with core/emails: staff edit
its wording under /staff/emails/."""

from collections.abc import Mapping

from django.utils.translation import gettext_lazy as _

from core.emails.registry import Email, register

from .models import Country, School


def _values(context: Mapping) -> dict[str, str]:
    school = context["school"]
    return {"school": str(school), "school_name": school.name, "url": context.get("url", "")}


def _sample(options: Mapping[str, str]) -> dict:
    school = School(
        name="Sakura High School", city="Osaka", country=Country(code="JP", name="Japan")
    )
    return {"school": school, "url": "https://classnet.example/schools/88/"}


register(
    Email(
        key="schools.verified",
        template="school_verified",
        label=_("Proposed school verified"),
        when=_("When staff verify a school a teacher proposed; to that teacher."),
        placeholders={
            "school": _("the school, with its city"),
            "school_name": _("the school's name"),
            "url": _("link to the school's page"),
        },
        subject=_("{school_name} is now in the ClassNet directory"),
        body=_(
            "Hello,\n\n"
            "The school you proposed, {school}, has been verified by ClassNet staff and is now "
            "listed in the school directory:\n\n"
            "{url}\n\n"
            "The ClassNet team"
        ),
        values=_values,
        sample=_sample,
        group_label=_("Schools"),
        order=20,
    ),
)
