"""The collaborations' e-mails (join requests and invitations), registered with core/emails:
staff edit their wording under /staff/emails/. The services send them by their template
names (send_templated_email(template="join_requested", ...))."""

from collections.abc import Mapping

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.emails.registry import Email, register
from schools.models import Country, School
from teachers.models import TeacherProfile, User

from .models import Collaboration, Invitation, JoinRequest

GROUP = _("Collaborations")
SAMPLE_URL = "https://classnet.example/collaborations/42/"


def _sample_school(name: str, city: str, country: str, code: str) -> School:
    return School(name=name, city=city, country=Country(code=code, name=country))


def _sample_collaboration() -> Collaboration:
    return Collaboration(title="Water in our cities")


def _sample_join_request() -> JoinRequest:
    return JoinRequest(
        collaboration=_sample_collaboration(),
        teacher=TeacherProfile(user=User(full_name="Aiko Tanaka", email="aiko@school.example")),
        school=_sample_school("Sakura High School", "Osaka", "Japan", "JP"),
        student_count=24,
        message="Our class studies the river that runs through Osaka; we would love to join.",
        reason="We have all the partners we can work with this term.",
    )


def _sample_invitation() -> Invitation:
    return Invitation(
        collaboration=_sample_collaboration(),
        invitee=TeacherProfile(user=User(full_name="Jonas Berg", email="jonas@school.example")),
        school=_sample_school("Nordic Upper Secondary", "Tampere", "Finland", "FI"),
        invited_by=User(full_name="Aiko Tanaka", email="aiko@school.example"),
        message="We saw that your class works on water quality: join us!",
    )


def _join_sample(options: Mapping[str, str]) -> dict:
    join_request = _sample_join_request()
    return {
        "collaboration": join_request.collaboration,
        "join_request": join_request,
        "url": SAMPLE_URL,
        "days": 8,
    }


def _invitation_sample(options: Mapping[str, str]) -> dict:
    invitation = _sample_invitation()
    return {
        "collaboration": invitation.collaboration,
        "invitation": invitation,
        "inviter": invitation.invited_by,
        "url": SAMPLE_URL,
        "directory_url": "https://classnet.example/teachers/",
    }


# --- join requests ---------------------------------------------------------------------------

JOIN = {
    "collaboration": _("the collaboration's title"),
    "teacher": _("the teacher who asks to join"),
    "school": _("the teacher's school, with its city"),
    "school_name": _("the school's name"),
    "country": _("the school's country"),
    "students": _("how many of the school's students would take part"),
    "message": _("the teacher's message to the leads"),
    "url": _("link to the collaboration's page"),
}


def _join_values(context: Mapping) -> dict[str, str]:
    join_request = context["join_request"]
    days = context.get("days") or 0
    return {
        "collaboration": context["collaboration"].title,
        "teacher": join_request.teacher.user.full_name,
        "name": join_request.teacher.user.full_name,
        "school": str(join_request.school),
        "school_name": join_request.school.name,
        "country": str(join_request.school.country),
        "students": str(join_request.student_count),
        "message": join_request.message,
        "reason": join_request.reason,
        "days": ngettext("%(days)d day", "%(days)d days", days) % {"days": days},
        "url": context.get("url", ""),
        "collaborations_url": settings.SITE_URL.rstrip("/") + "/collaborations/",
    }


# --- invitations -----------------------------------------------------------------------------


def _invitation_values(context: Mapping) -> dict[str, str]:
    invitation = context["invitation"]
    inviter = context.get("inviter") or invitation.invited_by
    return {
        "collaboration": context["collaboration"].title,
        "name": invitation.invitee.user.full_name,
        "invitee": invitation.invitee.user.full_name,
        "inviter": inviter.full_name if inviter else "",
        "school": str(invitation.school),
        "school_name": invitation.school.name,
        "message": invitation.message,
        "url": context.get("url", ""),
        "directory_url": context.get("directory_url", ""),
    }


