from django.urls import path

from . import views

app_name = "outbox"
urlpatterns = [
    path("", views.failures, name="failures"),
    path("<int:pk>/retry/", views.retry, name="retry"),
]
