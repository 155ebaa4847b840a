"""Logistics pages under /<lang>/logistics/: a delegate's travel (focal point of its country, secretariat)."""

from django.urls import path

from . import views

app_name = "logistics"
urlpatterns = [
    path("participants/<int:pk>/", views.travel, name="travel"),
]
