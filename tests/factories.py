import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.utils import timezone

from classnet.roles import JUDGES_GROUP, STAFF_GROUP
from schools.models import Country, Language, Region, School, SchoolKind
from teachers.models import Subject, TeacherProfile, User

PASSWORD = "a-Long-test-passw0rd"


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


class JudgeFactory(UserFactory):
    @factory.post_generation
    def judges_group(self, create, extracted, **kwargs):
        if create:
            self.groups.add(Group.objects.get_or_create(name=JUDGES_GROUP)[0])
