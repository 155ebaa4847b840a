from django.urls import path

from registrations.staff import views as registrations

from .views import agenda, chairmanships, dashboard, meetings

app_name = "secretariat"
urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("meetings/", meetings.meeting_list, name="meetings"),
    path("meetings/new/", meetings.meeting_create, name="meeting_new"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/edit/", meetings.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/publish/", meetings.meeting_publish, name="meeting_publish"),
    path("meetings/<int:pk>/postpone/", meetings.meeting_postpone, name="meeting_postpone"),
    path("meetings/<int:pk>/cancel/", meetings.meeting_cancel, name="meeting_cancel"),
    path("meetings/<int:pk>/conclude/", meetings.meeting_conclude, name="meeting_conclude"),
    path("meetings/<int:pk>/duplicate/", meetings.meeting_duplicate, name="meeting_duplicate"),
    path("meetings/<int:pk>/delete/", meetings.meeting_delete, name="meeting_delete"),
    path("meetings/<int:pk>/agenda/", agenda.agenda_add, name="agenda_add"),
    path("meetings/<int:pk>/agenda/order/", agenda.agenda_reorder, name="agenda_reorder"),
    path("meetings/<int:pk>/agenda/<int:item_pk>/", agenda.agenda_edit, name="agenda_edit"),
    path("meetings/<int:pk>/agenda/<int:item_pk>/move/", agenda.agenda_move, name="agenda_move"),
    path("meetings/<int:pk>/agenda/<int:item_pk>/delete/", agenda.agenda_delete, name="agenda_delete"),
    path("meetings/<int:pk>/registrations/", registrations.registrations, name="registrations"),
    path("meetings/<int:pk>/registrations/add/", registrations.participant_add, name="participant_add"),
    path(
        "meetings/<int:pk>/registrations/<int:participant_pk>/edit/",
        registrations.participant_edit,
        name="participant_edit",
    ),
    path(
        "meetings/<int:pk>/registrations/<int:participant_pk>/status/",
        registrations.participant_status,
        name="participant_status",
    ),
    path("meetings/<int:pk>/participants.csv", registrations.export_csv, name="export_csv"),
    path("meetings/<int:pk>/participants.xlsx", registrations.export_xlsx, name="export_xlsx"),
    path("meetings/<int:pk>/participants.pdf", registrations.export_pdf, name="export_pdf"),
    path("meetings/<int:pk>/badges.pdf", registrations.export_badges, name="export_badges"),
    path("chairmanships/", chairmanships.chairmanship_list, name="chairmanships"),
    path("chairmanships/new/", chairmanships.chairmanship_new, name="chairmanship_new"),
    path("chairmanships/<int:pk>/hand-over/", chairmanships.chairmanship_hand_over_view, name="chairmanship_hand_over"),
]
