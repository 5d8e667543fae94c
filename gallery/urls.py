from django.urls import path

from . import views

app_name = "gallery"

urlpatterns = [
    path("", views.index, name="index"),
    path("albums/<int:pk>/", views.album, name="album"),
    path("albums/new/", views.album_create, name="album_create"),
    path("albums/<int:pk>/add/", views.item_add, name="item_add"),
    path("items/<int:pk>/<slug:field>/", views.item_file, name="item_file"),
    path("staff/", views.staff_items, name="staff_items"),
    path("staff/items/<int:pk>/hide/", views.item_hide, name="item_hide"),
    path("staff/items/<int:pk>/unhide/", views.item_unhide, name="item_unhide"),
    path("staff/items/<int:pk>/delete/", views.item_delete, name="item_delete"),
]
