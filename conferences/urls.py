from django.urls import path

from .views import offers as views_offers
from .views import participants as views_participants
from .views import public as views
from .views import workshops as views_workshops

app_name = "conferences"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:number>/", views.detail, name="detail"),
    path("<int:number>/programme/", views.programme, name="programme"),
    path("<int:number>/programme.ics", views.programme_ics, name="programme_ics"),
    path("<int:number>/apply/", views.apply, name="apply"),
    path("<int:number>/application/withdraw/", views.withdraw, name="withdraw"),
    # Waitlist offers: the one-click link in the offer e-mail
    path("offers/<str:token>/", views_offers.offer, name="offer"),
    # Workshops and the participant's own calendar
    path("<int:number>/workshops/", views_workshops.workshops, name="workshops"),
    path(
        "<int:number>/my-programme.ics", views_workshops.my_programme_ics, name="my_programme_ics"
    ),
    # Certificate of participation
    path("<int:number>/certificate.pdf", views_participants.certificate, name="certificate"),
]
