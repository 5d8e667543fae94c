from django.urls import path

from . import views_answer

app_name = "surveys"

urlpatterns = [
    path("", views_answer.my_surveys, name="mine"),
    path("<int:pk>/", views_answer.answer, name="answer"),
]
