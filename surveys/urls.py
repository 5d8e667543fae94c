from django.urls import path

from .views import answer

app_name = "surveys"

urlpatterns = [
    path("", answer.my_surveys, name="mine"),
    path("<int:pk>/", answer.answer, name="answer"),
]
