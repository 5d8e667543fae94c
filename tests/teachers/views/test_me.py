"""A signed-in person's own pages under /me/, for every role: dashboard, profile, school,
data export and account deletion."""

import io
import json
import os

import pytest
from allauth.account.models import EmailAddress
from django.contrib.messages import get_messages
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from core.mail import send_templated_email
from core.outbox.models import OutgoingEmail
from schools.models import Country, Language, School
from teachers.models import Subject, TeacherProfile, User
from teachers.services import teacher_data_export

from ...factories import (
    PASSWORD,
    CountryFactory,
    SchoolFactory,
    TeacherProfileFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

OWN_PAGES = [
    "teachers:dashboard",
    "teachers:profile_edit",
    "teachers:school_choose",
    "teachers:school_propose",
    "teachers:data_export",
    "teachers:account_delete",
]
TEACHER_ONLY_PAGES = ["teachers:profile_edit", "teachers:school_choose", "teachers:school_propose"]


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def image_upload(name="me.jpg", size=(120, 90), image_format="JPEG") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, (40, 120, 200)).save(buffer, format=image_format)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def text(response) -> str:
    return response.content.decode().replace("&#x27;", "'").replace("&quot;", '"')


def login(client, user):
    client.force_login(user)
    return user


# --- every page: who gets in ------------------------------------------------------------------


@pytest.mark.parametrize("name", OWN_PAGES)
def test_own_pages_send_visitors_to_log_in(client, name):
    response = client.get(reverse(name))

    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next={reverse(name)}"


@pytest.mark.parametrize("role", ["staff", "judge"])
@pytest.mark.parametrize("name", TEACHER_ONLY_PAGES)
def test_teacher_pages_tell_staff_and_judges_they_are_for_teachers(client, request, role, name):
    login(client, request.getfixturevalue(role))

    response = client.get(reverse(name), follow=True)

    assert response.redirect_chain == [(reverse("teachers:dashboard"), 302)]
    assert messages_of(response) == [
        "Profiles and schools are for teacher accounts, and yours is not one: there is nothing "
        "to fill in here."
    ]


@pytest.mark.parametrize("role", ["staff", "judge"])
def test_staff_and_judges_cannot_post_a_teacher_profile(client, request, role):
    person = login(client, request.getfixturevalue(role))

    response = client.post(reverse("teachers:profile_edit"), {"full_name": "Changed"})

    assert response.url == reverse("teachers:dashboard")
    person.refresh_from_db()
    assert person.full_name != "Changed"
    assert not TeacherProfile.objects.filter(user=person).exists()


@pytest.mark.parametrize("role", ["teacher", "unverified_teacher", "staff", "judge"])
@pytest.mark.parametrize("name", ["teachers:dashboard", "teachers:account_delete"])
def test_own_pages_open_for_every_signed_in_role(client, request, role, name):
    login(client, request.getfixturevalue(role))

    assert client.get(reverse(name)).status_code == 200


# --- dashboard --------------------------------------------------------------------------------


def test_dashboard_of_a_verified_teacher(client, teacher):
    login(client, teacher)
    school = teacher.teacher_profile.school

    body = text(client.get(reverse("teachers:dashboard")))

    assert "Verified" in body
    assert f"ClassNet staff have verified that you teach at {school.name}." in body
    assert f'href="{school.get_absolute_url()}"' in body
    assert f'href="{reverse("schools:edit", args=[school.pk])}"' in body
    assert f'href="{reverse("teachers:directory")}"' in body
    assert "My collaborations" in body  # the collaborations app's panel
    assert "You are not in a collaboration yet" in body
    assert "not yet join" not in body


def test_dashboard_of_a_teacher_without_a_school_says_choose_it(client):
    profile = TeacherProfileFactory(pending=True, school=None)
    login(client, profile.user)

    body = text(client.get(reverse("teachers:dashboard")))

    assert "Awaiting verification" in body
    assert "Next step: choose your school." in body
    assert "not yet join, propose or apply" in body
    assert f'href="{reverse("teachers:school_choose")}"' in body
    assert "You have not named your school yet." in body


