from django.urls import path

from . import views

app_name = "audit"
urlpatterns = [
    path("", views.trail, name="trail"),
    path("my-country/", views.country_trail, name="country_trail"),
]
