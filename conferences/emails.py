"""The conference's e-mails to applicants, registered with core/emails: their texts,
placeholders, values and preview sample, and sending.

Every e-mail about an application goes through send_application_email(kind, application): the
services never pick texts themselves. Each kind has a default subject and text here, registered
as "conferences.<kind>"; staff may write their own (core.emails' EmailTemplate row, edited under
/staff/emails/), and "reset" deletes the row so that the default applies again. The text
language (placeholders in braces, checked and filled by a regular expression) and the HTML part
are core/emails/text.py's; sending goes through the outbox (core/emails/sending.py).
"""

import datetime
import zoneinfo
from collections.abc import Mapping
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.emails.registry import Email, register
from core.emails.sending import send_email
from core.mail import absolute_url
from schools.models import Country, Region
from teachers.models import TeacherProfile, User

from .calendars import edition_location
from .models import Application, Edition, WaitlistOffer
from .selectors.waitlist import position_of

KINDS = ("received", "approved", "waitlisted", "offer", "rejected", "withdrawn", "reminder")

# Every placeholder there is, with what it becomes (shown to staff beside the editor).
PLACEHOLDERS: dict[str, Promise] = {
    "name": gettext_lazy("the teacher's full name"),
    "edition": gettext_lazy("the edition, e.g. “15th ClassNet Conference, Tokyo 2019”"),
    "title": gettext_lazy("the edition's title"),
    "dates": gettext_lazy("the edition's dates, e.g. “25–29 November 2019”"),
    "venue": gettext_lazy("venue, city and country"),
    "url": gettext_lazy("link to the edition's page"),
    "reason": gettext_lazy("staff's reason for the decision"),
    "position": gettext_lazy("the teacher's place on the waitlist (1 is next)"),
    "deadline": gettext_lazy("when the offer runs out, in the host's time zone"),
    "accept_url": gettext_lazy("one-click link to accept the place"),
    "decline_url": gettext_lazy("one-click link to decline the place"),
    "programme_url": gettext_lazy("link to the edition's programme"),
}
COMMON = ("name", "edition", "title", "dates", "venue", "url")


@dataclass(frozen=True)
class EmailKind:
    """One conference e-mail: what staff call it, when it goes, its default wording."""

    kind: str
    label: Promise
    when: Promise
    subject: Promise
    body: Promise
    placeholders: tuple[str, ...] = COMMON

    def placeholder_help(self) -> list[tuple[str, Promise]]:
        """("{name}", what it becomes) for each placeholder the e-mail may use."""
        return [(f"{{{name}}}", PLACEHOLDERS[name]) for name in self.placeholders]