def test_dashboard_of_a_waiting_teacher_says_staff_will_verify(client, unverified_teacher):
    login(client, unverified_teacher)
    school = unverified_teacher.teacher_profile.school

    body = text(client.get(reverse("teachers:dashboard")))

    assert f"ClassNet staff will verify that you teach at {school.name}." in body
    assert "not yet join, propose or apply" in body
    # Not verified yet: the school is theirs, but not theirs to edit.
    assert reverse("schools:edit", args=[school.pk]) not in body


def test_dashboard_of_a_teacher_of_a_proposed_school(client):
    school = SchoolFactory(proposed=True, name="Espoo Lyceum")
    profile = TeacherProfileFactory(pending=True, school=school, user__country=school.country)
    login(client, profile.user)

    body = text(client.get(reverse("teachers:dashboard")))

    assert "will check the school you proposed, Espoo Lyceum, and that you teach there" in body
    assert "Proposed: ClassNet staff have not verified this school yet." in body
    assert school.get_absolute_url() not in body  # no public page yet


def test_dashboard_of_a_rejected_teacher_gives_the_reason_and_what_to_do(client):
    profile = TeacherProfileFactory(
        rejected=True, verification_note="Use the e-mail address of your school."
    )
    login(client, profile.user)

    body = text(client.get(reverse("teachers:dashboard")))

    assert "Not verified" in body
    assert "Use the e-mail address of your school." in body
    assert "What to do:</strong>" in body
    assert "change what the reason asks for." in body
    assert f'href="{reverse("teachers:profile_edit")}"' in body


def test_dashboard_lists_what_the_profile_misses_as_links(client):
    profile = TeacherProfileFactory(
        student_age_min=None,
        student_age_max=None,
        subjects=[Subject.objects.get(name="Physics")],
    )
    login(client, profile.user)

    response = client.get(reverse("teachers:dashboard"))

    assert response.context["completeness"].percent == 33
    edit = reverse("teachers:profile_edit")
    body = text(response)
    assert 'aria-valuenow="33"' in body
    for label in ["The languages you speak", "Your students' ages", "A short bio", "A photo"]:
        assert f'<a href="{edit}">{label}</a>' in body
    assert "The subjects you teach" not in body
    assert "Your school</a>" not in body


def test_dashboard_of_a_complete_profile(client):
    profile = TeacherProfileFactory(
        subjects=[Subject.objects.get(name="Physics")],
        languages=[Language.objects.get(code="en")],
        photo="teachers/photos/me.jpg",
    )
    TeacherProfile.objects.filter(pk=profile.pk).update(bio="Robots.")
    login(client, profile.user)

    body = text(client.get(reverse("teachers:dashboard")))

    assert 'aria-valuenow="100"' in body
    assert "Your profile is complete." in body
    assert "Still to add" not in body


@pytest.mark.parametrize(
    ("role", "shown", "hidden"),
    [
        ("staff", ["Staff area", "Delete my account"], ["Your teacher account"]),
        ("judge", ["Judging", "Download my data"], ["Your teacher account", "Your school"]),
    ],
)
def test_dashboard_of_staff_and_judges_has_no_teacher_sections(
    client, request, role, shown, hidden
):
    login(client, request.getfixturevalue(role))

    body = text(client.get(reverse("teachers:dashboard")))

    for words in shown:
        assert words in body
    for words in hidden:
        assert words not in body


@pytest.mark.parametrize("collaborations", [1, 8])
def test_dashboard_queries(client, teacher, django_assert_num_queries, collaborations):
    from ...factories import CollaborationFactory, InvitationFactory

    for _ in range(collaborations):
        CollaborationFactory(lead=teacher.teacher_profile)
        InvitationFactory(invitee=teacher.teacher_profile)
    login(client, teacher)

    # session, user, profile with school and country, has subjects?, has languages?, the
    # user's country, groups and two of permissions (the menu's and the cards' perms); the
    # collaborations panel: its collaborations, their members, the teacher's requests and the
    # invitations waiting for them; the suggestions panel: the collaborations suggested;
    # the conferences panel: the teacher's applications, the editions open for applications;
    # the Awards judging panel: the user's active judgings; the Awards entries panel: the
    # teacher's entries, the cycles open for entries; the surveys panel: open invitations
    with django_assert_num_queries(20):
        response = client.get(reverse("teachers:dashboard"))

    assert response.status_code == 200
    assert response.content.decode().count("Your class would fit") == 0
    assert len(response.context["panels"][0]["context"]["invitations"]) == min(collaborations, 5)
    assert response.content.decode().count('class="badge text-bg-secondary">Lead') == min(
        collaborations, 5
    )


