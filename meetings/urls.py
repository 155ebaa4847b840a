from django.urls import path

from . import views

app_name = "meetings"
urlpatterns = [
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("archive/", views.archive, name="archive"),
    path("accsm-<int:ordinal>/", views.chairmanship_detail, name="chairmanship"),
]