EMAIL_KINDS: dict[str, EmailKind] = {
    spec.kind: spec
    for spec in (
        EmailKind(
            kind="received",
            label=gettext_lazy("Application received"),
            when=gettext_lazy("Right after a teacher applies."),
            subject=gettext_lazy("We received your application to the {edition}"),
            body=gettext_lazy(
                "Dear {name},\n\n"
                "Thank you for applying to the {edition}, {dates} at {venue}. Staff will "
                "review your application and write to you with their decision.\n\n"
                "You can follow your application, or withdraw it, on the edition's page: {url}\n\n"
                "The ClassNet team"
            ),
        ),
        EmailKind(
            kind="approved",
            label=gettext_lazy("Place confirmed"),
            when=gettext_lazy(
                "When staff approve an application, or the teacher accepts a place offered "
                "from the waitlist."
            ),
            subject=gettext_lazy("You have a place at the {edition}"),
            body=gettext_lazy(
                "Dear {name},\n\n"
                "Good news: your application to the {edition} is approved. We look forward to "
                "meeting you at {venue}, {dates}.\n\n"
                "The programme, and the workshops you can sign up for: {programme_url}\n\n"
                "If you can no longer come, please withdraw on the edition's page, so that a "
                "teacher on the waitlist can have your place: {url}\n\n"
                "The ClassNet team"
            ),
            placeholders=(*COMMON, "programme_url"),
        ),
        EmailKind(
            kind="waitlisted",
            label=gettext_lazy("On the waitlist"),
            when=gettext_lazy("When staff put an application on the waitlist."),
            subject=gettext_lazy("You are on the waitlist for the {edition}"),
            body=gettext_lazy(
                "Dear {name},\n\n"
                "All places at the {edition} are spoken for at the moment, so your application "
                "is on the waitlist. You are number {position} on it.\n\n"
                "If a place frees, we will offer it to you by e-mail, with a few days to accept "
                "it. Your place on the waitlist is always on the edition's page: {url}\n\n"
                "The ClassNet team"
            ),
            placeholders=(*COMMON, "position"),
        ),
        EmailKind(
            kind="offer",
            label=gettext_lazy("Place offered from the waitlist"),
            when=gettext_lazy(
                "When a place frees and the teacher is first on the waitlist; the offer holds "
                "the place until its deadline."
            ),
            subject=gettext_lazy("A place at the {edition} is yours if you want it"),
            body=gettext_lazy(
                "Dear {name},\n\n"
                "A place has freed at the {edition}, {dates} at {venue}, and it is yours if you "
                "still want it. We keep it for you until {deadline}.\n\n"
                "Accept the place: {accept_url}\n\n"
                "Decline it: {decline_url}\n\n"
                "Each link opens a page where you confirm your answer; please keep them to "
                "yourself. If we do not hear from you by then, the place goes to the next "
                "teacher on the waitlist.\n\n"
                "The ClassNet team"
            ),
            placeholders=(*COMMON, "deadline", "accept_url", "decline_url"),
        ),
        EmailKind(
            kind="rejected",
            label=gettext_lazy("Application not accepted"),
            when=gettext_lazy("When staff reject an application, with their reason."),
            subject=gettext_lazy("Your application to the {edition}"),
            body=gettext_lazy(
                "Dear {name},\n\n"
                "We are sorry: your application to the {edition} was not accepted.\n\n"
                "Staff's reason: {reason}\n\n"
                "Thank you for your interest. The network's collaborations stay open to you "
                "all year, and we hope to meet you at a coming edition: {url}\n\n"
                "The ClassNet team"
            ),
            placeholders=(*COMMON, "reason"),
        ),
        EmailKind(
            kind="withdrawn",
            label=gettext_lazy("Application withdrawn"),
            when=gettext_lazy("When a teacher withdraws their application or declines an offer."),
            subject=gettext_lazy("Your application to the {edition} is withdrawn"),
            body=gettext_lazy(
                "Dear {name},\n\n"
                "As you asked, your application to the {edition} is withdrawn. If you change "
                "your mind while applications are open, you can apply again: {url}\n\n"
                "The ClassNet team"
            ),
        ),
        EmailKind(
            kind="reminder",
            label=gettext_lazy("Reminder before the conference"),
            when=gettext_lazy(
                "Once, to every participant, the edition's “reminder” number of days before "
                "it starts; a calendar file is attached."
            ),
            subject=gettext_lazy("See you soon at the {edition}"),
            body=gettext_lazy(
                "Dear {name},\n\n"
                "The {edition} is almost here: {dates} at {venue}.\n\n"
                "The programme: {programme_url}\n\n"
                "The attached calendar file holds the conference days, the sessions for "
                "everyone and the workshops you signed up for; open it to add them to your "
                "calendar.\n\n"
                "Safe travels, and see you soon!\n\n"
                "The ClassNet team"
            ),
            placeholders=(*COMMON, "programme_url"),
        ),
    )
}


def email_kind(kind: str) -> EmailKind:
    """The kind's description; ValueError for a kind that does not exist."""
    try:
        return EMAIL_KINDS[kind]
    except KeyError:
        raise ValueError(f"unknown conference e-mail {kind!r}") from None


def email_key(kind: str) -> str:
    """The kind's key in core's registry: "conferences.<kind>"."""
    return f"conferences.{email_kind(kind).kind}"


# --- values ------------------------------------------------------------------------------------


def format_dates(starts_on: datetime.date, ends_on: datetime.date) -> str:
    """The edition's days: "25-29 November 2019", "28 November - 2 December 2019" (with
    en dashes), or one day."""
    if starts_on == ends_on:
        return date_format(starts_on, "j F Y")
    if (starts_on.year, starts_on.month) == (ends_on.year, ends_on.month):
        return f"{starts_on.day}–{date_format(ends_on, 'j F Y')}"
    if starts_on.year == ends_on.year:
        return f"{date_format(starts_on, 'j F')} – {date_format(ends_on, 'j F Y')}"
    return f"{date_format(starts_on, 'j F Y')} – {date_format(ends_on, 'j F Y')}"


def format_deadline(moment: datetime.datetime, zone: zoneinfo.ZoneInfo) -> str:
    """“Monday 28 October 2019, 12:00 (Asia/Tokyo time)”: the host's clock, with its zone."""
    local = moment.astimezone(zone)
    return _("%(day)s, %(time)s (%(zone)s time)") % {
        "day": date_format(local, "l j F Y"),
        "time": local.strftime("%H:%M"),
        "zone": zone.key,
    }


def placeholder_values(
    kind: str,
    application: Application,
    *,
    offer: WaitlistOffer | None = None,
    position: int | None = None,
) -> dict[str, str]:
    """The values of the kind's placeholders for one application."""
    spec = email_kind(kind)
    edition = application.edition
    user = application.teacher.user
    values = {
        "name": user.full_name or user.email,
        "edition": str(edition),
        "title": edition.title,
        "dates": format_dates(edition.starts_on, edition.ends_on),
        "venue": edition_location(edition),
        "url": absolute_url(edition.get_absolute_url()),
        "programme_url": absolute_url(reverse("conferences:programme", args=[edition.number])),
        "reason": application.reason,
        "position": str(position) if position else "",
    }
    if offer is not None:
        offer_url = absolute_url(reverse("conferences:offer", args=[offer.token]))
        values |= {
            "deadline": format_deadline(offer.expires_at, edition.zone),
            "accept_url": f"{offer_url}?answer=accept",
            "decline_url": f"{offer_url}?answer=decline",
        }
    return {name: values.get(name, "") for name in spec.placeholders}


