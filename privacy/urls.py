from django.urls import path

from . import views

app_name = "privacy"
urlpatterns = [
    path("", views.search, name="search"),
    path("participants/<int:pk>/", views.person, name="person"),
    path("participants/<int:pk>/export/", views.export, name="export"),
    path("participants/<int:pk>/erase/", views.erase, name="erase"),
]
