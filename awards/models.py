"""The ClassNet Awards: one cycle per edition; entries; judges, conflicts and assignments per
stage; scorecards; results published by staff.

Every score belongs to one stage's assignment: the final never overwrites the shortlist.
A judge's scorecard is a draft until submitted, then locked.
"""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_token() -> str:
    return secrets.token_urlsafe(32)


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


class Entry(models.Model):
    """A collaboration entered by its lead teacher."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        DISQUALIFIED = "disqualified", _("Disqualified")

    cycle = models.ForeignKey(
        AwardCycle, verbose_name=_("cycle"), on_delete=models.CASCADE, related_name="entries"
    )
    collaboration = models.ForeignKey(
        "collaborations.Collaboration",
        verbose_name=_("collaboration"),
        on_delete=models.PROTECT,
        related_name="award_entries",
    )
    category = models.ForeignKey(
        AwardCategory, verbose_name=_("category"), on_delete=models.PROTECT, related_name="entries"
    )
    submitted_by = models.ForeignKey(
        "teachers.TeacherProfile",
        verbose_name=_("entered by"),
        on_delete=models.PROTECT,
        related_name="award_entries",
    )
    statement = models.TextField(_("statement"), max_length=8000)
    student_count = models.PositiveIntegerField(
        _("students engaged"), help_text=_("How many students took part, in all schools.")
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("award entry")
        verbose_name_plural = _("award entries")
        indexes = [models.Index(fields=["cycle", "status"], name="entry_cycle_status")]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "collaboration"],
                condition=~models.Q(status="withdrawn"),
                name="entry_one_active_per_collaboration",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["draft", "submitted", "withdrawn", "disqualified"]),
                name="entry_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(student_count__lte=100000), name="entry_student_count_sane"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.collaboration} ({self.cycle})"

    @property
    def blind_label(self) -> str:
        """What judges call the entry in blind judging: never its title, which finds the
        collaboration's public page and its schools."""
        return _("Entry %(n)s") % {"n": self.pk}


def evidence_path(instance, filename: str) -> str:
    return f"awards/evidence/{secrets.token_hex(16)}/{filename}"


class Evidence(models.Model):
    """A link or a file that shows the work (a video, a report, the students' site)."""

    entry = models.ForeignKey(
        Entry, verbose_name=_("entry"), on_delete=models.CASCADE, related_name="evidence"
    )
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("link"), max_length=500, blank=True)
    file = models.FileField(_("file"), upload_to=evidence_path, blank=True)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        constraints = [
            models.CheckConstraint(
                condition=(~models.Q(url="") & models.Q(file=""))
                | (models.Q(url="") & ~models.Q(file="")),
                name="evidence_link_or_file",
            )
        ]

    def __str__(self) -> str:
        return self.title