# --- sending -----------------------------------------------------------------------------------


def _open_offer(application: Application) -> WaitlistOffer | None:
    return application.offers.filter(status=WaitlistOffer.Status.OPEN).first()


def send_application_email(
    kind: str,
    application: Application,
    *,
    extra: dict | None = None,
    attachments: list[tuple[str, bytes, str]] | None = None,
) -> None:
    """Queue the `kind` e-mail to the applicant (through the outbox, after commit).

    extra: {"offer": WaitlistOffer} for the "offer" e-mail (its open offer is looked up
    otherwise). attachments: (filename, content, mimetype) each, e.g. the reminder's calendar.
    """
    key = email_key(kind)
    extra = extra or {}
    offer = extra.get("offer")
    if kind == "offer" and offer is None:
        offer = _open_offer(application)
    position = position_of(application) if kind == "waitlisted" else None
    send_email(
        key,
        to=[application.teacher.user.email],
        context={"application": application, "offer": offer, "position": position},
        attachments=attachments,
    )


# --- the preview's sample ----------------------------------------------------------------------


def sample_context(*, edition: Edition | None = None) -> dict:
    """Real-looking values for the preview: a sample teacher at `edition` (the edition the
    editor was opened from), or at the 15th edition, Tokyo 2019, built in memory when none is
    given. Nothing is written."""
    if edition is None:
        zone = zoneinfo.ZoneInfo("Asia/Tokyo")
        edition = Edition(
            number=15,
            title=_(
                "Education for Sustainable Development (ESD) and AI: "
                "The Role and Readiness of Teachers"
            ),
            city="Tokyo",
            country=Country(code="JP", name=_("Japan"), region=Region.ASIA),
            venue=_("United Nations University, 5-53-70 Jingumae, Shibuya"),
            time_zone=zone.key,
            starts_on=datetime.date(2019, 11, 25),
            ends_on=datetime.date(2019, 11, 29),
        )
        expires_at = datetime.datetime(2019, 10, 28, 12, 0, tzinfo=zone)
    else:
        # An offer made now would be open this long (a whole minute: the clock's seconds are
        # no part of the sample).
        expires_at = (timezone.now() + datetime.timedelta(hours=edition.offer_hours)).replace(
            second=0, microsecond=0
        )
    teacher = TeacherProfile(user=User(full_name="Aiko Tanaka", email="aiko@school.example"))
    application = Application(
        edition=edition,
        teacher=teacher,
        reason=_(
            "We received far more applications from %(country)s than the country's quota "
            "allows; please apply again next year."
        )
        % {"country": edition.country.name},
    )
    offer = WaitlistOffer(
        application=application,
        token="sample-offer-link",  # noqa: S106 - a sample link, not a secret
        expires_at=expires_at,
    )
    return {"application": application, "offer": offer, "position": 3}


def _opened_from(options: Mapping[str, str]) -> Edition | None:
    """The edition the e-mail pages were opened from (?edition=<number>), if it is there."""
    wanted = options.get("edition", "")
    if wanted.isdigit() and len(wanted) < 6:
        return Edition.objects.select_related("country").filter(number=int(wanted)).first()
    return None


def sample_for_options(options: Mapping[str, str]) -> dict:
    """The preview's sample at the edition the editor was opened from, or at the sample
    edition when none (or none that is there) is named."""
    return sample_context(edition=_opened_from(options))


def describe_sample(options: Mapping[str, str]) -> str:
    """Whom the preview shows, for staff."""
    if not options.get("edition"):
        return _("As Aiko Tanaka, a sample teacher at the 15th edition in Tokyo, would receive it.")
    edition = _opened_from(options)
    if edition is None:
        return _("There is no such edition: the preview uses a sample edition instead.")
    return _(
        "Previews show a sample teacher at the %(edition)s; the texts are shared by all editions."
    ) % {"edition": edition}


def _values_of(kind: str):
    def values(context: Mapping) -> dict[str, str]:
        return placeholder_values(
            kind,
            context["application"],
            offer=context.get("offer"),
            position=context.get("position"),
        )

    return values


register(
    *(
        Email(
            key=f"conferences.{kind}",
            label=spec.label,
            when=spec.when,
            placeholders={name: PLACEHOLDERS[name] for name in spec.placeholders},
            subject=spec.subject,
            body=spec.body,
            values=_values_of(kind),
            sample=sample_for_options,
            describe_sample=describe_sample,
            group_label=gettext_lazy("Conferences"),
            order=100 + position,
        )
        for position, (kind, spec) in enumerate(EMAIL_KINDS.items())
    )
)
