"""The collaboration diary: members post updates (text and photos) and delete them.

Posting is for members; for anyone else the collaboration's diary is not found (404), and
visitors who are not signed in are sent to sign in. Posts are shown on the collaboration's page.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.permissions import permission_required

from ..errors import CollaborationError
from ..forms.diary import DiaryPostForm
from ..services.diary import diary_post_create, diary_post_delete
from . import lookups


@require_POST
@permission_required("collaborations.post_diary", obj=lookups.plain_collaboration, denied=404)
def post(request, pk: int):
    """A member posts to the diary. An invalid form (no consent, a bad photo) is shown again
    with its errors and nothing is saved."""
    collaboration = request.permission_object
    form = DiaryPostForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            diary_post_create(
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
@permission_required("collaborations.delete_diary_post", obj=lookups.diary_post, denied=404)
def delete(request, pk: int, post_pk: int):
    """The author or a lead deletes a post. Anyone else: 404."""
    diary_post = request.permission_object
    collaboration = diary_post.collaboration
    try:
        diary_post_delete(post=diary_post, by=request.user)
    except CollaborationError:
        raise Http404 from None
    messages.success(request, _("The post is deleted."))
    return redirect(f"{collaboration.get_absolute_url()}#diary")