register(
    Email(
        key="collaborations.join_requested",
        template="join_requested",
        label=_("Request to join (to the leads)"),
        when=_("When a teacher asks for their school to join a collaboration."),
        placeholders=JOIN,
        subject=_('{school_name} asks to join "{collaboration}"'),
        body=_(
            "Hello,\n\n"
            "{teacher} of {school} ({country}) asks to join your collaboration "
            '"{collaboration}" with {students} students:\n\n'
            "{message}\n\n"
            "Accept or decline the request on the collaboration's page: {url}\n\n"
            "The ClassNet team"
        ),
        values=_join_values,
        sample=_join_sample,
        group_label=GROUP,
        order=200,
    ),
    Email(
        key="collaborations.join_reminder",
        template="join_reminder",
        label=_("Request still waiting (reminder to the leads)"),
        when=_("Once, when a request to join has waited some days for the leads' answer."),
        placeholders={**JOIN, "days": _("how long the request has waited, e.g. “8 days”")},
        subject=_('Waiting for your answer: {school_name} asks to join "{collaboration}"'),
        body=_(
            "Hello,\n\n"
            "{teacher} of {school} ({country}) asked {days} ago to join your collaboration "
            '"{collaboration}" with {students} students, and is still waiting for an '
            "answer:\n\n"
            "{message}\n\n"
            "Please accept or decline the request on the collaboration's page, so that the "
            "teacher can plan or look elsewhere: {url}\n\n"
            "This is the only reminder we send about this request.\n\n"
            "The ClassNet team"
        ),
        values=_join_values,
        sample=_join_sample,
        group_label=GROUP,
        order=201,
    ),
    Email(
        key="collaborations.join_accepted",
        template="join_accepted",
        label=_("Request to join accepted"),
        when=_("When the leads accept a school's request to join."),
        placeholders={
            "name": _("the teacher's full name"),
            "collaboration": JOIN["collaboration"],
            "school": JOIN["school"],
            "url": JOIN["url"],
        },
        subject=_('Welcome to "{collaboration}"'),
        body=_(
            "Dear {name},\n\n"
            'The leads of "{collaboration}" accepted your request: {school} is now a member '
            "school.\n\n"
            "Meet your partners and start working together: {url}\n\n"
            "The ClassNet team"
        ),
        values=_join_values,
        sample=_join_sample,
        group_label=GROUP,
        order=202,
    ),
    Email(
        key="collaborations.join_declined",
        template="join_declined",
        label=_("Request to join declined"),
        when=_("When the leads decline a school's request to join, with their reason."),
        placeholders={
            "name": _("the teacher's full name"),
            "collaboration": JOIN["collaboration"],
            "school": JOIN["school"],
            "reason": _("the leads' reason"),
            "collaborations_url": _("link to the list of collaborations"),
        },
        subject=_('Your request to join "{collaboration}"'),
        body=_(
            "Dear {name},\n\n"
            'The leads of "{collaboration}" could not take {school} in this time, for this '
            "reason:\n\n"
            "{reason}\n\n"
            "Many other collaborations look for partners: {collaborations_url}\n\n"
            "The ClassNet team"
        ),
        values=_join_values,
        sample=_join_sample,
        group_label=GROUP,
        order=203,
    ),
    Email(
        key="collaborations.invitation_sent",
        template="invitation_sent",
        label=_("Invitation to join"),
        when=_("When a lead invites a teacher found in the directory to join with their school."),
        placeholders={
            "name": _("the invited teacher's full name"),
            "inviter": _("the lead who invites"),
            "school": _("the invited school, with its city"),
            "school_name": _("the invited school's name"),
            "collaboration": JOIN["collaboration"],
            "message": _("the lead's message"),
            "url": _("link to the invitation"),
        },
        subject=_('{inviter} invites {school_name} to "{collaboration}"'),
        body=_(
            "Dear {name},\n\n"
            "{inviter} found you in the ClassNet teacher directory and invites {school} to "
            'join the collaboration "{collaboration}":\n\n'
            "{message}\n\n"
            "See the collaboration and accept or decline the invitation: {url}\n\n"
            "The ClassNet team"
        ),
        values=_invitation_values,
        sample=_invitation_sample,
        group_label=GROUP,
        order=210,
    ),
    Email(
        key="collaborations.invitation_accepted",
        template="invitation_accepted",
        label=_("Invitation accepted (to the leads)"),
        when=_("When an invited teacher accepts; to the leads and the one who invited."),
        placeholders={
            "invitee": _("the invited teacher's full name"),
            "school": _("the invited school, with its city"),
            "school_name": _("the invited school's name"),
            "collaboration": JOIN["collaboration"],
            "url": JOIN["url"],
        },
        subject=_('{school_name} accepted your invitation to "{collaboration}"'),
        body=_(
            "Hello,\n\n"
            "{invitee} accepted the invitation: {school} is now a member school of "
            '"{collaboration}".\n\n'
            "Meet your new partners: {url}\n\n"
            "The ClassNet team"
        ),
        values=_invitation_values,
        sample=_invitation_sample,
        group_label=GROUP,
        order=211,
    ),
    Email(
        key="collaborations.invitation_declined",
        template="invitation_declined",
        label=_("Invitation declined (to the leads)"),
        when=_("When an invited teacher declines; to the leads and the one who invited."),
        placeholders={
            "invitee": _("the invited teacher's full name"),
            "school": _("the invited school, with its city"),
            "school_name": _("the invited school's name"),
            "collaboration": JOIN["collaboration"],
            "directory_url": _("link to the teacher directory"),
        },
        subject=_('{school_name} declined your invitation to "{collaboration}"'),
        body=_(
            "Hello,\n\n"
            '{invitee} declined the invitation of {school} to "{collaboration}". Its place is '
            "still free for another school.\n\n"
            "Find other partners in the teacher directory: {directory_url}\n\n"
            "The ClassNet team"
        ),
        values=_invitation_values,
        sample=_invitation_sample,
        group_label=GROUP,
        order=212,
    ),
)
