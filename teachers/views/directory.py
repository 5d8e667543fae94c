"""Partner finding: the teacher directory and teacher pages, for verified teachers and staff
(teachers.view_directory). Signed in but not (yet) allowed: the page says why, with a 403."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from core.files import private_file_response
from core.permissions import permission_required

from ..filters import teacher_filter_form
from ..models import TeacherProfile
from ..selectors import profile_with_user, teacher_for_page, teachers_for_directory
from .access import explained_when_denied

TEACHERS_PER_PAGE = 25


def _closed(request):
    """Signed in but not (yet) allowed: say why and what to do, with a 403."""
    profile = getattr(request.user, "teacher_profile", None)
    context = {"closed": True, "profile": profile}
    return render(request, "teachers/directory.html", context, status=403)


@require_safe
@explained_when_denied(_closed)
@permission_required("teachers.view_directory")
def directory(request):
    """Verified teachers, filtered by region, country, subject, language and student age,
    searched by name or school. Never their e-mail addresses."""
    form = teacher_filter_form(request.GET)
    page = Paginator(teachers_for_directory(filters=form.filters()), TEACHERS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "teachers/directory.html", {"form": form, "page_obj": page})


@require_safe
@explained_when_denied(_closed)
@permission_required("teachers.view_directory")
def detail(request, pk: int):
    """A verified, active teacher's profile. The e-mail address only for the person and staff
    (teachers.view_contact_details, asked by the template)."""
    try:
        profile = teacher_for_page(pk=pk)
    except TeacherProfile.DoesNotExist:
        raise Http404 from None
    return render(
        request,
        "teachers/detail.html",
        {"profile": profile, "is_own": profile.user_id == request.user.pk},
    )


def _profile_of_photo(request, pk: int, **kwargs) -> TeacherProfile:
    try:
        return profile_with_user(pk=pk)
    except TeacherProfile.DoesNotExist:
        raise Http404 from None


@require_safe
@permission_required(
    "teachers.view_photo",
    obj=_profile_of_photo,
    denied=404,
    visitors_log_in=False,  # an image cannot sign in: a visitor gets a 404 like anyone
)
def photo(request, pk: int, field: str = "photo"):
    """A teacher's photo (or its thumbnail) for whoever may see their page, and for them; never
    cached on the way (core.files)."""
    return private_file_response(getattr(request.permission_object, field))
