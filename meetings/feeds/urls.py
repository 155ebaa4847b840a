from django.urls import path

from . import views

app_name = "calendar"
urlpatterns = [
    path("meetings.ics", views.all_meetings, name="all"),
    path("accsm-<int:ordinal>.ics", views.chairmanship_meetings, name="chairmanship"),
    path("meetings/<int:pk>.ics", views.one_meeting, name="meeting"),
    path("private/<str:token>.ics", views.private_feed, name="private"),
]
