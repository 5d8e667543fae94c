"""Reads for the judges' panel: judges with their counts, entries with their schools, the
judges' regions, every conflict of interest in a cycle (conflicts_for), the assignments
board of a stage (assignment_board), an invitation by its token, and the staff forms' choices."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from collaborations.models import Membership
from schools.models import Region

from ..models import Assignment, AwardCycle, Conflict, CycleJudge, Entry, Stage
from .entries import entries_with_schools

REGIONS = (Region.ASIA, Region.EUROPE)
JUDGED = (Entry.Status.SUBMITTED,)  # entries that are judged (not drafts, withdrawn, out)


def judges_for_staff(*, cycle: AwardCycle) -> QuerySet[CycleJudge]:
    """The cycle's judges with their person, school, country and their assignments counted
    (all stages): one query."""
    return (
        CycleJudge.objects.filter(cycle=cycle)
        .select_related("user__country", "user__teacher_profile__school__country")
        .annotate(
            assigned=Count("assignments", distinct=True),
            done=Count(
                "assignments",
                filter=Q(assignments__status=Assignment.Status.SUBMITTED),
                distinct=True,
            ),
        )
        .order_by("user__full_name", "pk")
    )


def judge_country(judge: CycleJudge):
    """The judge's country: their school's when they teach, else the one on their account."""
    profile = getattr(judge.user, "teacher_profile", None)
    if profile is not None and profile.school_id is not None:
        return profile.school.country
    return judge.user.country


def entry_countries(entry: Entry) -> list:
    """The entry's collaboration's countries, by name, from the prefetched memberships."""
    countries = {m.school.country for m in entry.collaboration.memberships.all()}
    return sorted(countries, key=lambda country: country.name)


def judged_entries(*, cycle: AwardCycle) -> QuerySet[Entry]:
    return entries_with_schools(
        Entry.objects.filter(cycle=cycle, status__in=JUDGED), schools_by_country=True
    )


def judge_facts(cycle: AwardCycle) -> dict[int, dict]:
    """Per CycleJudge pk: user, school, country and region. One query."""
    rows = CycleJudge.objects.filter(cycle=cycle).values(
        "pk",
        "user_id",
        "status",
        "user__country_id",
        "user__country__region",
        "user__teacher_profile__school_id",
        "user__teacher_profile__school__country_id",
        "user__teacher_profile__school__country__region",
    )
    facts = {}
    for row in rows:
        school_country = row["user__teacher_profile__school__country_id"]
        facts[row["pk"]] = {
            "user_id": row["user_id"],
            "status": row["status"],
            "school_id": row["user__teacher_profile__school_id"],
            "country_id": school_country or row["user__country_id"],
            "region": (
                row["user__teacher_profile__school__country__region"]
                if school_country
                else row["user__country__region"]
            ),
        }
    return facts


def judge_regions(*, cycle: AwardCycle) -> dict[int, str | None]:
    """Per CycleJudge pk, their region ("asia", "europe" or None when unknown)."""
    return {pk: facts["region"] for pk, facts in judge_facts(cycle).items()}


def conflicts_for(cycle: AwardCycle) -> dict[tuple[int, int], str]:
    """Every conflict in the cycle, {(cycle judge pk, entry pk): reason}, found from the data
    and declared. Four queries whatever the number of judges and entries."""
    facts = judge_facts(cycle)
    entries = defaultdict(list)  # collaboration pk -> entry pks
    for pk, collaboration_id in Entry.objects.filter(cycle=cycle).values_list(
        "pk", "collaboration_id"
    ):
        entries[collaboration_id].append(pk)
    schools, teachers, countries = defaultdict(set), defaultdict(set), defaultdict(set)
    for collaboration_id, school_id, user_id, country_id in Membership.objects.filter(
        collaboration_id__in=list(entries)
    ).values_list("collaboration_id", "school_id", "teacher__user_id", "school__country_id"):
        schools[collaboration_id].add(school_id)
        teachers[collaboration_id].add(user_id)
        countries[collaboration_id].add(country_id)
    found: dict[tuple[int, int], str] = {}
    for judge_id, judge in facts.items():
        for collaboration_id, entry_ids in entries.items():
            if judge["user_id"] in teachers[collaboration_id]:
                reason = _("Teaches in the collaboration")
            elif judge["school_id"] and judge["school_id"] in schools[collaboration_id]:
                reason = _("Their school is a member of the collaboration")
            elif (
                cycle.conflict_same_country
                and judge["country_id"]
                and judge["country_id"] in countries[collaboration_id]
            ):
                reason = _("From a country of the collaboration")
            else:
                continue
            for entry_id in entry_ids:
                found[(judge_id, entry_id)] = reason
    labels = {
        Conflict.Source.DECLARED: _("Declared by the judge"),
        Conflict.Source.STAFF: _("Added by staff"),
    }
    for judge_id, entry_id, source, reason in Conflict.objects.filter(
        judge__cycle=cycle
    ).values_list("judge_id", "entry_id", "source", "reason"):
        label = labels.get(source, source)
        found[(judge_id, entry_id)] = f"{label}: {reason}" if reason else label
    return found


def judge_name(judge: CycleJudge) -> dict:
    """The judge's name for a message's placeholders (their e-mail when they gave no name)."""
    return {"name": judge.user.full_name or judge.user.email}


def panel_frozen_reason(cycle: AwardCycle) -> str | None:
    """Why the panel (invitations, removals, the chair) and the assignments can no longer
    change, or None: the results are published and frozen."""
    if cycle.status == AwardCycle.Status.PUBLISHED:
        return _("The results are published and frozen: the panel and its assignments stay.")
    return None


def conflicts_closed_reason(cycle: AwardCycle, *, stages: list[Stage] | None = None) -> str | None:
    """Why conflicts of interest can no longer be declared or recorded, or None: after
    publication, or once every stage of the cycle is closed (no assignment is ahead to spare
    the judge; submitted scores stay as they are). `stages`: the cycle's stages, when the
    caller has them (otherwise cycle.stages.all(), which a prefetch may answer)."""
    if cycle.status == AwardCycle.Status.PUBLISHED:
        return _(
            "The results are published and frozen: conflicts of interest can no longer be "
            "declared or changed."
        )
    statuses = [stage.status for stage in (cycle.stages.all() if stages is None else stages)]
    if statuses and all(status == Stage.Status.CLOSED for status in statuses):
        return _(
            "Judging is over: every stage is closed, so conflicts of interest can no longer "
            "be declared or changed."
        )
    return None


@dataclass
class BoardRow:
    entry: Entry
    countries: list
    assignments: list[Assignment]
    eligible: list[CycleJudge]
    missing: int
    lacking_regions: list[str]


@dataclass
class Board:
    rows: list[BoardRow]
    judges: list[CycleJudge]  # active judges, each with .load and .region
    k: int

    @property
    def short(self) -> list[BoardRow]:
        return [row for row in self.rows if row.missing > 0]

    @property
    def one_region(self) -> list[BoardRow]:
        return [row for row in self.rows if row.assignments and row.lacking_regions]

    @property
    def assigned(self) -> int:
        return sum(len(row.assignments) for row in self.rows)

    @property
    def spread(self) -> int:
        loads = [judge.load for judge in self.judges]
        return max(loads) - min(loads) if loads else 0


def assignment_board(*, stage: Stage) -> Board:
    """Every entry of the stage with its judges (region, load), who could still be added,
    and what is missing; the active judges with their loads. Nine queries, however many
    entries and judges."""
    cycle = stage.cycle
    region_labels = dict(Region.choices)
    facts = judge_facts(cycle)
    conflicts = conflicts_for(cycle)
    judges = list(
        CycleJudge.objects.filter(cycle=cycle, status=CycleJudge.Status.ACTIVE)
        .select_related("user")
        .order_by("user__full_name", "pk")
    )
    by_entry: dict[int, list[Assignment]] = defaultdict(list)
    load: dict[int, int] = defaultdict(int)
    for assignment in Assignment.objects.filter(stage=stage).select_related("judge__user"):
        assignment.region = facts.get(assignment.judge_id, {}).get("region")
        by_entry[assignment.entry_id].append(assignment)
        load[assignment.judge_id] += 1
    for judge in judges:
        judge.load = load[judge.pk]
        judge.region = facts[judge.pk]["region"]
    by_load = sorted(judges, key=lambda judge: (judge.load, judge.user.full_name, judge.pk))
    rows = []
    entries = entries_with_schools(
        stage.entries.filter(status__in=JUDGED), schools_by_country=True
    ).order_by("collaboration__title", "pk")
    for entry in entries:
        assignments = sorted(by_entry[entry.pk], key=lambda a: (a.judge.user.full_name, a.pk))
        on = {a.judge_id for a in assignments}
        regions = {a.region for a in assignments}
        rows.append(
            BoardRow(
                entry=entry,
                countries=entry_countries(entry),
                assignments=assignments,
                eligible=[
                    j for j in by_load if j.pk not in on and (j.pk, entry.pk) not in conflicts
                ],
                missing=max(0, cycle.judges_per_entry - len(assignments)),
                lacking_regions=[region_labels[r] for r in REGIONS if r not in regions],
            )
        )
    return Board(rows=rows, judges=judges, k=cycle.judges_per_entry)


def judge_by_token(*, token: str) -> CycleJudge | None:
    return (
        CycleJudge.objects.select_related("user", "cycle__edition", "invited_by")
        .filter(token=token)
        .first()
    )


def active_judgeship(*, cycle: AwardCycle, user) -> CycleJudge:
    """The user's active judgeship of the cycle (its cycle set); a 404 for anyone else."""
    judge = get_object_or_404(
        CycleJudge.objects.select_related("user"),
        cycle=cycle,
        user=user,
        status=CycleJudge.Status.ACTIVE,
    )
    judge.cycle = cycle
    return judge