class CycleJudge(models.Model):
    """A person invited to judge a cycle; they accept from the e-mailed link."""

    class Status(models.TextChoices):
        INVITED = "invited", _("Invited")
        ACTIVE = "active", _("Judging")
        DECLINED = "declined", _("Declined")
        REMOVED = "removed", _("Removed")

    cycle = models.ForeignKey(
        AwardCycle, verbose_name=_("cycle"), on_delete=models.CASCADE, related_name="judges"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("judge"),
        on_delete=models.CASCADE,
        related_name="judging",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.INVITED
    )
    is_chair = models.BooleanField(_("chair"), default=False)
    token = models.CharField(_("token"), max_length=64, unique=True, default=new_token)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    invited_at = models.DateTimeField(_("invited at"), default=timezone.now)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        ordering = ["cycle", "user__full_name"]
        verbose_name = _("judge")
        verbose_name_plural = _("judges")
        constraints = [
            models.UniqueConstraint(fields=["cycle", "user"], name="cyclejudge_once"),
            models.CheckConstraint(
                condition=models.Q(status__in=["invited", "active", "declined", "removed"]),
                name="cyclejudge_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.cycle}"


class Conflict(models.Model):
    """A judge must not score an entry: declared by the judge, or added by staff. Conflicts
    found from the data (the judge's school is a member; the same country when the cycle says
    so) are computed at assignment time and need no row."""

    class Source(models.TextChoices):
        DECLARED = "declared", _("Declared by the judge")
        STAFF = "staff", _("Added by staff")

    judge = models.ForeignKey(
        CycleJudge, verbose_name=_("judge"), on_delete=models.CASCADE, related_name="conflicts"
    )
    entry = models.ForeignKey(
        Entry, verbose_name=_("entry"), on_delete=models.CASCADE, related_name="conflicts"
    )
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("declared at"), auto_now_add=True)

    class Meta:
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        constraints = [
            models.UniqueConstraint(fields=["judge", "entry"], name="conflict_once"),
        ]

    def __str__(self) -> str:
        return f"{self.judge} ✕ {self.entry}"


class Assignment(models.Model):
    """A judge scores an entry in a stage; the scorecard is this row plus its scores."""

    class Status(models.TextChoices):
        ASSIGNED = "assigned", _("Not started")
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")

    stage = models.ForeignKey(
        Stage, verbose_name=_("stage"), on_delete=models.CASCADE, related_name="assignments"
    )
    entry = models.ForeignKey(
        Entry, verbose_name=_("entry"), on_delete=models.CASCADE, related_name="assignments"
    )
    judge = models.ForeignKey(
        CycleJudge, verbose_name=_("judge"), on_delete=models.CASCADE, related_name="assignments"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ASSIGNED
    )
    by_hand = models.BooleanField(_("assigned by hand"), default=False)
    comment_to_staff = models.TextField(_("comment to staff"), max_length=5000, blank=True)
    comment_to_entrant = models.TextField(_("comment to the entrant"), max_length=5000, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True)
    created_at = models.DateTimeField(_("assigned at"), auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        indexes = [models.Index(fields=["judge", "stage"], name="assignment_judge_stage")]
        constraints = [
            models.UniqueConstraint(
                fields=["stage", "entry", "judge"], name="assignment_once_per_stage"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["assigned", "draft", "submitted"]),
                name="assignment_status_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="submitted") | models.Q(submitted_at__isnull=False),
                name="assignment_submitted_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.judge.user} → {self.entry} ({self.stage.get_kind_display()})"


class AssignmentNotice(models.Model):
    """A judge was e-mailed that entries are assigned to them in a stage: once per judge and
    stage, whatever runs of the automatic assignment or assignments by hand follow. The row is
    the claim (its unique constraint): two writes at once send one e-mail."""

    stage = models.ForeignKey(
        Stage, verbose_name=_("stage"), on_delete=models.CASCADE, related_name="notices"
    )
    judge = models.ForeignKey(
        CycleJudge, verbose_name=_("judge"), on_delete=models.CASCADE, related_name="notices"
    )
    notified_at = models.DateTimeField(_("notified at"), default=timezone.now)

    class Meta:
        verbose_name = _("assignment notice")
        verbose_name_plural = _("assignment notices")
        constraints = [
            models.UniqueConstraint(fields=["stage", "judge"], name="assignmentnotice_once"),
        ]

    def __str__(self) -> str:
        return f"{self.judge} · {self.stage}"


class Score(models.Model):
    """One criterion's score on one scorecard (an integer within the criterion's scale,
    checked by the service, which knows the scale)."""

    assignment = models.ForeignKey(
        Assignment, verbose_name=_("assignment"), on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(
        Criterion, verbose_name=_("criterion"), on_delete=models.PROTECT, related_name="scores"
    )
    value = models.PositiveSmallIntegerField(_("score"))

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["assignment", "criterion"], name="score_once"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.value}"


class ChairDecision(models.Model):
    """The chair's order for entries still tied after the cycle's other tie-breaks."""

    stage = models.ForeignKey(
        Stage, verbose_name=_("stage"), on_delete=models.CASCADE, related_name="chair_decisions"
    )
    entry = models.ForeignKey(
        Entry, verbose_name=_("entry"), on_delete=models.CASCADE, related_name="chair_decisions"
    )
    order = models.PositiveSmallIntegerField(
        _("order among the tied"), help_text=_("1 goes first.")
    )
    reason = models.TextField(_("reason"), max_length=2000)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), auto_now_add=True)

    class Meta:
        verbose_name = _("chair decision")
        verbose_name_plural = _("chair decisions")
        constraints = [
            models.UniqueConstraint(fields=["stage", "entry"], name="chairdecision_once"),
        ]

    def __str__(self) -> str:
        return f"{self.entry}: {self.order}"


class Award(models.Model):
    """A winner: an entry given a level in its category. Frozen once the cycle is published;
    a change after publication needs a reason and is recorded (audit)."""

    cycle = models.ForeignKey(
        AwardCycle, verbose_name=_("cycle"), on_delete=models.CASCADE, related_name="awards"
    )
    entry = models.OneToOneField(
        Entry, verbose_name=_("entry"), on_delete=models.PROTECT, related_name="award"
    )
    level = models.ForeignKey(
        AwardLevel, verbose_name=_("level"), on_delete=models.PROTECT, related_name="awards"
    )
    citation = models.TextField(_("citation"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("awarded at"), auto_now_add=True)

    class Meta:
        ordering = ["level__rank", "pk"]
        verbose_name = _("award")
        verbose_name_plural = _("awards")

    def __str__(self) -> str:
        return f"{self.level}: {self.entry}"
