"""The surveys' e-mails (the invitation and the one reminder), registered with core/emails:
staff edit their wording under /staff/emails/."""

import datetime
from collections.abc import Mapping

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.emails.registry import Email, register
from core.emails.values import local
from teachers.models import User

from .models import Survey

GROUP = gettext_lazy("Surveys")
PLACEHOLDERS = {
    "name": gettext_lazy("the person's full name"),
    "survey": gettext_lazy("the survey's title"),
    "link": gettext_lazy("link to answer the survey"),
}


def _values(context: Mapping) -> dict[str, str]:
    survey = context["survey"]
    closes = local(survey.closes_at, "j F Y, H:i e")
    return {
        "name": context["person"].full_name,
        "survey": survey.title,
        "introduction": survey.introduction,
        "anonymity": (
            _("Your answers are anonymous: they are never linked to your name.")
            if survey.anonymous
            else ""
        ),
        "closes": _("The survey closes on %(when)s.") % {"when": closes} if closes else "",
        "closes_note": _(" It closes on %(when)s.") % {"when": closes} if closes else "",
        "link": context.get("link", ""),
    }


def _sample(options: Mapping[str, str]) -> dict:
    survey = Survey(
        title="Teaching with partner schools abroad",
        introduction="Ten questions on how your classes work with their partners; about ten "
        "minutes.",
        anonymous=True,
        closes_at=datetime.datetime(2030, 6, 30, 22, 0, tzinfo=datetime.UTC),
    )
    return {
        "survey": survey,
        "person": User(full_name="Aiko Tanaka", email="aiko@school.example"),
        "link": "https://classnet.example/surveys/3/",
    }


register(
    Email(
        key="surveys.invitation",
        template="survey_invitation",
        label=gettext_lazy("Invitation to a survey"),
        when=gettext_lazy("When staff send a survey's invitations, to each person asked."),
        placeholders={
            **PLACEHOLDERS,
            "introduction": gettext_lazy("the survey's introduction (may be empty)"),
            "anonymity": gettext_lazy(
                "for an anonymous survey, a sentence saying so (empty otherwise)"
            ),
            "closes": gettext_lazy("“The survey closes on …”, when it has a closing time"),
        },
        subject=gettext_lazy("A short survey for you: {survey}"),
        body=gettext_lazy(
            "Dear {name},\n\n"
            'ClassNet invites you to answer the survey "{survey}".\n\n'
            "{introduction}\n\n"
            "{anonymity}\n\n"
            "{closes}\n\n"
            "Answer the survey: {link}\n\n"
            "You can save a draft and come back later. Thank you for your time."
        ),
        values=_values,
        sample=_sample,
        group_label=GROUP,
        order=400,
    ),
    Email(
        key="surveys.reminder",
        template="survey_reminder",
        label=gettext_lazy("Reminder to answer a survey"),
        when=gettext_lazy("When staff send the reminder, to those who have not answered."),
        placeholders={
            **PLACEHOLDERS,
            "closes_note": gettext_lazy("“ It closes on …”, when it has a closing time"),
        },
        subject=gettext_lazy("Reminder: {survey}"),
        body=gettext_lazy(
            "Dear {name},\n\n"
            'A reminder: you have not answered the survey "{survey}" yet.{closes_note}\n\n'
            "Answer the survey: {link}\n\n"
            "If you have already started, your draft is waiting for you. Thank you!"
        ),
        values=_values,
        sample=_sample,
        group_label=GROUP,
        order=401,
    ),
)
