import time

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.conf import settings
from django.contrib.auth.models import Group
from django.utils import timezone

from core.roles import JUDGES_GROUP, STAFF_GROUP
from schools.models import Country, Language, Region, School, SchoolKind
from teachers.models import Subject, TeacherProfile, User

PASSWORD = "a-Long-test-passw0rd"
# Staff, judges and superusers must have a second factor (core/mfa.py): the factories give them
# an authenticator app with this secret; totp_code() is the code it shows now.
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def with_totp(user, secret: str = TOTP_SECRET):
    """Give the user an activated authenticator app (TOTP), as if they had set it up."""
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, secret)
    return user


def totp_period() -> int:
    """The number of the current TOTP period (what an authenticator app counts in)."""
    return int(time.time()) // getattr(settings, "MFA_TOTP_PERIOD", 30)


def totp_code(secret: str = TOTP_SECRET, *, step: int = 0, period: int | None = None) -> str:
    """The code an authenticator app with this secret shows (step=1: the next period's; or the
    code of a given `period`)."""
    return format_hotp_value(
        hotp_value(secret, (totp_period() if period is None else period) + step)
    )


class CountryFactory(factory.django.DjangoModelFactory):
    """ASEM countries exist from the data migration; this gets them (or makes them again after a
    transactional test flushed the table)."""

    class Meta:
        model = Country
        django_get_or_create = ("code",)

    code = "FI"
    name = factory.LazyAttribute(lambda o: {"FI": "Finland", "JP": "Japan"}.get(o.code, o.code))
    region = factory.LazyAttribute(lambda o: Region.ASIA if o.code == "JP" else Region.EUROPE)


class LanguageFactory(factory.django.DjangoModelFactory):
    """Languages exist from the data migration; this gets them by code."""

    class Meta:
        model = Language
        django_get_or_create = ("code",)

    code = "en"
    name = factory.LazyAttribute(lambda o: {"en": "English", "fi": "Finnish"}.get(o.code, o.code))


class SubjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subject
        django_get_or_create = ("slug",)

    name = "Physics"
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = School
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"School number {n}")
    country = factory.SubFactory(CountryFactory)
    city = "Helsinki"
    kind = SchoolKind.SECONDARY
    status = School.Status.VERIFIED
    verified_at = factory.LazyFunction(timezone.now)

    class Params:
        proposed = factory.Trait(status=School.Status.PROPOSED, verified_at=None)

    @factory.post_generation
    def languages(self, create, extracted, **kwargs):
        if create and extracted:
            self.languages.set(extracted)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@school.example")
    full_name = factory.Faker("name")
    country = factory.SubFactory(CountryFactory)
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)

    @factory.post_generation
    def totp(self, create, extracted, **kwargs):
        """Superusers (and, below, staff and judges) get a second factor; totp=False: none."""
        if create and extracted is not False and self.is_superuser:
            with_totp(self)


class TeacherProfileFactory(factory.django.DjangoModelFactory):
    """A verified teacher of a verified school in their own country."""

    class Meta:
        model = TeacherProfile
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    school = factory.SubFactory(SchoolFactory, country=factory.SelfAttribute("..user.country"))
    verification = TeacherProfile.Verification.VERIFIED
    student_age_min = 14
    student_age_max = 18

    class Params:
        pending = factory.Trait(verification=TeacherProfile.Verification.PENDING)
        rejected = factory.Trait(
            verification=TeacherProfile.Verification.REJECTED, verification_note="Not a teacher"
        )

    @factory.post_generation
    def subjects(self, create, extracted, **kwargs):
        if create and extracted:
            self.subjects.set(extracted)

    @factory.post_generation
    def languages(self, create, extracted, **kwargs):
        if create and extracted:
            self.languages.set(extracted)


class StaffFactory(UserFactory):
    is_staff = True

    @factory.post_generation
    def staff_group(self, create, extracted, **kwargs):
        if create:
            self.groups.add(Group.objects.get_or_create(name=STAFF_GROUP)[0])

    @factory.post_generation
    def totp(self, create, extracted, **kwargs):
        if create and extracted is not False:
            with_totp(self)


class JudgeFactory(UserFactory):
    @factory.post_generation
    def judges_group(self, create, extracted, **kwargs):
        if create:
            self.groups.add(Group.objects.get_or_create(name=JUDGES_GROUP)[0])

    @factory.post_generation
    def totp(self, create, extracted, **kwargs):
        if create and extracted is not False:
            with_totp(self)


class CollaborationFactory(factory.django.DjangoModelFactory):
    """An open collaboration led by a verified teacher's school (lead membership included).

    CollaborationFactory(lead=profile) leads it from that teacher's school.
    """

    class Meta:
        model = "collaborations.Collaboration"
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Rivers of two continents {n}")
    summary = "Classes measure the water quality of their local river and compare."
    description = "Students in Asia and Europe sample rivers every month and share results."
    student_age_min = 13
    student_age_max = 16
    starts_on = factory.LazyFunction(lambda: timezone.localdate())
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + timezone.timedelta(days=180))
    partner_schools_wanted = 3
    wanted_region = "any"
    status = "open"

    @factory.post_generation
    def lead(self, create, extracted, **kwargs):
        if not create:
            return
        from collaborations.models import Membership

        profile = extracted or TeacherProfileFactory()
        Membership.objects.create(
            collaboration=self,
            school=profile.school,
            teacher=profile,
            role=Membership.Role.LEAD,
            student_count=20,
        )

    @factory.post_generation
    def subjects(self, create, extracted, **kwargs):
        if create:
            self.subjects.set(extracted or [SubjectFactory()])

    @factory.post_generation
    def languages(self, create, extracted, **kwargs):
        if create:
            self.languages.set(extracted or [LanguageFactory()])