# --- profile ----------------------------------------------------------------------------------


def profile_data(profile: TeacherProfile, **overrides) -> dict:
    data = {
        "full_name": profile.user.full_name,
        "subjects": [s.pk for s in profile.subjects.all()],
        "languages": [language.pk for language in profile.languages.all()],
        "student_age_min": profile.student_age_min or "",
        "student_age_max": profile.student_age_max or "",
        "bio": profile.bio,
    }
    return data | overrides


def test_profile_form_shows_what_is_saved(client):
    physics = Subject.objects.get(name="Physics")
    profile = TeacherProfileFactory(user__full_name="Aino Virtanen", subjects=[physics])
    login(client, profile.user)

    response = client.get(reverse("teachers:profile_edit"))

    body = text(response)
    assert 'value="Aino Virtanen"' in body
    assert f'name="subjects" value="{physics.pk}"  id="id_subjects_' in body
    assert response.context["form"].initial["subjects"] == [physics.pk]
    assert 'value="14"' in body
    assert "No photo" in body
    assert "remove_photo" not in body


@pytest.mark.parametrize("role", ["teacher", "unverified_teacher"])
def test_teacher_saves_their_profile(client, request, role):
    user = login(client, request.getfixturevalue(role))
    profile = user.teacher_profile
    physics, arts = Subject.objects.get(name="Physics"), Subject.objects.get(name="Arts")
    finnish = Language.objects.get(code="fi")

    response = client.post(
        reverse("teachers:profile_edit"),
        {
            "full_name": "Aino Virtanen",
            "subjects": [physics.pk, arts.pk],
            "languages": [finnish.pk],
            "student_age_min": "12",
            "student_age_max": "15",
            "bio": "Robots and rivers.",
            "photo": image_upload(),
        },
        follow=True,
    )

    assert response.redirect_chain == [(reverse("teachers:dashboard"), 302)]
    assert messages_of(response) == ["Your profile is saved."]
    profile = TeacherProfile.objects.get(pk=profile.pk)
    assert profile.user.full_name == "Aino Virtanen"
    assert list(profile.subjects.order_by("name")) == [arts, physics]
    assert list(profile.languages.all()) == [finnish]
    assert (profile.student_age_min, profile.student_age_max, profile.bio) == (
        12,
        15,
        "Robots and rivers.",
    )
    assert default_storage.exists(profile.photo_thumbnail.name)
    assert profile.verification == user.teacher_profile.verification  # unchanged


def test_profile_shows_the_photo_and_removes_it(client, teacher):
    login(client, teacher)
    profile = teacher.teacher_profile
    client.post(reverse("teachers:profile_edit"), profile_data(profile, photo=image_upload()))
    profile.refresh_from_db()
    thumbnail = profile.photo_thumbnail

    body = text(client.get(reverse("teachers:profile_edit")))
    assert f'src="{thumbnail.url}"' in body
    assert 'name="remove_photo"' in body

    client.post(reverse("teachers:profile_edit"), profile_data(profile, remove_photo="on"))

    profile.refresh_from_db()
    assert (profile.photo.name, default_storage.exists(thumbnail.name)) == ("", False)


def test_rejected_teacher_saving_the_profile_goes_back_to_staff(client):
    profile = TeacherProfileFactory(rejected=True)
    login(client, profile.user)

    response = client.post(
        reverse("teachers:profile_edit"), profile_data(profile, bio="I teach here."), follow=True
    )

    assert messages_of(response) == [
        "Your profile is saved and back with ClassNet staff, who will look at it again."
    ]
    profile.refresh_from_db()
    assert profile.verification == TeacherProfile.Verification.PENDING


