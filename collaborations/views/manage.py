"""What teachers do with collaborations: propose and edit one, move it along its statuses, ask
to join, answer requests, leave, remove members and name co-leads; and "My collaborations".

Every action is a POST through a form that calls one service. A CollaborationError becomes a
message on the page and changes nothing. Collaborations a person may not see, and actions they
may not take, are 404s: a 403 would confirm what exists and who may act on it.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.permissions import PermissionRequiredMixin, permission_required

from ..errors import CollaborationError
from ..forms.collaborations import CollaborationForm, StatusForm
from ..rules import may_propose
from ..selectors.collaborations import collaborations_of
from ..selectors.join_requests import requests_of, waiting_counts
from ..services.collaborations import (
    collaboration_propose,
    collaboration_set_status,
    collaboration_update,
)
from . import lookups

PER_PAGE = 20


def form_errors(form) -> str:
    return " ".join(str(error) for errors in form.errors.values() for error in errors)


# --- propose and edit -----------------------------------------------------------------------


class ProposeView(PermissionRequiredMixin, View):
    """A verified teacher proposes a collaboration, saved as a draft or published at once.
    Others who are signed in get the page that says who can (a 403); visitors log in."""

    permission_required = "collaborations.propose"
    http_method_names = ["get", "post"]

    def get_permission_object(self):
        # the teacher profile (with school) that the permission and the page read
        self.profile = lookups.cache_teacher_profile(self.request.user)
        return None

    def handle_no_permission(self):
        if not self.request.user.is_authenticated:
            return super().handle_no_permission()
        return render(
            self.request,
            "collaborations/propose.html",
            {"profile": self.profile, "refused": True},
            status=403,
        )

    def get(self, request):
        return self.page(request, CollaborationForm())

    def post(self, request):
        form = CollaborationForm(request.POST)
        if form.is_valid():
            publish = "publish" in request.POST
            try:
                collaboration = collaboration_propose(
                    by=request.user, publish=publish, **form.collaboration_fields()
                )
            except CollaborationError as error:
                form.add_service_error(error)
            else:
                if publish:
                    messages.success(
                        request,
                        _("%(title)s is published: teachers can now ask to join.")
                        % {"title": collaboration},
                    )
                else:
                    messages.success(
                        request,
                        _(
                            "%(title)s is saved as a draft: only you and ClassNet staff see it. "
                            "Publish it when it is ready."
                        )
                        % {"title": collaboration},
                    )
                return redirect(collaboration)
        return self.page(request, form)

    def page(self, request, form):
        return render(
            request, "collaborations/propose.html", {"form": form, "profile": self.profile}
        )


propose = ProposeView.as_view()


@require_http_methods(["GET", "POST"])
@permission_required(
    ("collaborations.view", "collaborations.edit"), obj=lookups.collaboration_page, denied=404
)
def edit(request, pk: int):
    """Leads and staff edit the plan; places cannot drop below the partner schools in."""
    collaboration = request.permission_object
    form = CollaborationForm(
        request.POST if request.method == "POST" else None, collaboration=collaboration
    )
    if request.method == "POST" and form.is_valid():
        try:
            collaboration = collaboration_update(
                collaboration=collaboration, by=request.user, **form.collaboration_fields()
            )
        except CollaborationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("%(title)s is saved.") % {"title": collaboration})
            return redirect(collaboration)
    return render(
        request,
        "collaborations/propose.html",
        {"form": form, "collaboration": collaboration},
    )


@require_POST
@permission_required(
    ("collaborations.view", "collaborations.edit"), obj=lookups.collaboration, denied=404
)
def set_status(request, pk: int):
    """Leads and staff move the collaboration along (draft -> open -> running -> ...)."""
    collaboration = request.permission_object
    form = StatusForm(request.POST, collaboration=collaboration)
    if not form.is_valid():
        messages.error(request, form_errors(form))
        return redirect(collaboration)
    try:
        collaboration = collaboration_set_status(
            collaboration=collaboration, by=request.user, status=form.cleaned_data["status"]
        )
    except CollaborationError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("%(title)s is now: %(status)s.")
            % {"title": collaboration, "status": collaboration.get_status_display().lower()},
        )
    return redirect(collaboration)


# --- my collaborations ----------------------------------------------------------------------


@require_safe
@permission_required("collaborations.view_own")
def mine(request):
    """The teacher's collaborations (role, status, places, requests waiting for the ones they
    lead) and their own join requests with the answers."""
    user = request.user
    page = Paginator(collaborations_of(user=user), PER_PAGE).get_page(request.GET.get("page"))
    rows = list(page)
    leading = []
    for collaboration in rows:
        collaboration.my_membership = next(
            (m for m in collaboration.memberships.all() if m.teacher.user_id == user.pk), None
        )
        if collaboration.my_membership is not None and collaboration.my_membership.is_lead:
            leading.append(collaboration.pk)
    waiting = waiting_counts(collaboration_ids=leading)
    for collaboration in rows:
        collaboration.waiting = waiting.get(collaboration.pk, 0)
    requests_page = Paginator(requests_of(user=user), PER_PAGE).get_page(
        request.GET.get("requests")
    )
    return render(
        request,
        "collaborations/mine.html",
        {
            "page_obj": page,
            "rows": rows,
            "requests_page": requests_page,
            "can_propose": may_propose(user),
        },
    )
