from django.urls import path

from . import views

app_name = "conferences"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:number>/", views.detail, name="detail"),
]