def noise_png(side: int) -> SimpleUploadedFile:
    image = Image.frombytes("RGB", (side, side), os.urandom(side * side * 3))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return SimpleUploadedFile("big.png", buffer.getvalue(), content_type="image/png")


BAD_PROFILES = [
    ({"student_age_min": "9"}, "student_age_min", "Students' ages go from 10 to 21."),
    ({"student_age_max": "22"}, "student_age_max", "Students' ages go from 10 to 21."),
    (
        {"student_age_min": "17", "student_age_max": "12"},
        "student_age_max",
        "The oldest students cannot be younger than the youngest (17).",
    ),
    (
        {"student_age_min": "12", "student_age_max": ""},
        "student_age_max",
        "Give both ages, or neither.",
    ),
    ({"bio": "x" * 1001}, "bio", "Ensure this value has at most 1000 characters"),
    ({"full_name": ""}, "full_name", "This field is required."),
    (
        {"photo": lambda: SimpleUploadedFile("me.jpg", b"Dear colleagues " * 50)},
        "photo",
        "This file is not an image we can read.",
    ),
    ({"photo": lambda: noise_png(1400)}, "photo", "the limit is 5 MB"),
    (
        {"photo": lambda: image_upload("wide.png", (4001, 20), "PNG")},
        "photo",
        "The image is 4001 × 20 pixels; the limit is 4000 on each side.",
    ),
    (
        {"subjects": ["999999"]},
        "subjects",
        "Select a valid choice. 999999 is not one of the available choices.",
    ),
]


@pytest.mark.parametrize(("overrides", "field", "message"), BAD_PROFILES)
def test_bad_profile_input_is_refused_on_the_field_and_nothing_is_saved(
    client, overrides, field, message
):
    profile = TeacherProfileFactory(user__full_name="Aino Virtanen")
    login(client, profile.user)
    overrides = {k: v() if callable(v) else v for k, v in overrides.items()}
    # What else was typed must come back on the page.
    data = profile_data(profile, bio="Typed, not saved yet.") | overrides

    response = client.post(reverse("teachers:profile_edit"), data)

    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors[field])
    assert message in errors
    body = text(response)
    assert message in body
    assert "Nothing has been saved yet." in body
    if "bio" not in overrides:
        assert "Typed, not saved yet." in body
    profile = TeacherProfile.objects.get(pk=profile.pk)
    assert (profile.user.full_name, profile.bio, profile.photo.name) == ("Aino Virtanen", "", "")
    assert (profile.student_age_min, profile.student_age_max) == (14, 18)


def test_a_refused_photo_asks_to_choose_it_again(client, teacher):
    login(client, teacher)

    response = client.post(
        reverse("teachers:profile_edit"),
        profile_data(teacher.teacher_profile, photo=image_upload(), student_age_min="30"),
    )

    assert "choose your photo again before saving" in text(response)


def test_a_teacher_edits_only_their_own_profile(client, teacher, other_teacher):
    login(client, teacher)
    others = other_teacher.teacher_profile
    name = other_teacher.full_name

    # There is no profile id to tamper with: whatever is posted lands on one's own profile.
    client.post(
        f"{reverse('teachers:profile_edit')}?pk={others.pk}",
        profile_data(teacher.teacher_profile, full_name="Changed", pk=others.pk),
    )

    other_teacher.refresh_from_db()
    teacher.refresh_from_db()
    assert (other_teacher.full_name, teacher.full_name) == (name, "Changed")


# --- choosing a school ------------------------------------------------------------------------


