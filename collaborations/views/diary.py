"""The collaboration diary: members post updates (text and photos), show them to everyone or
to members only, and delete them; the photos of a page not everyone may see are served here.

Posting is for members; for anyone else the collaboration's diary is not found (404), and
visitors who are not signed in are sent to sign in. Posts are shown on the collaboration's page.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.files import private_file_response
from core.permissions import permission_required

from ..errors import CollaborationError
from ..forms.diary import DiaryPostForm
from ..models import DiaryPost
from ..services.diary import diary_post_create, diary_post_delete, diary_post_visibility_set
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


@require_POST
@permission_required("collaborations.change_diary_post", obj=lookups.diary_post, denied=404)
def visibility(request, pk: int, post_pk: int):
    """The author or a lead shows a post to everyone or to members only; its photos follow."""
    diary_post = request.permission_object
    choice = request.POST.get("visibility", "")
    try:
        diary_post_visibility_set(post=diary_post, by=request.user, visibility=choice)
    except CollaborationError as error:
        messages.error(request, str(error))
    else:
        if choice == DiaryPost.Visibility.PUBLIC:
            messages.success(request, _("Everyone who can see the collaboration sees the post."))
        else:
            messages.success(request, _("Only the members see the post and its photos now."))
    return redirect(f"{diary_post.collaboration.get_absolute_url()}#diary")


@require_GET
@permission_required(
    "collaborations.view_diary_photo",
    obj=lookups.diary_photo,
    denied=404,
    visitors_log_in=False,  # an image cannot sign in: a visitor gets a 404 like anyone
)
def photo(request, photo_pk: int, field: str = "image"):
    """A diary photo (field "image") or its thumbnail for someone who may see its post
    (members and staff when it is members only); never cached on the way."""
    return private_file_response(getattr(request.permission_object, field))
