from django.shortcuts import render

from core.permissions import public
from schools.selectors import country_counts_by_region


@public
def home(request):
    return render(request, "home.html", {"countries": country_counts_by_region()})
