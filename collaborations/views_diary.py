"""The collaboration diary: members post updates (text and photos) and delete them.

Posting is for members; for anyone else the collaboration's diary is not found (404), and
visitors who are not signed in are sent to sign in. Posts are shown on the collaboration's page.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import services
from .forms_diary import DiaryPostForm
from .models import Collaboration, DiaryPost
from .services import CollaborationError


@require_POST
@login_required
def post(request, pk: int):
    """A member posts to the diary. An invalid form (no consent, a bad photo) is shown again
    with its errors and nothing is saved."""
    collaboration = get_object_or_404(Collaboration, pk=pk)
    if not request.user.has_perm("collaborations.post_diary", collaboration):
        raise Http404
    form = DiaryPostForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.diary_post_create(
                collaboration=collaboration,
                by=request.user,
                text=form.cleaned_data["text"],
                visibility=form.cleaned_data["visibility"],
                photos=form.cleaned_data["photos"],
                consent=form.cleaned_data["consent"],
            )
        except CollaborationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Your update is in the diary."))
            return redirect(f"{collaboration.get_absolute_url()}#diary")
    return render(
        request, "collaborations/diary_post.html", {"collaboration": collaboration, "form": form}
    )


@require_POST
@login_required
def delete(request, pk: int, post_pk: int):
    """The author or a lead deletes a post. Anyone else: 404."""
    diary_post = get_object_or_404(
        DiaryPost.objects.select_related("collaboration", "author"),
        pk=post_pk,
        collaboration_id=pk,
    )
    collaboration = diary_post.collaboration
    try:
        services.diary_post_delete(post=diary_post, by=request.user)
    except CollaborationError:
        raise Http404 from None
    messages.success(request, _("The post is deleted."))
    return redirect(f"{collaboration.get_absolute_url()}#diary")
