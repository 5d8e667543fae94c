"""Results and publication: a stage's table (loaded in a fixed number of queries and computed by
awards.scoring), advancing the shortlist to the final, the chair's decisions on ties, choosing
the winners, publishing them (frozen, entrants told once) and amending after publication (with a
reason, recorded and shown publicly).

Every write is a keyword-only atomic service raising AwardsError with a message for staff.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit.services import audit_record
from core.mail import absolute_url, send_templated_email

from ..errors import AwardsError
from ..models import (
    Award,
    AwardCycle,
    AwardLevel,
    ChairDecision,
    Entry,
    Stage,
)
from ..selectors.results import AMENDED, stage_table


def _not_published(cycle: AwardCycle) -> None:
    if cycle.is_published:
        raise AwardsError(
            _("The results are published and frozen: amend an award with a reason instead.")
        )


@transaction.atomic
def stage_advance(
    *, stage: Stage, by, count: int | None = None, entry_ids: Iterable[int] | None = None
) -> Stage:
    """Put the shortlist's top `count` (by the ranking) or the ticked entries into the final
    stage (created when missing). Entries already in the final stay there. Refused until the
    shortlist is closed: while it is open (or not started) its ranking can still change."""
    cycle = AwardCycle.objects.select_for_update().get(pk=stage.cycle_id)
    _not_published(cycle)
    if stage.kind != Stage.Kind.SHORTLIST:
        raise AwardsError(_("Only the shortlist advances entries to the final."))
    status = Stage.objects.filter(pk=stage.pk).values_list("status", flat=True).get()
    if status == Stage.Status.PENDING:
        raise AwardsError(
            _("The shortlist stage has not started: there is no ranking to advance from yet.")
        )
    if status != Stage.Status.CLOSED:
        raise AwardsError(
            _(
                "The shortlist stage is still open: judges can still change its ranking. "
                "Close it on the cycle's page first, then advance entries to the final."
            )
        )
    table = stage_table(stage=stage)
    ranked = [row.entry.pk for row in table.rows if row.result.scored]
    if entry_ids:
        chosen = [int(pk) for pk in entry_ids]
        unknown = set(chosen) - {row.entry.pk for row in table.rows}
        if unknown:
            raise AwardsError(_("Only entries of the shortlist can advance to the final."))
    elif count:
        if count < 1:
            raise AwardsError(_("Advance at least one entry."))
        if count > len(ranked):
            raise AwardsError(
                _("Only %(n)s entries have scores in the shortlist; advance %(n)s or fewer.")
                % {"n": len(ranked)}
            )
        chosen = ranked[:count]
    else:
        raise AwardsError(_("Give a number of entries, or tick the entries to advance."))
    final, _created = Stage.objects.get_or_create(
        cycle=cycle,
        kind=Stage.Kind.FINAL,
        defaults={"position": stage.position + 1, "status": Stage.Status.PENDING},
    )
    final.entries.add(*chosen)
    audit_record(
        actor=by,
        action="stage.advanced",
        target=cycle,
        note=_("%(n)s entries advanced to the final") % {"n": len(chosen)},
    )
    return final


@transaction.atomic
def chair_decide(*, stage: Stage, entry: Entry, order: int, reason: str, by) -> ChairDecision:
    """Record (or change) the chair's order for an entry tied after the other tie-breaks."""
    cycle = AwardCycle.objects.select_for_update().get(pk=stage.cycle_id)
    _not_published(cycle)
    if entry.cycle_id != cycle.pk:
        raise AwardsError(_("This entry is not in this cycle."))
    reason = (reason or "").strip()
    if not reason:
        raise AwardsError(_("Write the reason for the chair's decision."))
    if order < 1:
        raise AwardsError(_("The order starts at 1 (goes first)."))
    decision, _created = ChairDecision.objects.update_or_create(
        stage=stage, entry=entry, defaults={"order": order, "reason": reason, "decided_by": by}
    )
    audit_record(
        actor=by,
        action="chair.decided",
        target=cycle,
        note=_("Entry %(pk)s placed %(order)s among the tied: %(reason)s")
        % {"pk": entry.pk, "order": order, "reason": reason},
    )
    return decision


def _check_choice(cycle: AwardCycle, choices: Mapping[int, int]) -> dict[int, Entry]:
    levels = {level.pk: level for level in AwardLevel.objects.filter(cycle=cycle)}
    entries = {
        entry.pk: entry
        for entry in Entry.objects.filter(
            cycle=cycle, pk__in=list(choices), status=Entry.Status.SUBMITTED
        ).select_related("category", "collaboration")
    }
    if set(choices) - set(entries):
        raise AwardsError(_("Only submitted entries of this cycle can win."))
    if set(choices.values()) - set(levels):
        raise AwardsError(_("Choose one of this cycle's award levels."))
    counts: dict[tuple[int, int], int] = {}
    for entry_id, level_id in choices.items():
        key = (entries[entry_id].category_id, level_id)
        counts[key] = counts.get(key, 0) + 1
        level = levels[level_id]
        if counts[key] > level.winners:
            raise AwardsError(
                _("%(level)s: at most %(n)s in the category “%(category)s”.")
                % {
                    "level": level.name,
                    "n": level.winners,
                    "category": entries[entry_id].category.name,
                }
            )
    return entries