def test_school_choice_lists_schools_of_the_teachers_country_only(client):
    profile = TeacherProfileFactory(pending=True, school=None)
    verified = SchoolFactory(name="Espoo Lyceum", city="Espoo")
    proposed = SchoolFactory(name="Aalto Upper Secondary", city="Espoo", proposed=True)
    SchoolFactory(name="Tokyo Gakuen", city="Tokyo", country=CountryFactory(code="JP"))
    login(client, profile.user)

    response = client.get(reverse("teachers:school_choose"))

    assert list(response.context["page"].object_list) == [verified, proposed]
    body = text(response)
    assert "Tokyo Gakuen" not in body
    assert "Proposed, not yet verified" in body
    assert body.count("This is my school") == 2
    assert f'href="{reverse("teachers:school_propose")}"' in body


@pytest.mark.parametrize(("query", "found"), [("lyceum", ["Espoo Lyceum"]), ("oulu", ["Oulu"])])
def test_school_choice_searches_names_and_cities(client, query, found):
    profile = TeacherProfileFactory(pending=True, school=None)
    SchoolFactory(name="Espoo Lyceum", city="Espoo")
    SchoolFactory(name="Oulu", city="Oulu")
    SchoolFactory(name="Kallio", city="Helsinki")
    login(client, profile.user)

    response = client.get(reverse("teachers:school_choose"), {"q": query})

    assert [s.name for s in response.context["page"].object_list] == found


def test_school_choice_with_no_match_says_what_to_do(client, unverified_teacher):
    login(client, unverified_teacher)

    body = text(client.get(reverse("teachers:school_choose"), {"q": "Nowhere High"}))

    assert "No school matches “Nowhere High”" in body
    assert "propose your school" in body


@pytest.mark.parametrize("rows", [1, 20])
def test_school_choice_queries_do_not_grow_with_the_page(client, rows, django_assert_num_queries):
    profile = TeacherProfileFactory(pending=True, school=None)
    SchoolFactory.create_batch(rows)
    login(client, profile.user)

    # session, user, profile with school, the user's country, count, page of schools with their
    # country, groups and two of permissions (the menu)
    with django_assert_num_queries(9):
        response = client.get(reverse("teachers:school_choose"))

    assert len(response.context["page"].object_list) == rows


def test_school_choice_pages_by_20(client, unverified_teacher):
    SchoolFactory.create_batch(21)
    login(client, unverified_teacher)

    response = client.get(reverse("teachers:school_choose"), {"page": 2})

    assert len(response.context["page"].object_list) == 21 + 1 - 20  # own school is listed too
    assert "Page 2 of 2" in text(response)


def test_waiting_teacher_chooses_a_school(client):
    profile = TeacherProfileFactory(pending=True, school=None)
    school = SchoolFactory(name="Espoo Lyceum", city="Espoo")
    login(client, profile.user)

    response = client.post(reverse("teachers:school_choose"), {"school": school.pk}, follow=True)

    assert response.redirect_chain == [(reverse("teachers:dashboard"), 302)]
    assert messages_of(response) == [
        "Espoo Lyceum, Espoo is now your school. ClassNet staff will verify that you teach "
        "there; you will get an e-mail."
    ]
    profile.refresh_from_db()
    assert (profile.school, profile.verification) == (school, "pending")


def test_verified_teacher_is_warned_and_verified_again_after_a_change(client, teacher):
    login(client, teacher)
    other_school = SchoolFactory(country=teacher.country, name="Kallio", city="Helsinki")

    page = text(client.get(reverse("teachers:school_choose")))
    assert "If you choose another one, staff verify you again" in page
    assert "Your school</span>" in page

    response = client.post(
        reverse("teachers:school_choose"), {"school": other_school.pk}, follow=True
    )

    assert messages_of(response) == [
        "Kallio, Helsinki is now your school. Staff will verify your affiliation again; until "
        "then you can browse but not join, propose or apply."
    ]
    profile = TeacherProfile.objects.get(user=teacher)
    assert (profile.school, profile.verification) == (other_school, "pending")


@pytest.mark.parametrize("school", ["japanese", "missing"])
def test_school_choice_refuses_a_school_not_on_offer(client, unverified_teacher, school):
    login(client, unverified_teacher)
    before = unverified_teacher.teacher_profile.school
    pk = SchoolFactory(country=CountryFactory(code="JP")).pk if school == "japanese" else 999999

    response = client.post(f"{reverse('teachers:school_choose')}?q=x", {"school": pk}, follow=True)

    assert response.redirect_chain == [(f"{reverse('teachers:school_choose')}?q=x", 302)]
    assert messages_of(response) == ["That school is not one you can choose. Search again."]
    assert TeacherProfile.objects.get(user=unverified_teacher).school == before


