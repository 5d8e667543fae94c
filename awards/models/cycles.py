"""A cycle and its rubric: categories, levels, criteria, the tie-break order and the
judging stages.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TieBreak(models.TextChoices):
    MEDIAN = "median", _("Higher median of the judges' scores")
    PRIMARY = "primary", _("Higher score on the primary criterion")
    RAW_MEAN = "raw_mean", _("Higher raw mean")
    CHAIR = "chair", _("Chair's decision, recorded with a reason")


class AwardCycle(models.Model):
    """The Awards of one edition, from the call for entries to published winners."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open for entries")
        JUDGING = "judging", _("Judging")
        PUBLISHED = "published", _("Results published")

    edition = models.OneToOneField(
        "conferences.Edition",
        verbose_name=_("edition"),
        on_delete=models.PROTECT,
        related_name="award_cycle",
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    introduction = models.TextField(_("introduction"), max_length=5000, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    entries_open_at = models.DateTimeField(_("entries open"), null=True, blank=True)
    entries_close_at = models.DateTimeField(_("entries close"), null=True, blank=True)
    judges_per_entry = models.PositiveSmallIntegerField(
        _("judges per entry"), default=3, help_text=_("How many judges score each entry.")
    )
    blind = models.BooleanField(
        _("blind judging"),
        default=True,
        help_text=_("Judges do not see the names of the schools and teachers."),
    )
    require_bi_regional = models.BooleanField(
        _("only bi-regional collaborations"),
        default=True,
        help_text=_("Member schools in Asia and in Europe."),
    )
    accept_running = models.BooleanField(_("running collaborations may enter"), default=True)
    accept_completed = models.BooleanField(_("completed collaborations may enter"), default=True)
    conflict_same_country = models.BooleanField(
        _("a judge is conflicted with entries from their own country"), default=False
    )
    # The order in which ties in the normalised score are broken, e.g. ["median", "primary",
    # "chair"]; fixed before judging starts.
    tie_break = models.JSONField(_("tie-break order"), default=list, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-edition__number"]
        verbose_name = _("award cycle")
        verbose_name_plural = _("award cycles")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["draft", "open", "judging", "published"]),
                name="awardcycle_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(judges_per_entry__gte=1), name="awardcycle_judges_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(entries_open_at__isnull=True)
                | models.Q(entries_close_at__isnull=True)
                | models.Q(entries_close_at__gt=models.F("entries_open_at")),
                name="awardcycle_entries_close_after_open",
            ),
        ]

    def __str__(self) -> str:
        return self.title or _("ClassNet Awards %(year)s") % {"year": self.edition.starts_on.year}

    def get_absolute_url(self) -> str:
        return reverse("awards:cycle", args=[self.edition.number])

    @property
    def accepts_entries(self) -> bool:
        if self.status != self.Status.OPEN:
            return False
        now = timezone.now()
        if self.entries_open_at and now < self.entries_open_at:
            return False
        return not (self.entries_close_at and now >= self.entries_close_at)

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class AwardCategory(models.Model):
    cycle = models.ForeignKey(
        AwardCycle, verbose_name=_("cycle"), on_delete=models.CASCADE, related_name="categories"
    )
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("award category")
        verbose_name_plural = _("award categories")
        constraints = [
            models.UniqueConstraint(fields=["cycle", "name"], name="awardcategory_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class AwardLevel(models.Model):
    """Gold, Merit…: rank 1 is the highest; `winners` per category at this level."""

    cycle = models.ForeignKey(
        AwardCycle, verbose_name=_("cycle"), on_delete=models.CASCADE, related_name="levels"
    )
    name = models.CharField(_("name"), max_length=60)
    rank = models.PositiveSmallIntegerField(_("rank"), default=1)
    winners = models.PositiveSmallIntegerField(
        _("winners per category"), default=1, help_text=_("How many entries of each category.")
    )

    class Meta:
        ordering = ["rank", "pk"]
        verbose_name = _("award level")
        verbose_name_plural = _("award levels")
        constraints = [
            models.UniqueConstraint(fields=["cycle", "name"], name="awardlevel_unique_name"),
            models.UniqueConstraint(fields=["cycle", "rank"], name="awardlevel_unique_rank"),
        ]

    def __str__(self) -> str:
        return self.name


class Criterion(models.Model):
    """One rubric criterion, scored as an integer from scale_min to scale_max."""

    cycle = models.ForeignKey(
        AwardCycle, verbose_name=_("cycle"), on_delete=models.CASCADE, related_name="criteria"
    )
    name = models.CharField(_("name"), max_length=120)
    guidance = models.TextField(_("guidance for judges"), max_length=3000, blank=True)
    weight = models.DecimalField(_("weight"), max_digits=5, decimal_places=2, default=1)
    scale_min = models.PositiveSmallIntegerField(_("lowest score"), default=1)
    scale_max = models.PositiveSmallIntegerField(_("highest score"), default=5)
    # {"1": "No evidence…", "5": "Exemplary…"}: a written descriptor per level.
    descriptors = models.JSONField(_("descriptors per level"), default=dict, blank=True)
    is_primary = models.BooleanField(
        _("primary criterion"), default=False, help_text=_("Used to break ties.")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [
            models.UniqueConstraint(fields=["cycle", "name"], name="criterion_unique_name"),
            models.UniqueConstraint(
                fields=["cycle"],
                condition=models.Q(is_primary=True),
                name="criterion_one_primary_per_cycle",
            ),
            models.CheckConstraint(
                condition=models.Q(scale_max__gt=models.F("scale_min")),
                name="criterion_scale_ordered",
            ),
            models.CheckConstraint(condition=models.Q(weight__gt=0), name="criterion_weight_pos"),
        ]

    def __str__(self) -> str:
        return self.name


class Stage(models.Model):
    """A round of judging (shortlist, then final), each with its own window and scores."""

    class Kind(models.TextChoices):
        SHORTLIST = "shortlist", _("Shortlist")
        FINAL = "final", _("Final")

    class Status(models.TextChoices):
        PENDING = "pending", _("Not started")
        OPEN = "open", _("Judging")
        CLOSED = "closed", _("Closed")

    cycle = models.ForeignKey(
        AwardCycle, verbose_name=_("cycle"), on_delete=models.CASCADE, related_name="stages"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    position = models.PositiveSmallIntegerField(_("order"), default=1)
    opens_at = models.DateTimeField(_("judging opens"), null=True, blank=True)
    closes_at = models.DateTimeField(_("judging closes"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    entries = models.ManyToManyField(
        "Entry", verbose_name=_("entries"), related_name="stages", blank=True
    )

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("judging stage")
        verbose_name_plural = _("judging stages")
        constraints = [
            models.UniqueConstraint(fields=["cycle", "kind"], name="stage_one_per_kind"),
            models.CheckConstraint(
                condition=models.Q(kind__in=["shortlist", "final"]), name="stage_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["pending", "open", "closed"]),
                name="stage_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cycle} · {self.get_kind_display()}"
