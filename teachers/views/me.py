"""A signed-in person's own pages under /me/: dashboard, profile, school, data and deletion.

The profile and school pages are for teachers. Staff and judges have no teacher profile: they
are sent to their dashboard with a message saying so, rather than shown a page that breaks.
"""

from functools import wraps

from allauth.core import ratelimit
from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.contrib.auth import logout
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from core.mfa import SESSION_NEXT, mfa_is_required
from core.permissions import permission_required
from schools.errors import SchoolError
from schools.forms import SchoolForm
from schools.models import School
from schools.selectors import schools_of_any_country, schools_to_choose

from .. import services
from ..dashboard import panels_for
from ..errors import TeacherError
from ..forms import AccountDeleteForm, ProfileForm, SchoolChooseForm, SchoolSearchForm
from ..models import TeacherProfile
from ..selectors import own_teacher_profile, profile_completeness
from .access import explained_when_denied

SCHOOLS_PER_PAGE = 20


def own_profile(request, *args, **kwargs) -> TeacherProfile | None:
    """The person's teacher profile with their school, or None for staff and judges. Cached on
    the user, so that permission checks on this request do not fetch it again."""
    profile = own_teacher_profile(user=request.user)
    if profile is not None:
        request.user.teacher_profile = profile
    return profile


def _not_a_teacher(request):
    messages.info(
        request,
        _(
            "Profiles and schools are for teacher accounts, and yours is not one: there "
            "is nothing to fill in here."
        ),
    )
    return redirect("teachers:dashboard")


def teacher_required(view):
    """Signed-in teachers only (teachers.edit_own_profile on their own profile); the view
    receives their profile. Anyone else signed in is sent to their dashboard with a word on
    why; visitors to the log-in page."""

    @explained_when_denied(_not_a_teacher)
    @permission_required("teachers.edit_own_profile", obj=own_profile)
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        return view(request, *args, profile=request.permission_object, **kwargs)

    return wrapper


@permission_required("teachers.view_dashboard")
def dashboard(request):
    """A signed-in person's home: where their verification stands and what to do next. Whether
    they may edit their school, the template asks ({% has_perm %})."""
    profile = own_profile(request)
    panels = panels_for(request)
    context = {
        "profile": profile,
        "panels": panels,
        "panel_names": {panel["name"] for panel in panels},
    }
    if profile is not None:
        context["completeness"] = profile_completeness(profile=profile)
    return render(request, "teachers/dashboard.html", context)


@teacher_required
def profile_edit(request, *, profile: TeacherProfile):
    """The teacher edits what partners see of them. Nothing is saved unless all is valid."""
    form = ProfileForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        profile=profile,
    )
    if request.method == "POST" and form.is_valid():
        was_rejected = profile.verification == TeacherProfile.Verification.REJECTED
        profile = services.teacher_profile_update(
            profile=profile, by=request.user, **form.profile_fields()
        )
        if was_rejected and profile.is_pending:
            messages.success(
                request,
                _("Your profile is saved and back with ClassNet staff, who will look at it again."),
            )
        else:
            messages.success(request, _("Your profile is saved."))
        return redirect("teachers:dashboard")
    return render(request, "teachers/profile_edit.html", {"form": form, "profile": profile})


@teacher_required
def school_choose(request, *, profile: TeacherProfile):
    """Search the schools of the teacher's country and name one as theirs."""
    search = SchoolSearchForm(request.GET, user=request.user)
    search.is_valid()
    country, query = search.search()
    if request.method == "POST":
        # A teacher without a country on their account may choose a school of any country.
        schools = (
            schools_to_choose(country=request.user.country, query="")
            if request.user.country_id
            else schools_of_any_country()
        )
        form = SchoolChooseForm(request.POST, schools=schools)
        if not form.is_valid():
            messages.error(request, " ".join(form.errors["school"]))
            return redirect(request.get_full_path())
        school = form.cleaned_data["school"]
        was_verified = profile.is_verified
        try:
            profile = services.teacher_school_choose(
                profile=profile, school=school, by=request.user
            )
        except TeacherError as error:
            messages.error(request, str(error))
            return redirect(request.get_full_path())
        messages.success(request, _choose_message(school=school, was_verified=was_verified))
        return redirect("teachers:dashboard")
    results = schools_to_choose(country=country, query=query)
    page = Paginator(results, SCHOOLS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "teachers/school_choose.html",
        {
            "profile": profile,
            "search": search,
            "country": country,
            "query": query,
            "page": page,
        },
    )


