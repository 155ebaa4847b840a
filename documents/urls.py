from django.urls import path

from . import views

app_name = "documents"
urlpatterns = [
    path("", views.library, name="library"),
    path("declarations/", views.declarations, name="declarations"),
    path("upload/", views.upload, name="upload"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/download/", views.download, name="download"),
    path("<int:pk>/versions/<int:number>/download/", views.download, name="version_download"),
    path("<int:pk>/versions/", views.add_version, name="add_version"),
    path("<int:pk>/status/", views.set_status, name="set_status"),
    path("<int:pk>/steps/", views.add_step, name="add_step"),
    path("<int:pk>/steps/<int:step_pk>/delete/", views.delete_step, name="delete_step"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/delete/", views.delete, name="delete"),
    path("meeting/<int:meeting_pk>/documents.zip", views.meeting_zip, name="meeting_zip"),
]
