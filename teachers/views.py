from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from .models import TeacherProfile


@login_required
def dashboard(request):
    """A signed-in person's home: what their roles let them do next."""
    profile = TeacherProfile.objects.filter(user=request.user).first()
    return render(request, "teachers/dashboard.html", {"profile": profile})


def profile_edit(request):
    return HttpResponse("todo")


def school_choose(request):
    return HttpResponse("todo")


def school_propose(request):
    return HttpResponse("todo")


def data_export(request):
    return HttpResponse("todo")


def account_delete(request):
    return HttpResponse("todo")
