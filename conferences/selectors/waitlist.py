"""Reads of the waitlist: its order, a teacher's position and standing, who is eligible for an
automatic offer, and an offer by its token."""

from dataclasses import dataclass

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from ..models import Application, Edition, WaitlistOffer

# --- The waitlist's order -------------------------------------------------------------------

# NULLS LAST on both databases (SQLite sorts NULL first by default): a waitlisted row without
# a date (not written by application_waitlist) goes to the back, never to the front.
LAPSED = (WaitlistOffer.Status.EXPIRED, WaitlistOffer.Status.DECLINED)

WAITLIST_ORDER = (F("waitlisted_at").asc(nulls_last=True), F("pk").asc())


def waitlist_of(*, edition: Edition) -> QuerySet[Application]:
    """The edition's waitlisted applications in waitlist order."""
    return Application.objects.filter(
        edition=edition, status=Application.Status.WAITLISTED
    ).order_by(*WAITLIST_ORDER)


def position_of(application: Application) -> int | None:
    """The application's place in its edition's waitlist (1 = next to be offered), or None
    when it is not waitlisted. One query."""
    if application.status != Application.Status.WAITLISTED:
        return None
    ahead = Application.objects.filter(
        edition_id=application.edition_id, status=Application.Status.WAITLISTED
    )
    if application.waitlisted_at is None:
        ahead = ahead.filter(Q(waitlisted_at__isnull=False) | Q(pk__lt=application.pk))
    else:
        ahead = ahead.filter(
            Q(waitlisted_at__lt=application.waitlisted_at)
            | Q(waitlisted_at=application.waitlisted_at, pk__lt=application.pk)
        )
    return ahead.count() + 1


def positions_for(applications) -> dict[int, int]:
    """Waitlist positions of several waitlisted applications (any editions) in one query,
    by application pk, in the order of position_of; the others are left out."""
    waiting = [a.pk for a in applications if a.status == Application.Status.WAITLISTED]
    if not waiting:
        return {}

    def ahead(condition: Q) -> Subquery:
        return Subquery(
            Application.objects.filter(
                condition, edition_id=OuterRef("edition_id"), status=Application.Status.WAITLISTED
            )
            .order_by()
            .values("edition_id")
            .annotate(n=Count("pk"))
            .values("n"),
            output_field=IntegerField(),
        )

    dated = Q(waitlisted_at__lt=OuterRef("waitlisted_at")) | Q(
        waitlisted_at=OuterRef("waitlisted_at"), pk__lt=OuterRef("pk")
    )
    # Without a date, behind every dated row (WAITLIST_ORDER: nulls last).
    undated = Q(waitlisted_at__isnull=False) | Q(waitlisted_at__isnull=True, pk__lt=OuterRef("pk"))
    rows = (
        Application.objects.filter(pk__in=waiting)
        .annotate(
            ahead=Case(
                When(waitlisted_at__isnull=True, then=Coalesce(ahead(undated), Value(0))),
                default=Coalesce(ahead(dated), Value(0)),
            )
        )
        .values_list("pk", "ahead")
    )
    return {pk: n + 1 for pk, n in rows}


def eligible_for_offer(*, edition: Edition) -> QuerySet[Application]:
    """The waitlist (in order) without those holding an open offer or who let one lapse."""
    open_offer = WaitlistOffer.objects.filter(
        application=OuterRef("pk"), status=WaitlistOffer.Status.OPEN
    )
    # An offer the teacher let lapse or turned down at this edition (on this application or an
    # earlier one they withdrew) is their one automatic offer.
    lapsed_offer = WaitlistOffer.objects.filter(
        application__edition=edition,
        application__teacher=OuterRef("teacher"),
        status__in=LAPSED,
    )
    return waitlist_of(edition=edition).exclude(Exists(open_offer)).exclude(Exists(lapsed_offer))


def offer_by_token(*, token: str) -> WaitlistOffer | None:
    """The offer with its application, teacher, school and edition (host country), in one
    query; None for an unknown token."""
    return (
        WaitlistOffer.objects.select_related(
            "application__teacher__user",
            "application__school__country",
            "application__edition__country",
        )
        .filter(token=token)
        .first()
    )


@dataclass(frozen=True)
class WaitlistStanding:
    """A waitlisted teacher's place in line and their offer, for the edition page."""

    position: int
    offer: WaitlistOffer | None  # open and before its deadline
    lapsed: bool  # an offer expired or was let run past its deadline: no automatic offer


def waitlist_standing(*, application: Application) -> WaitlistStanding | None:
    """None unless the application is waitlisted; else its position and live offer, in two
    queries (the row with its offers' facts, then the position), made only for a waitlisted
    teacher."""
    if application.status != Application.Status.WAITLISTED:
        return None
    now = timezone.now()
    offers = WaitlistOffer.objects.filter(application=OuterRef("pk"))
    live = offers.filter(status=WaitlistOffer.Status.OPEN, expires_at__gt=now)
    row = (
        Application.objects.filter(pk=application.pk, status=Application.Status.WAITLISTED)
        .annotate(
            offer_id=Subquery(live.values("pk")[:1]),
            offer_token=Subquery(live.values("token")[:1]),
            offer_expires_at=Subquery(live.values("expires_at")[:1]),
            lapsed=Exists(
                offers.filter(
                    Q(status=WaitlistOffer.Status.EXPIRED)
                    | Q(status=WaitlistOffer.Status.OPEN, expires_at__lte=now)
                )
            ),
        )
        .values(
            "pk",
            "edition_id",
            "status",
            "waitlisted_at",
            "offer_id",
            "offer_token",
            "offer_expires_at",
            "lapsed",
        )
        .first()
    )
    if row is None:
        return None
    offer = None
    if row["offer_token"] is not None:
        offer = WaitlistOffer(
            pk=row["offer_id"],
            application_id=row["pk"],
            token=row["offer_token"],
            expires_at=row["offer_expires_at"],
            status=WaitlistOffer.Status.OPEN,
        )
    position = position_of(
        Application(
            pk=row["pk"],
            edition_id=row["edition_id"],
            status=row["status"],
            waitlisted_at=row["waitlisted_at"],
        )
    )
    return WaitlistStanding(position=position, offer=offer, lapsed=row["lapsed"])
