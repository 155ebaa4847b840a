from django.urls import path

from . import views

app_name = "circulars"
urlpatterns = [
    path("", views.circular_list, name="list"),
    path("new/", views.circular_new, name="new"),
    path("<int:pk>/", views.circular_detail, name="detail"),
]
