"""Accreditation pages under /<lang>/accreditation/."""

from django.urls import path

from . import views

app_name = "accreditation"
urlpatterns = [
    path("participants/<int:pk>/", views.participant, name="participant"),
    path("participants/<int:pk>/photo.jpg", views.photo, name="photo"),
    path("participants/<int:pk>/<str:decision>/", views.decide, name="decide"),
    path("meetings/<int:pk>/", views.meeting, name="meeting"),
    path("meetings/<int:pk>/questions/", views.question_add, name="question_add"),
    path("meetings/<int:pk>/questions/<int:question_pk>/delete/", views.question_delete, name="question_delete"),
    path("meetings/<int:pk>/accreditation.csv", views.export_csv, name="export_csv"),
    path("meetings/<int:pk>/accreditation.xlsx", views.export_xlsx, name="export_xlsx"),
    path("meetings/<int:meeting_pk>/letters/", views.letters, name="letters"),
    path("letters/<int:pk>.pdf", views.letter_pdf, name="letter_pdf"),
    path("letters/<int:pk>/issue/", views.letter_issue, name="letter_issue"),
    path("letters/<int:pk>/decline/", views.letter_decline, name="letter_decline"),
    path("verify/<str:code>/", views.verify, name="verify"),
]