# --- Choices of the staff forms -----------------------------------------------------------


def panel_judges(cycle: AwardCycle) -> QuerySet[CycleJudge]:
    """Every judge of the cycle's panel, whatever their status (an action's choice)."""
    return CycleJudge.objects.filter(cycle=cycle).select_related("user", "cycle")


def judges_who_may_conflict(cycle: AwardCycle) -> QuerySet[CycleJudge]:
    """The invited and active judges: those staff may record a conflict for."""
    return (
        CycleJudge.objects.filter(cycle=cycle)
        .exclude(status__in=[CycleJudge.Status.DECLINED, CycleJudge.Status.REMOVED])
        .select_related("user")
    )


def submitted_entries_by_title(cycle: AwardCycle) -> QuerySet[Entry]:
    return (
        Entry.objects.filter(cycle=cycle, status=Entry.Status.SUBMITTED)
        .select_related("collaboration")
        .order_by("collaboration__title")
    )


def active_judges(*, cycle_id: int) -> QuerySet[CycleJudge]:
    return CycleJudge.objects.filter(
        cycle_id=cycle_id, status=CycleJudge.Status.ACTIVE
    ).select_related("user")


def stage_assignments(stage: Stage) -> QuerySet[Assignment]:
    return Assignment.objects.filter(stage=stage)


def judge_of_cycle(*, cycle: AwardCycle, pk: int) -> CycleJudge:
    """A judge of the cycle's panel, whatever their status; a 404 for another cycle's judge."""
    return get_object_or_404(panel_judges(cycle), pk=pk)