def test_teacher_without_a_country_picks_one_to_search(client):
    profile = TeacherProfileFactory(pending=True, school=None, user__country=None)
    japan = CountryFactory(code="JP")
    tokyo = SchoolFactory(name="Tokyo Gakuen", city="Tokyo", country=japan)
    login(client, profile.user)

    first = client.get(reverse("teachers:school_choose"))
    assert 'name="country"' in text(first)
    assert "Pick the country of your school" in text(first)
    assert list(first.context["page"].object_list) == []

    found = client.get(reverse("teachers:school_choose"), {"country": japan.pk})
    assert list(found.context["page"].object_list) == [tokyo]

    unknown = client.get(reverse("teachers:school_choose"), {"country": 999999})
    assert unknown.context["search"].errors["country"] == [
        "That country is not one of the ASEM partners."
    ]

    client.post(reverse("teachers:school_choose"), {"school": tokyo.pk})
    profile.refresh_from_db()
    assert profile.school == tokyo


# --- proposing a school -----------------------------------------------------------------------


def school_data(**overrides) -> dict:
    data = {
        "name": "Espoo Lyceum",
        "city": "Espoo",
        "kind": "high",
        "website": "https://lyceum.example",
        "student_count": "500-999",
        "languages": [Language.objects.get(code="fi").pk],
        "description": "A school by the sea.",
    }
    return data | overrides


def test_propose_page_shows_the_country_from_the_account(client, unverified_teacher):
    login(client, unverified_teacher)

    response = client.get(reverse("teachers:school_propose"))

    body = text(response)
    assert "Finland</strong>" in body
    assert "from your account" in body
    assert 'name="country"' not in body
    assert "Proposing another one makes it your school" not in body


def test_teacher_proposes_their_school(client):
    profile = TeacherProfileFactory(pending=True, school=None)
    login(client, profile.user)

    response = client.post(
        reverse("teachers:school_propose"),
        school_data(logo=image_upload("logo.png", image_format="PNG")),
        follow=True,
    )

    assert response.redirect_chain == [(reverse("teachers:dashboard"), 302)]
    school = School.objects.get(name="Espoo Lyceum")
    assert messages_of(response) == [
        "Thank you: Espoo Lyceum, Espoo is proposed and named as your school. ClassNet staff "
        "will check it and your affiliation; you will get an e-mail."
    ]
    assert (school.country.code, school.status, school.proposed_by) == (
        "FI",
        "proposed",
        profile.user,
    )
    assert (school.website, school.student_count) == ("https://lyceum.example", "500-999")
    assert [lang.code for lang in school.languages.all()] == ["fi"]
    assert default_storage.exists(school.logo_thumbnail.name)
    profile.refresh_from_db()
    assert profile.school == school


def test_verified_teacher_proposing_is_warned_and_verified_again(client, teacher):
    login(client, teacher)

    page = text(client.get(reverse("teachers:school_propose")))
    assert "Proposing another one makes it your school, and staff verify you again" in page

    client.post(reverse("teachers:school_propose"), school_data())

    profile = TeacherProfile.objects.get(user=teacher)
    assert (profile.school.name, profile.verification) == ("Espoo Lyceum", "pending")


BAD_SCHOOLS = [
    ({"website": "ftp://lyceum.example"}, "website", "starts with https:// or http://"),
    ({"website": "javascript:alert(1)"}, "website", "starts with https:// or http://"),
    ({"website": "https://not a site"}, "website", "Enter the school's web address"),
    ({"name": ""}, "name", "This field is required."),
    ({"kind": "university"}, "kind", "Select a valid choice."),
    (
        {"logo": lambda: SimpleUploadedFile("logo.jpg", b"<svg></svg>" * 30)},
        "logo",
        "This file is not an image we can read.",
    ),
    (
        {"logo": lambda: image_upload("logo.png", (20, 4001), "PNG")},
        "logo",
        "the limit is 4000 on each side",
    ),
]


