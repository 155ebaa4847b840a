from django.urls import path

from . import views

app_name = "webhooks"
urlpatterns = [
    path("", views.subscriptions, name="subscriptions"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/test/", views.send_test, name="send_test"),
    path("<int:pk>/switch/", views.switch, name="switch"),
    path("<int:pk>/delete/", views.delete, name="delete"),
]
