from django.urls import path

from . import views

app_name = "venue"
urlpatterns = [
    path("", views.door_index, name="door"),
    path("<int:pk>/check-in/", views.check_in, name="check_in"),
    path("<int:pk>/check-in/scan", views.scan, name="scan"),
    path("<int:pk>/check-in/search", views.search, name="search"),
    path("<int:pk>/check-in/photos/<int:participant_pk>.jpg", views.photo, name="photo"),
]
urlpatterns += [
    path("certificates/<str:code>/", views.certificate_verify, name="certificate_verify"),
    path("certificates/download/<str:token>/", views.certificate_download, name="certificate_download"),
]