@pytest.mark.parametrize(("overrides", "field", "message"), BAD_SCHOOLS)
def test_bad_school_proposal_is_refused_on_the_field(client, overrides, field, message):
    profile = TeacherProfileFactory(pending=True, school=None)
    login(client, profile.user)
    overrides = {k: v() if callable(v) else v for k, v in overrides.items()}

    response = client.post(
        reverse("teachers:school_propose"), school_data(description="Typed.") | overrides
    )

    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert message in text(response)
    assert "Typed." in text(response)
    assert School.objects.filter(proposed_by=profile.user).count() == 0


def test_proposing_a_listed_school_links_back_to_choose_it(client, unverified_teacher):
    SchoolFactory(name="Espoo Lyceum", city="Espoo")
    login(client, unverified_teacher)

    response = client.post(reverse("teachers:school_propose"), school_data(name="espoo LYCEUM"))

    assert response.context["form"].non_field_errors() == [
        "Espoo Lyceum, Espoo is already listed. Pick it from the list instead."
    ]
    body = text(response)
    assert f'href="{reverse("teachers:school_choose")}?q=espoo%20LYCEUM"' in body
    assert School.objects.filter(name__iexact="espoo lyceum").count() == 1


def test_teacher_without_a_country_chooses_a_partner_country(client):
    profile = TeacherProfileFactory(pending=True, school=None, user__country=None)
    login(client, profile.user)
    assert 'name="country"' in text(client.get(reverse("teachers:school_propose")))

    unknown = client.post(reverse("teachers:school_propose"), school_data(country=999999))
    assert unknown.context["form"].errors["country"] == [
        "That country is not one of the ASEM partner countries."
    ]
    assert not School.objects.filter(name="Espoo Lyceum").exists()

    client.post(
        reverse("teachers:school_propose"),
        school_data(country=Country.objects.get(code="EE").pk, city="Tallinn"),
    )
    profile.refresh_from_db()
    assert (profile.school.name, profile.school.country.code) == ("Espoo Lyceum", "EE")


def test_country_field_is_ignored_for_a_teacher_with_a_country(client, unverified_teacher):
    login(client, unverified_teacher)

    client.post(
        reverse("teachers:school_propose"),
        school_data(country=CountryFactory(code="JP").pk),
    )

    assert School.objects.get(name="Espoo Lyceum").country.code == "FI"


# --- data export ------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["teacher", "unverified_teacher", "judge", "staff"])
def test_data_export_downloads_the_persons_data(client, request, role, other_teacher):
    person = login(client, request.getfixturevalue(role))

    response = client.get(reverse("teachers:data_export"))

    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == 'attachment; filename="classnet-my-data.json"'
    assert "no-store" in response["Cache-Control"]
    person.refresh_from_db()
    assert json.loads(response.content) == teacher_data_export(user=person)
    assert other_teacher.email not in response.content.decode()


def test_data_export_content_for_a_teacher(client):
    profile = TeacherProfileFactory(
        user__email="aino@school.example",
        user__full_name="Aino Virtanen",
        subjects=[Subject.objects.get(name="Physics")],
    )
    login(client, profile.user)

    data = json.loads(client.get(reverse("teachers:data_export")).content)

    assert data["account"]["email"] == "aino@school.example"
    assert data["account"]["full_name"] == "Aino Virtanen"
    assert data["teacher_profile"]["school"] == str(profile.school)
    assert data["teacher_profile"]["subjects"] == ["Physics"]
    assert data["teacher_profile"]["verification"] == "verified"


def test_data_export_is_a_download_not_a_form(client, teacher):
    login(client, teacher)

    assert client.post(reverse("teachers:data_export")).status_code == 405


# --- account deletion -------------------------------------------------------------------------


