"""One domain error: every app's refusal is a DomainError, and a form shows it on the field it
names, or at the top of the form."""

import pytest
from django import forms

from awards.errors import AwardsError
from collaborations.errors import CollaborationError
from conferences.errors import ConferenceError
from conferences.services.editions import EditionError
from core.errors import DomainError
from core.forms import add_domain_error
from gallery.errors import GalleryError
from reports.errors import ReportRunError
from schools.errors import SchoolError
from surveys.errors import AnsweringError, SurveyError
from teachers.errors import TeacherError


class _Form(forms.Form):
    capacity = forms.IntegerField()


@pytest.mark.parametrize(
    "error_class",
    [
        AwardsError,
        CollaborationError,
        ConferenceError,
        EditionError,
        GalleryError,
        ReportRunError,
        SchoolError,
        AnsweringError,
        SurveyError,
        TeacherError,
    ],
)
def test_every_apps_error_is_a_domain_error_with_its_message(error_class):
    error = error_class("No places left.")

    assert isinstance(error, DomainError)
    assert (str(error), error.field) == ("No places left.", None)


def test_the_error_shows_on_the_field_it_names():
    form = _Form(data={"capacity": "3"})
    form.is_valid()

    add_domain_error(form, EditionError("Below the places held.", field="capacity"))

    assert form.errors == {"capacity": ["Below the places held."]}


def test_an_error_without_a_field_of_the_form_shows_at_the_top():
    form = _Form(data={"capacity": "3"})
    form.is_valid()

    add_domain_error(form, ConferenceError("Closed.", field="no_such_field"))
    add_domain_error(form, ConferenceError("Also closed."))

    assert form.non_field_errors() == ["Closed.", "Also closed."]


def test_a_field_given_by_the_form_wins_over_the_errors_own():
    form = _Form(data={"capacity": "3"})
    form.is_valid()

    add_domain_error(form, DomainError("Bad.", field="other"), field="capacity")

    assert form.errors == {"capacity": ["Bad."]}
