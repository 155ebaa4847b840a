from django.urls import path

from . import views

app_name = "reminders"
urlpatterns = [
    path("", views.index, name="index"),
    path("rules/<slug:kind>/", views.rule_edit, name="rule"),
    path("meetings/<int:pk>/", views.meeting_reminders, name="meeting"),
    path("<int:pk>/send-now/", views.send_now, name="send_now"),
]
