"""One way to declare a view's permission: visitors log in, others get 403 or 404."""

import pytest
import rules
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.test import RequestFactory

from core.permissions import declared_access, permission_required, public
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _rule():
    rules.add_perm("tests.open_box", rules.predicate(lambda user, box: box == "mine"))
    rules.add_perm("tests.see_any_box", rules.is_authenticated)
    yield
    rules.remove_perm("tests.open_box")
    rules.remove_perm("tests.see_any_box")


def box_of(request, name):
    if name == "missing":
        raise Http404
    return name


@permission_required("tests.open_box", obj=box_of)
def open_box(request, name):
    return HttpResponse(f"opened {request.permission_object}")


@permission_required("tests.open_box", obj=box_of, denied=404)
def open_box_quietly(request, name):
    return HttpResponse("opened")


@permission_required("tests.see_any_box")
def any_box(request):
    return HttpResponse(f"object {request.permission_object}")


def get(user=None):
    request = RequestFactory().get("/boxes/")
    request.user = user if user is not None else AnonymousUser()
    return request


def test_a_visitor_is_sent_to_log_in_with_the_page_to_come_back_to():
    response = open_box(get(), name="mine")

    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/?next=/boxes/")


def test_the_permission_is_checked_on_the_object_and_the_view_gets_it():
    user = UserFactory()

    assert open_box(get(user), name="mine").content == b"opened mine"
    with pytest.raises(PermissionDenied):
        open_box(get(user), name="theirs")


def test_denied_404_hides_the_object_and_a_missing_object_is_a_404():
    user = UserFactory()

    with pytest.raises(Http404):
        open_box_quietly(get(user), name="theirs")
    with pytest.raises(Http404):
        open_box(get(user), name="missing")


def test_a_permission_on_no_object():
    assert any_box(get(UserFactory())).content == b"object None"


def test_views_say_what_they_need():
    @public
    def home(request):
        return HttpResponse()

    def forgot(request):
        return HttpResponse()

    assert declared_access(home) == "public"
    assert declared_access(open_box) == "tests.open_box"
    assert declared_access(forgot) is None


def test_denied_is_403_or_404():
    with pytest.raises(ValueError, match="403 or 404"):
        permission_required("tests.open_box", denied=401)


@permission_required("tests.open_box", obj=box_of, denied=404, visitors_log_in=False)
def open_box_for_anyone(request, name):
    return HttpResponse("opened")


def test_a_page_visitors_may_see_asks_the_rule_for_them_too():
    assert open_box_for_anyone(get(), name="mine").content == b"opened"
    with pytest.raises(Http404):
        open_box_for_anyone(get(), name="theirs")