def test_delete_page_says_what_goes_and_what_stays(client, teacher):
    login(client, teacher)

    body = text(client.get(reverse("teachers:account_delete")))

    assert "Your name, your e-mail addresses and your password" in body
    assert "Your photo, your bio and the languages you speak." in body
    assert f"An anonymous record that a teacher of {teacher.teacher_profile.school.name}" in body
    assert f'href="{reverse("teachers:data_export")}"' in body
    assert 'type="password"' in body


def test_delete_with_a_wrong_password_deletes_nothing(client, teacher):
    login(client, teacher)

    response = client.post(reverse("teachers:account_delete"), {"password": "not-mine"})

    assert response.status_code == 200
    assert response.context["form"].errors["password"] == [
        "That is not your password. Nothing was deleted."
    ]
    teacher.refresh_from_db()
    assert (teacher.is_active, teacher.has_usable_password()) == (True, True)
    assert client.get(reverse("teachers:dashboard")).status_code == 200


def test_teacher_deletes_their_account(client, teacher):
    email = teacher.email
    profile = TeacherProfile.objects.get(user=teacher)
    school = profile.school
    login(client, teacher)
    send_templated_email(
        template="teacher_verified", to=[email], context={"profile": profile, "url": "/"}
    )
    elsewhere = client_for(teacher)  # the same person signed in on another device

    response = client.post(reverse("teachers:account_delete"), {"password": PASSWORD}, follow=True)

    assert response.redirect_chain == [(reverse("home"), 302)]
    assert messages_of(response) == [
        "Your account and personal data are deleted. Thank you for being part of ClassNet."
    ]
    assert "_auth_user_id" not in client.session
    erased = User.objects.get(pk=teacher.pk)
    assert (erased.email, erased.full_name, erased.is_active) == (
        f"erased-{teacher.pk}@invalid",
        "Former member",
        False,
    )
    assert not EmailAddress.objects.filter(email__iexact=email).exists()
    assert not OutgoingEmail.objects.filter(recipients__contains=f",{email},").exists()
    assert TeacherProfile.objects.filter(school=school).count() == 1  # the count stays
    assert client.login(email=email, password=PASSWORD) is False
    after = elsewhere.get(reverse("teachers:dashboard"))
    assert after.status_code == 302
    assert after.url.startswith(reverse("account_login"))


def client_for(user):
    other = Client()
    other.force_login(user)
    return other


def test_after_deletion_the_address_can_sign_up_again(client, teacher):
    email = teacher.email
    login(client, teacher)
    client.post(reverse("teachers:account_delete"), {"password": PASSWORD})

    response = client.post(
        reverse("account_signup"),
        {
            "full_name": "Aino Virtanen",
            "email": email,
            "country": Country.objects.get(code="FI").pk,
            "password1": "Sunny-classroom-42",
            "password2": "Sunny-classroom-42",
        },
    )

    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    new = User.objects.get(email=email)
    assert new.pk != teacher.pk
    assert new.teacher_profile.school is None


def test_judge_deletes_their_account(client, judge):
    login(client, judge)

    client.post(reverse("teachers:account_delete"), {"password": PASSWORD})

    judge.refresh_from_db()
    assert (judge.is_active, list(judge.groups.all())) == (False, [])


def test_staff_delete_page_mentions_no_teacher_profile(client, staff):
    login(client, staff)

    body = text(client.get(reverse("teachers:account_delete")))

    assert "Your photo, your bio" not in body
    assert "An anonymous record that a member took part" in body


def test_user_without_a_password_is_refused_too(client):
    user = UserFactory(password=None)
    login(client, user)

    response = client.post(reverse("teachers:account_delete"), {"password": ""})

    assert response.context["form"].errors["password"] == ["This field is required."]
    assert User.objects.get(pk=user.pk).is_active is True


def test_account_delete_password_guesses_are_rate_limited(client, teacher):
    client.force_login(teacher)
    url = reverse("teachers:account_delete")
    for _ in range(10):
        client.post(url, {"password": "wrong"})

    response = client.post(url, {"password": PASSWORD})

    assert "Too many attempts" in response.content.decode()
    teacher.refresh_from_db()
    assert teacher.is_active is True
