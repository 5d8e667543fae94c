"""The public school directory and school pages."""

from django.core.paginator import Page, Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from core.permissions import public

from ..filters import school_filter_form
from ..models import School
from ..selectors import school_for_page, schools_for_directory, verified_teachers_of

SCHOOLS_PER_PAGE = 24
TEACHERS_PER_PAGE = 25


def paginate(request, queryset, *, per_page: int) -> Page:
    """The page the query string asks for; past the end or not a number gives the nearest."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


@public
@require_safe
def index(request):
    """Verified schools, filtered by region, country, kind and language, searched by name or
    city. Public."""
    form = school_filter_form(request.GET)
    page = paginate(
        request, schools_for_directory(filters=form.filters()), per_page=SCHOOLS_PER_PAGE
    )
    return render(
        request,
        "schools/index.html",
        {"form": form, "page_obj": page},
    )


@public
@require_safe
def detail(request, pk: int, slug: str):
    """A verified school with its verified teachers (names and subjects). Public; proposed
    schools are not found; a wrong slug redirects to the school's own address. Whether the
    visitor may edit it or open its teachers' pages, the template asks ({% has_perm %})."""
    try:
        school = school_for_page(pk=pk)
    except School.DoesNotExist:
        raise Http404 from None
    if slug != school.slug:
        url = school.get_absolute_url()
        if request.GET:
            url = f"{url}?{request.GET.urlencode()}"
        return redirect(url, permanent=True)
    teachers = paginate(request, verified_teachers_of(school=school), per_page=TEACHERS_PER_PAGE)
    return render(
        request,
        "schools/detail.html",
        {
            "school": school,
            "teachers": teachers,
            "page_obj": teachers,
        },
    )
