"""Reads of the conferences, a module per aggregate: editions, programme, applications,
selection, waitlist, participants, workshops, reminders. Import from the module that defines
the name.

Until the edition report's reads move to selectors/figures.py (the reports engineer), they stay
below; position_of stays importable from here for conferences/emails.py.
"""

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet

from ..models import Application, CheckIn, Edition, Session
from .editions import HELD_STATUSES, edition_figures, with_participant_figures
from .waitlist import position_of

__all__ = [
    "HELD_STATUSES",
    "edition_figures",
    "position_of",
    "with_participant_figures",
]

# --- For the edition report (reports composes these; each is one GROUP BY query) -------------


def participants_of_edition(*, edition: Edition) -> QuerySet[Application]:
    """The edition's participants: applications attended (checked in); when nobody was checked
    in on ClassNet, approved + attended (as with_participant_figures counts them). Lazy: the
    choice is made inside the query that uses it."""
    anyone_attended = Application.objects.filter(
        edition=OuterRef("edition"), status=Application.Status.ATTENDED
    )
    return Application.objects.filter(edition=edition).filter(
        Q(status=Application.Status.ATTENDED)
        | Q(status__in=Application.HOLDS_PLACE) & ~Exists(anyone_attended)
    )


def participants_by_country(*, edition: Edition) -> list[dict]:
    """[{country, region, teachers}] by the participants' schools' countries, most first."""
    return list(
        participants_of_edition(edition=edition)
        .order_by()
        .values(country=F("school__country__name"), region=F("school__country__region"))
        .annotate(teachers=Count("pk"))
        .order_by("-teachers", "country")
    )


def participants_by_region(*, edition: Edition) -> list[dict]:
    """[{region, teachers, countries}], most first."""
    return list(
        participants_of_edition(edition=edition)
        .order_by()
        .values(region=F("school__country__region"))
        .annotate(teachers=Count("pk"), countries=Count("school__country", distinct=True))
        .order_by("-teachers", "region")
    )


def participants_by_school_kind(*, edition: Edition) -> list[dict]:
    """[{kind, teachers}] by the kind of the participants' schools, most first."""
    return list(
        participants_of_edition(edition=edition)
        .order_by()
        .values(kind=F("school__kind"))
        .annotate(teachers=Count("pk"))
        .order_by("-teachers", "kind")
    )


def returning_participants(*, edition: Edition) -> int:
    """How many participants took part in an earlier edition (a lower number, held or
    archived) — an application there approved or attended."""
    earlier = Application.objects.filter(
        teacher=OuterRef("teacher"),
        edition__number__lt=edition.number,
        edition__status__in=HELD_STATUSES,
        status__in=Application.HOLDS_PLACE,
    )
    return participants_of_edition(edition=edition).filter(Exists(earlier)).count()


def workshop_signups_per_session(*, edition: Edition) -> list[dict]:
    """[{title, kind, starts_at, signups}] for the sessions with sign-ups, in programme order."""
    return list(
        Session.objects.filter(edition=edition)
        .order_by()
        .values("pk", "title", "kind", "starts_at")
        .annotate(signups=Count("signups"))
        .filter(signups__gt=0)
        .order_by("starts_at", "pk")
    )


def checkins_per_day(*, edition: Edition) -> list[dict]:
    """[{day, checkins}] for each day someone was checked in, in order."""
    return list(
        CheckIn.objects.filter(application__edition=edition)
        .order_by()
        .values("day")
        .annotate(checkins=Count("pk"))
        .order_by("day")
    )


def editions_held_up_to(*, edition: Edition) -> int:
    """Editions organised up to and including this one: held or archived, number ≤ its."""
    return Edition.objects.filter(status__in=HELD_STATUSES, number__lte=edition.number).count()
