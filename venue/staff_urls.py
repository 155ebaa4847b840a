"""The secretariat's venue pages, under the "secretariat" namespace (assembled in accsm_portal/urls.py)."""

from django.urls import path

from . import staff_views as views

urlpatterns = [
    path("meetings/<int:pk>/venue/", views.venue, name="venue"),
    path("meetings/<int:pk>/venue/door-staff/", views.door_staff_add, name="door_staff_add"),
    path(
        "meetings/<int:pk>/venue/door-staff/<int:door_pk>/remove/",
        views.door_staff_remove,
        name="door_staff_remove",
    ),
    path("meetings/<int:pk>/venue/colours/", views.badge_colours, name="badge_colours"),
    path("meetings/<int:pk>/attendance/", views.attendance, name="attendance"),
    path("meetings/<int:pk>/attendance/summary/", views.attendance_summary, name="attendance_summary"),
    path("meetings/<int:pk>/attendance.<str:kind>", views.attendance_export, name="attendance_export"),
    path("meetings/<int:pk>/certificates/<int:participant_pk>.pdf", views.certificate_pdf, name="certificate_pdf"),
    path("meetings/<int:pk>/certificates/email/", views.certificates_email, name="certificates_email"),
    path("meetings/<int:pk>/venue/signatory/", views.certificate_signatory, name="certificate_signatory"),
]