class MembershipFactory(factory.django.DjangoModelFactory):
    """A partner school's membership: the teacher's own school."""

    class Meta:
        model = "collaborations.Membership"

    collaboration = factory.SubFactory(CollaborationFactory)
    teacher = factory.SubFactory(TeacherProfileFactory)
    school = factory.SelfAttribute("teacher.school")
    role = "member"
    student_count = 25


class InvitationFactory(factory.django.DjangoModelFactory):
    """A pending invitation of a verified teacher's school, sent by the collaboration's lead."""

    class Meta:
        model = "collaborations.Invitation"

    collaboration = factory.SubFactory(CollaborationFactory)
    invitee = factory.SubFactory(TeacherProfileFactory)
    school = factory.SelfAttribute("invitee.school")
    invited_by = factory.LazyAttribute(
        lambda o: o.collaboration.memberships.get(role="lead").teacher.user
    )
    message = "Your class would fit our river project."


class EditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "conferences.Edition"
        django_get_or_create = ("number",)

    number = 14
    title = "Gender Equality: Reprogramming STEM Education"
    theme = "Gender equality in STEM"
    city = "Helsinki"
    country = factory.SubFactory(CountryFactory)
    starts_on = factory.LazyFunction(lambda: timezone.datetime(2018, 11, 27).date())
    ends_on = factory.LazyFunction(lambda: timezone.datetime(2018, 11, 30).date())
    status = "held"


# --- Awards -------------------------------------------------------------------------------


class AwardCycleFactory(factory.django.DjangoModelFactory):
    """The 14th edition's Awards, judging (no stage yet: use StageFactory)."""

    class Meta:
        model = "awards.AwardCycle"

    edition = factory.SubFactory(EditionFactory)
    status = "judging"
    judges_per_entry = 3
    blind = True
    tie_break = ["median", "primary", "chair"]


class AwardCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "awards.AwardCategory"

    cycle = factory.SubFactory(AwardCycleFactory)
    name = factory.Sequence(lambda n: f"Category {n}")


class AwardLevelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "awards.AwardLevel"

    cycle = factory.SubFactory(AwardCycleFactory)
    name = factory.Sequence(lambda n: f"Level {n}")
    rank = factory.Sequence(lambda n: n + 1)
    winners = 1


class CriterionFactory(factory.django.DjangoModelFactory):
    """A 1-5 criterion of weight 1."""

    class Meta:
        model = "awards.Criterion"

    cycle = factory.SubFactory(AwardCycleFactory)
    name = factory.Sequence(lambda n: f"Criterion {n}")
    weight = 1
    scale_min = 1
    scale_max = 5
    position = factory.Sequence(lambda n: n)


class StageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "awards.Stage"

    cycle = factory.SubFactory(AwardCycleFactory)
    kind = "shortlist"
    position = 1
    status = "open"


class EntryFactory(factory.django.DjangoModelFactory):
    """A submitted entry of a collaboration led by `submitted_by` (a new one by default)."""

    class Meta:
        model = "awards.Entry"

    cycle = factory.SubFactory(AwardCycleFactory)
    submitted_by = factory.SubFactory(TeacherProfileFactory)
    collaboration = factory.LazyAttribute(
        lambda o: CollaborationFactory(lead=o.submitted_by, status="completed")
    )
    category = factory.LazyAttribute(lambda o: AwardCategoryFactory(cycle=o.cycle))
    statement = "Our students built weather stations together and compared the data."
    student_count = 60
    status = "submitted"
    submitted_at = factory.LazyFunction(timezone.now)


class CycleJudgeFactory(factory.django.DjangoModelFactory):
    """An active judge of a cycle (a member of the Judges group)."""

    class Meta:
        model = "awards.CycleJudge"

    cycle = factory.SubFactory(AwardCycleFactory)
    user = factory.SubFactory(JudgeFactory)
    status = "active"


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "awards.Assignment"

    stage = factory.SubFactory(StageFactory)
    entry = factory.LazyAttribute(lambda o: EntryFactory(cycle=o.stage.cycle))
    judge = factory.LazyAttribute(lambda o: CycleJudgeFactory(cycle=o.stage.cycle))


class SurveyFactory(factory.django.DjangoModelFactory):
    """An open anonymous survey for all verified teachers, with no dates."""

    class Meta:
        model = "surveys.Survey"

    title = factory.Sequence(lambda n: f"Network survey {n}")
    status = "open"
    anonymous = True


class SurveySectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "surveys.Section"

    survey = factory.SubFactory(SurveyFactory)
    title = factory.Sequence(lambda n: f"Section {n}")
    position = factory.Sequence(lambda n: n)


class SurveyQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "surveys.Question"

    section = factory.SubFactory(SurveySectionFactory)
    kind = "short_text"
    text = factory.Sequence(lambda n: f"Question {n}?")
    required = True
    position = factory.Sequence(lambda n: n)


class SurveyChoiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "surveys.Choice"

    question = factory.SubFactory(SurveyQuestionFactory, kind="single")
    label = factory.Sequence(lambda n: f"Choice {n}")
    position = factory.Sequence(lambda n: n)


class SurveyInvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "surveys.Invitation"

    survey = factory.SubFactory(SurveyFactory)
    user = factory.LazyAttribute(lambda o: TeacherProfileFactory().user)
    invited_at = factory.LazyFunction(timezone.now)
