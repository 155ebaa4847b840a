from django.urls import path

from . import views

app_name = "exportjobs"
urlpatterns = [
    path("<uuid:pk>/", views.job, name="job"),
    path("<uuid:pk>/progress", views.progress, name="progress"),
    path("<uuid:pk>/download", views.download, name="download"),
    path("<uuid:pk>/again", views.again, name="again"),
]
