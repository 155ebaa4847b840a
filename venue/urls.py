from django.urls import path

from . import views

app_name = "venue"
urlpatterns = [
    path("", views.door_index, name="door"),
    path("<int:pk>/check-in/", views.check_in, name="check_in"),
    path("<int:pk>/check-in/scan", views.scan, name="scan"),
    path("<int:pk>/check-in/search", views.search, name="search"),
]
