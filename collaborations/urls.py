from django.urls import path

from .views import browse, diary, invitations, join_requests, manage, members

app_name = "collaborations"

urlpatterns = [
    path("", browse.index, name="index"),
    path("new/", manage.propose, name="propose"),
    path("mine/", manage.mine, name="mine"),
    path("<int:pk>/edit/", manage.edit, name="edit"),
    path("<int:pk>/status/", manage.set_status, name="set_status"),
    path("<int:pk>/join/", join_requests.join, name="join"),
    path("<int:pk>/requests/<int:request_pk>/", join_requests.answer_request, name="answer"),
    path(
        "<int:pk>/requests/<int:request_pk>/withdraw/",
        join_requests.withdraw_request,
        name="withdraw",
    ),
    path("<int:pk>/members/<int:membership_pk>/", members.member, name="member"),
    path("<int:pk>/diary/", diary.post, name="diary_post"),
    path("<int:pk>/diary/<int:post_pk>/delete/", diary.delete, name="diary_delete"),
    path("<int:pk>/diary/<int:post_pk>/visibility/", diary.visibility, name="diary_visibility"),
    path("diary/photos/<int:photo_pk>/", diary.photo, name="diary_photo"),
    path(
        "diary/photos/<int:photo_pk>/thumbnail/",
        diary.photo,
        {"field": "thumbnail"},
        name="diary_thumbnail",
    ),
    path("invite/<int:teacher_pk>/", invitations.invite, name="invite"),
    path("invitations/<int:pk>/", invitations.invitation, name="invitation"),
    path("invitations/<int:pk>/answer/", invitations.answer, name="invitation_answer"),
    path("invitations/<int:pk>/withdraw/", invitations.withdraw, name="invitation_withdraw"),
    path("<int:pk>/<slug:slug>/", browse.detail, name="detail"),
]
