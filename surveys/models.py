"""Network research surveys: staff build them, invited teachers answer once.

Anonymous surveys never store who answered what: the Invitation records only that its person
has answered (to stop doubles); the Response has no respondent. While a respondent saves a draft
to come back later, the draft lives on their Invitation (draft_answers) and is wiped when they
submit. Responses keep the respondent's country, region and school kind (for the results'
filters), never their school or name.
"""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from schools.models import Country, Region, SchoolKind


def new_token() -> str:
    return secrets.token_urlsafe(32)


class Survey(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    class Audience(models.TextChoices):
        ALL = "all", _("All verified teachers")
        COUNTRIES = "countries", _("Teachers of chosen countries")
        REGIONS = "regions", _("Teachers of chosen regions")
        SCHOOL_KINDS = "school_kinds", _("Teachers of chosen school kinds")
        EDITION = "edition", _("Participants of an edition")

    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"), max_length=5000, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    anonymous = models.BooleanField(
        _("anonymous"),
        default=True,
        help_text=_("Answers are never linked to the person who gave them."),
    )
    opens_at = models.DateTimeField(_("opens"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True)
    audience = models.CharField(
        _("audience"), max_length=15, choices=Audience.choices, default=Audience.ALL
    )
    audience_countries = models.ManyToManyField(
        Country, verbose_name=_("countries"), blank=True, related_name="+"
    )
    audience_regions = models.JSONField(_("regions"), default=list, blank=True)
    audience_school_kinds = models.JSONField(_("school kinds"), default=list, blank=True)
    audience_edition = models.ForeignKey(
        "conferences.Edition",
        verbose_name=_("edition"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="surveys",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["draft", "open", "closed"]),
                name="survey_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(opens_at__isnull=True)
                | models.Q(closes_at__isnull=True)
                | models.Q(closes_at__gt=models.F("opens_at")),
                name="survey_closes_after_opens",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("surveys:answer", args=[self.pk])

    @property
    def accepts_answers(self) -> bool:
        if self.status != self.Status.OPEN:
            return False
        now = timezone.now()
        if self.opens_at and now < self.opens_at:
            return False
        return not (self.closes_at and now >= self.closes_at)


class Section(models.Model):
    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="sections"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    class Kind(models.TextChoices):
        SINGLE = "single", _("Single choice")
        MULTIPLE = "multiple", _("Multiple choice")
        LIKERT = "likert", _("Likert scale 1-5")
        NUMBER = "number", _("Number")
        SHORT_TEXT = "short_text", _("Short text")
        LONG_TEXT = "long_text", _("Long text")

    section = models.ForeignKey(
        Section, verbose_name=_("section"), on_delete=models.CASCADE, related_name="questions"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    text = models.CharField(_("question"), max_length=500)
    help_text = models.CharField(_("help text"), max_length=500, blank=True)
    required = models.BooleanField(_("required"), default=True)
    # Likert: the words at 1 and at 5 (e.g. "Strongly disagree" … "Strongly agree").
    scale_low_label = models.CharField(_("label of 1"), max_length=60, blank=True)
    scale_high_label = models.CharField(_("label of 5"), max_length=60, blank=True)
    number_min = models.IntegerField(_("lowest number"), null=True, blank=True)
    number_max = models.IntegerField(_("highest number"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    kind__in=["single", "multiple", "likert", "number", "short_text", "long_text"]
                ),
                name="question_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.text


class Choice(models.Model):
    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="choices"
    )
    label = models.CharField(_("label"), max_length=200)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("choice")
        verbose_name_plural = _("choices")

    def __str__(self) -> str:
        return self.label


class Invitation(models.Model):
    """A person the survey is meant for. answered_at says THAT they answered, never what."""

    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="invitations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="survey_invitations",
    )
    token = models.CharField(_("token"), max_length=64, unique=True, default=new_token)
    invited_at = models.DateTimeField(_("invited"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    # A draft in progress ({question id: value}); wiped on submission.
    draft_answers = models.JSONField(_("draft answers"), default=dict, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(fields=["survey", "user"], name="invitation_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.survey}"


class Response(models.Model):
    """A submitted set of answers. `respondent` is empty for anonymous surveys."""

    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="responses"
    )
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("respondent"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="survey_responses",
    )
    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.PROTECT, null=True, related_name="+"
    )
    region = models.CharField(_("region"), max_length=10, choices=Region.choices, blank=True)
    school_kind = models.CharField(
        _("school kind"), max_length=20, choices=SchoolKind.choices, blank=True
    )
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        indexes = [models.Index(fields=["survey", "country"], name="response_survey_country")]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "respondent"],
                condition=models.Q(respondent__isnull=False),
                name="response_once_per_named_respondent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.survey} #{self.pk}"


class Answer(models.Model):
    response = models.ForeignKey(
        Response, verbose_name=_("response"), on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="answers"
    )
    choice = models.ForeignKey(
        Choice,
        verbose_name=_("choice"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    choices = models.ManyToManyField(
        Choice, verbose_name=_("choices"), blank=True, related_name="+"
    )
    number = models.IntegerField(_("number"), null=True, blank=True)  # numbers and Likert 1-5
    text = models.TextField(_("text"), max_length=5000, blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="answer_once"),
        ]

    def __str__(self) -> str:
        return f"{self.question}: …"
