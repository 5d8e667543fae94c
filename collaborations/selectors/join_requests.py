"""Reads about join requests: those waiting for a collaboration's leads, a teacher's own, and
how fast a lead usually answers."""

import datetime
import math
from collections.abc import Iterable

from django.db.models import Count, F, QuerySet, Window
from django.db.models.functions import RowNumber

from ..models import Collaboration, JoinRequest, Membership


def pending_requests(*, collaboration: Collaboration) -> QuerySet[JoinRequest]:
    return (
        collaboration.join_requests.filter(status=JoinRequest.Status.PENDING)
        .select_related("teacher__user", "school__country")
        .order_by("created_at", "pk")
    )


def requests_of(*, user) -> QuerySet[JoinRequest]:
    """A teacher's own join requests, newest first."""
    return (
        JoinRequest.objects.filter(teacher__user=user)
        .select_related("collaboration", "school")
        .order_by("-created_at", "-pk")
    )


def waiting_counts(*, collaboration_ids: Iterable[int]) -> dict[int, int]:
    """Pending join requests per collaboration (one query; none when there are no ids)."""
    collaboration_ids = list(collaboration_ids)
    if not collaboration_ids:
        return {}
    return dict(
        JoinRequest.objects.filter(
            collaboration__in=collaboration_ids, status=JoinRequest.Status.PENDING
        )
        .order_by()
        .values_list("collaboration")
        .annotate(n=Count("pk"))
    )


def join_request_of(*, collaboration: Collaboration, pk: int, teacher_user=None) -> JoinRequest:
    """One join request of the collaboration (with its school); only the teacher's own when
    `teacher_user` is given. Raises JoinRequest.DoesNotExist."""
    requests = JoinRequest.objects.select_related("school").filter(collaboration=collaboration)
    if teacher_user is not None:
        requests = requests.filter(teacher__user=teacher_user)
    return requests.get(pk=pk)


RESPONSE_SAMPLE = 20  # the last answers a lead's typical response time is taken from


def lead_response_times(*, teacher_ids: Iterable[int]) -> dict[int, datetime.timedelta | None]:
    """How fast each lead usually answers join requests: the median of (answered - sent)
    over the last RESPONSE_SAMPLE requests they accepted or declined in the collaborations
    they lead (withdrawn requests are not answers). None for a lead with no answers yet.

    The median, not the mean: one request left for a month during the holidays should not
    hide that a lead usually answers in two days. One query for all the leads (the last 20
    per lead picked with a window function), the medians computed here.
    """
    teacher_ids = set(teacher_ids)
    if not teacher_ids:
        return {}
    times: dict[int, list[datetime.timedelta]] = {pk: [] for pk in teacher_ids}
    lead = F("collaboration__memberships__teacher_id")
    rows = (
        JoinRequest.objects.filter(
            collaboration__memberships__role=Membership.Role.LEAD,
            collaboration__memberships__teacher_id__in=teacher_ids,
            status__in=[JoinRequest.Status.ACCEPTED, JoinRequest.Status.DECLINED],
            decided_at__isnull=False,
        )
        .annotate(
            lead_id=lead,
            recent=Window(
                RowNumber(), partition_by=[lead], order_by=[F("decided_at").desc(), F("pk").desc()]
            ),
        )
        .filter(recent__lte=RESPONSE_SAMPLE)
        .order_by()
        .values_list("lead_id", "created_at", "decided_at")
    )
    for lead_id, created_at, decided_at in rows:
        times[lead_id].append(max(decided_at - created_at, datetime.timedelta(0)))
    return {pk: median_duration(durations) for pk, durations in times.items()}


def median_duration(durations: list[datetime.timedelta]) -> datetime.timedelta | None:
    """The middle value (the mean of the two middle ones for an even count); None if empty."""
    if not durations:
        return None
    ordered = sorted(durations)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def response_days(duration: datetime.timedelta | None) -> int | None:
    """Whole days to promise ("usually answers within 2 days"): rounded up, at least 1."""
    if duration is None:
        return None
    return max(1, math.ceil(duration / datetime.timedelta(days=1)))