def _choose_message(*, school: School, was_verified: bool) -> str:
    if not school.is_verified:
        return _(
            "%(school)s is now your school. ClassNet staff will check the school and that you "
            "teach there; you will get an e-mail."
        ) % {"school": school}
    if was_verified:
        return _(
            "%(school)s is now your school. Staff will verify your affiliation again; until then "
            "you can browse but not join, propose or apply."
        ) % {"school": school}
    return _(
        "%(school)s is now your school. ClassNet staff will verify that you teach there; you will "
        "get an e-mail."
    ) % {"school": school}


@teacher_required
def school_propose(request, *, profile: TeacherProfile):
    """The teacher could not find their school: they propose it, in their own country."""
    user = request.user
    form = SchoolForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        with_country=user.country_id is None,
    )
    duplicate_search = ""
    if request.method == "POST" and form.is_valid():
        fields = form.school_fields()
        country = fields.pop("country", None) or user.country
        try:
            school = services.teacher_school_propose(
                profile=profile, by=user, country=country, **fields
            )
        except SchoolError as error:  # already listed: offer to pick it instead
            form.add_service_error(error)
            duplicate_search = fields["name"]
        except TeacherError as error:
            form.add_service_error(error)
        else:
            messages.success(
                request,
                _(
                    "Thank you: %(school)s is proposed and named as your school. ClassNet staff "
                    "will check it and your affiliation; you will get an e-mail."
                )
                % {"school": school},
            )
            return redirect("teachers:dashboard")
    return render(
        request,
        "teachers/school_propose.html",
        {
            "form": form,
            "profile": profile,
            "country": user.country,
            "duplicate_search": duplicate_search,
        },
    )


@never_cache
@require_GET
@permission_required("teachers.export_own_data")
def data_export(request):
    """Everything the portal holds about the person, as a JSON download."""
    response = JsonResponse(
        services.teacher_data_export(user=request.user),
        json_dumps_params={"indent": 2, "ensure_ascii": False},
    )
    response["Content-Disposition"] = 'attachment; filename="classnet-my-data.json"'
    return response


@require_http_methods(["GET", "POST"])
@permission_required("teachers.delete_own_account")
def account_delete(request):
    """Erase the account after the password is typed again; anonymous counts stay."""
    posted = request.method == "POST"
    form = AccountDeleteForm(
        request.POST if posted else None,
        user=request.user,
        # The password guess shares allauth's re-authentication limit (10 a minute per user).
        attempts_left=not posted
        or ratelimit.consume(request, action="reauthenticate", user=request.user),
    )
    if request.method == "POST" and form.is_valid():
        services.teacher_erase(user=request.user)
        logout(request)
        messages.success(
            request,
            _("Your account and personal data are deleted. Thank you for being part of ClassNet."),
        )
        return redirect("home")
    profile = own_teacher_profile(user=request.user)
    return render(request, "teachers/account_delete.html", {"form": form, "profile": profile})


@require_GET
@permission_required("teachers.view_dashboard")
def mfa_setup(request):
    """Why and how to set up two-factor authentication; where staff, judges and superusers are
    sent until they have (core/mfa.py). Once it is set up, on to the page they were going to."""
    if is_mfa_enabled(request.user):
        target = request.session.pop(SESSION_NEXT, None)
        if not target or not url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            target = "teachers:dashboard"
        messages.success(request, _("Two-factor authentication is on for your account."))
        return redirect(target)
    return render(request, "teachers/mfa_setup.html", {"required": mfa_is_required(request.user)})
