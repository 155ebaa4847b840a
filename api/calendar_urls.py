from django.urls import path

from . import calendar_views

app_name = "calendar"
urlpatterns = [
    path("meetings.ics", calendar_views.all_meetings, name="all"),
    path("accsm-<int:ordinal>.ics", calendar_views.chairmanship_meetings, name="chairmanship"),
    path("meetings/<int:pk>.ics", calendar_views.one_meeting, name="meeting"),
    path("private/<str:token>.ics", calendar_views.private_feed, name="private"),
]