@transaction.atomic
def awards_choose(
    *, cycle: AwardCycle, choices: Mapping[int, int], citations: Mapping[int, str], by
) -> list[Award]:
    """Set the winners before publication: `choices` entry id -> level id (entries left out
    win nothing), `citations` entry id -> text. Replaces the previous choice."""
    cycle = AwardCycle.objects.select_for_update().get(pk=cycle.pk)
    _not_published(cycle)
    _check_choice(cycle, choices)
    Award.objects.filter(cycle=cycle).exclude(entry_id__in=list(choices)).delete()
    existing = {award.entry_id: award for award in Award.objects.filter(cycle=cycle)}
    awards = []
    for entry_id, level_id in choices.items():
        award = existing.get(entry_id) or Award(cycle=cycle, entry_id=entry_id)
        award.level_id = level_id
        award.citation = (citations.get(entry_id) or "").strip()
        award.full_clean()
        award.save()
        awards.append(award)
    audit_record(
        actor=by,
        action="awards.chosen",
        target=cycle,
        note=_("%(n)s winners chosen") % {"n": len(awards)},
    )
    return awards


@transaction.atomic
def cycle_publish(*, cycle: AwardCycle, by) -> AwardCycle:
    """Publish the winners: the cycle is frozen (a stage still open is closed: judging is
    over), and every entrant of a submitted entry is told by e-mail, once (a cycle is
    published only once)."""
    cycle = AwardCycle.objects.select_for_update().select_related("edition").get(pk=cycle.pk)
    if cycle.is_published:
        raise AwardsError(_("These results are already published."))
    if cycle.status != AwardCycle.Status.JUDGING:
        raise AwardsError(_("Results are published after judging; this cycle is not judging."))
    if not Award.objects.filter(cycle=cycle).exists():
        raise AwardsError(_("Choose at least one winner before publishing."))
    cycle.status = AwardCycle.Status.PUBLISHED
    cycle.published_at = timezone.now()
    cycle.published_by = by
    cycle.save(update_fields=["status", "published_at", "published_by"])
    audit_record(actor=by, action="awards.published", target=cycle)
    # Judging is over: a stage still open closes, so that no scorecard changes the figures
    # (nor a reminder goes out) after publication.
    still_open = list(Stage.objects.filter(cycle=cycle, status=Stage.Status.OPEN))
    Stage.objects.filter(pk__in=[stage.pk for stage in still_open]).update(
        status=Stage.Status.CLOSED
    )
    for stage in still_open:
        audit_record(
            actor=by,
            action="awardcycle.stage_closed",
            target=cycle,
            note=_("%(stage)s, closed by the publication") % {"stage": stage.get_kind_display()},
        )
    entries = Entry.objects.filter(cycle=cycle, status=Entry.Status.SUBMITTED).select_related(
        "collaboration", "submitted_by__user", "award__level"
    )
    cycle_url = absolute_url(cycle.get_absolute_url())
    for entry in entries:
        award = getattr(entry, "award", None)
        send_templated_email(
            template="award_results",
            to=[entry.submitted_by.user.email],
            context={
                "cycle": cycle,
                "entry": entry,
                "name": entry.submitted_by.user.full_name,
                "award": award,
                "cycle_url": cycle_url,
                "feedback_url": absolute_url(reverse("awards:entry_feedback", args=[entry.pk])),
            },
        )
    return cycle


@transaction.atomic
def award_amend(
    *,
    cycle: AwardCycle,
    entry: Entry,
    level: AwardLevel | None,
    citation: str = "",
    reason: str,
    by,
) -> Award | None:
    """Change one award after publication (give, change or withdraw it): a reason is required;
    the change is recorded and shown on the public page as “Amended on …: reason”."""
    cycle = AwardCycle.objects.select_for_update().get(pk=cycle.pk)
    if not cycle.is_published:
        raise AwardsError(_("The results are not published yet: change the choice directly."))
    reason = (reason or "").strip()
    if not reason:
        raise AwardsError(_("A change after publication needs a reason; it is shown publicly."))
    if entry.cycle_id != cycle.pk or entry.status != Entry.Status.SUBMITTED:
        raise AwardsError(_("Only submitted entries of this cycle can win."))
    if level is not None and level.cycle_id != cycle.pk:
        raise AwardsError(_("Choose one of this cycle's award levels."))
    award = Award.objects.filter(entry=entry).first()
    if level is None:
        if award is None:
            raise AwardsError(_("This entry has no award to withdraw."))
        award.delete()
        award = None
    else:
        award = award or Award(cycle=cycle, entry=entry)
        award.level = level
        award.citation = (citation or "").strip()
        award.full_clean()
        award.save()
    audit_record(actor=by, action=AMENDED, target=cycle, note=reason)
    return award
