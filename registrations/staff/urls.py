"""The secretariat's registration pages under /<lang>/secretariat/. No app_name: accsm_portal/urls.py includes
these patterns with meetings.staff.urls' under the one namespace "secretariat"."""

from django.urls import path

from . import views

urlpatterns = [
    path("meetings/<int:pk>/registrations/", views.registrations, name="registrations"),
    path("meetings/<int:pk>/registrations/add/", views.participant_add, name="participant_add"),
    path(
        "meetings/<int:pk>/registrations/<int:participant_pk>/edit/",
        views.participant_edit,
        name="participant_edit",
    ),
    path("meetings/<int:pk>/registrations/status/", views.participants_bulk_status, name="participants_bulk_status"),
    path(
        "meetings/<int:pk>/registrations/<int:participant_pk>/status/",
        views.participant_status,
        name="participant_status",
    ),
    path("meetings/<int:pk>/participants.csv", views.export_csv, name="export_csv"),
    path("meetings/<int:pk>/participants.xlsx", views.export_xlsx, name="export_xlsx"),
    path("meetings/<int:pk>/participants.pdf", views.export_pdf, name="export_pdf"),
    path("meetings/<int:pk>/badges.pdf", views.export_badges, name="export_badges"),
]
