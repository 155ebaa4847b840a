"""The secretariat's logistics pages, under the "secretariat" namespace (assembled in accsm_portal/urls.py)."""

from django.urls import path

from . import views

urlpatterns = [
    path("meetings/<int:pk>/logistics/", views.logistics, name="logistics"),
    path("meetings/<int:pk>/logistics/hotels/", views.hotel_add, name="hotel_add"),
    path("meetings/<int:pk>/logistics/hotels/<int:hotel_pk>/delete/", views.hotel_delete, name="hotel_delete"),
    path("meetings/<int:pk>/logistics/liaison/<int:delegation_pk>/", views.liaison_officer, name="liaison_officer"),
    path("meetings/<int:pk>/logistics/<str:sheet>.<str:kind>", views.logistics_export, name="logistics_export"),
]
