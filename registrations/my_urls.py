"""The focal points' pages, under /<lang>/my/."""

from django.urls import path
from django.views.generic import RedirectView

from . import my_views as views

app_name = "my"
urlpatterns = [
    path("", RedirectView.as_view(pattern_name="my:meetings"), name="home"),
    path("meetings/", views.meetings, name="meetings"),
    path("meetings/<int:meeting_pk>/", views.delegation, name="delegation"),
    path("meetings/<int:meeting_pk>/participants/add/", views.participant_add, name="participant_add"),
    path("meetings/<int:meeting_pk>/participants/import/", views.participants_import, name="participants_import"),
    path("meetings/<int:meeting_pk>/participants/copy/", views.participants_copy, name="participants_copy"),
    path("meetings/<int:meeting_pk>/nomination-letter/", views.nomination_letter_upload, name="nomination_letter"),
    path("participants/<int:pk>/edit/", views.participant_edit, name="participant_edit"),
    path("participants/<int:pk>/withdraw/", views.participant_withdraw, name="participant_withdraw"),
    path("participants-template.<str:file_format>", views.import_template, name="import_template"),
]
