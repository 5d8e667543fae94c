from django.shortcuts import render

from schools.selectors import country_counts_by_region


def home(request):
    return render(request, "home.html", {"countries": country_counts_by_region()})
