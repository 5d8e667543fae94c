from django.urls import path

from . import views, views_diary, views_invitations, views_manage

app_name = "collaborations"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views_manage.propose, name="propose"),
    path("mine/", views_manage.mine, name="mine"),
    path("<int:pk>/edit/", views_manage.edit, name="edit"),
    path("<int:pk>/status/", views_manage.set_status, name="set_status"),
    path("<int:pk>/join/", views_manage.join, name="join"),
    path("<int:pk>/requests/<int:request_pk>/", views_manage.answer_request, name="answer"),
    path(
        "<int:pk>/requests/<int:request_pk>/withdraw/",
        views_manage.withdraw_request,
        name="withdraw",
    ),
    path("<int:pk>/members/<int:membership_pk>/", views_manage.member, name="member"),
    path("<int:pk>/diary/", views_diary.post, name="diary_post"),
    path("<int:pk>/diary/<int:post_pk>/delete/", views_diary.delete, name="diary_delete"),
    path("invite/<int:teacher_pk>/", views_invitations.invite, name="invite"),
    path("invitations/<int:pk>/", views_invitations.invitation, name="invitation"),
    path("invitations/<int:pk>/answer/", views_invitations.answer, name="invitation_answer"),
    path("invitations/<int:pk>/withdraw/", views_invitations.withdraw, name="invitation_withdraw"),
    path("<int:pk>/<slug:slug>/", views.detail, name="detail"),
]
