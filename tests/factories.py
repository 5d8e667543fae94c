import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from schools.models import Country, Region
from teachers.models import TeacherProfile, User
from teachers.roles import JUDGES_GROUP, STAFF_GROUP

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
    class Meta:
        model = TeacherProfile

    user = factory.SubFactory(UserFactory)
    verification = TeacherProfile.Verification.VERIFIED


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
