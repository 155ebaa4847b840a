from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("invitation/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("time-zone/", views.time_zone, name="time_zone"),
    path("focal-points/", views.focal_points, name="focal_points"),
    path("focal-points/<int:pk>/deactivate/", views.focal_point_deactivate, name="focal_point_deactivate"),
    path("focal-points/<int:pk>/activate/", views.focal_point_activate, name="focal_point_activate"),
    path("invitations/<int:pk>/resend/", views.invitation_resend, name="invitation_resend"),
    path("invitations/<int:pk>/withdraw/", views.invitation_revoke, name="invitation_revoke"),
]
