"""Registration pages under /<lang>/registrations/: shared by the secretariat and the country's focal points
(objects scoped by country), and the secretariat's waiting lists, arrivals and letter template."""

from django.urls import path, register_converter

from . import views


class LanguageConverter:
    regex = "en|vi"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(LanguageConverter, "language")

app_name = "registrations"
urlpatterns = [
    path("", views.index, name="index"),
    path("delegations/<int:pk>/nomination-letter/", views.nomination_letter_download, name="nomination_letter"),
    path("delegations/<int:pk>/history/", views.delegation_history, name="delegation_history"),
    path(
        "participants/<int:pk>/letter-of-invitation-<language:language>.pdf",
        views.invitation_letter,
        name="invitation_letter",
    ),
    path("meetings/<int:meeting_pk>/waiting-list/", views.waiting_list, name="waiting_list"),
    path(
        "participants/<int:pk>/waiting-list/<str:decision>/",
        views.waiting_list_decide,
        name="waiting_list_decide",
    ),
    path("meetings/<int:meeting_pk>/arrivals/", views.arrivals, name="arrivals"),
    path("meetings/<int:meeting_pk>/arrivals.csv", views.arrivals_csv, name="arrivals_csv"),
    path("letter-templates/<int:chairmanship_pk>/", views.letter_template_edit, name="letter_template"),
    path(
        "letter-templates/<int:chairmanship_pk>/example-<language:language>.pdf",
        views.letter_template_preview,
        name="letter_template_preview",
    ),
]
