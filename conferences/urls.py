from django.urls import path

from . import views

app_name = "conferences"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:number>/", views.detail, name="detail"),
    path("<int:number>/programme/", views.programme, name="programme"),
    path("<int:number>/programme.ics", views.programme_ics, name="programme_ics"),
    path("<int:number>/apply/", views.apply, name="apply"),
    path("<int:number>/application/withdraw/", views.withdraw, name="withdraw"),
]
