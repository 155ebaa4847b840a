from django.urls import path

from .views import agenda, chairmanships, dashboard, meetings

# Under the namespace "secretariat", with registrations.staff.urls (assembled in accsm_portal/urls.py, so
# that meetings never imports registrations).
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
    path("meetings/<int:pk>/reschedule/", meetings.meeting_reschedule, name="meeting_reschedule"),
    path("meetings/<int:pk>/unpublish/", meetings.meeting_unpublish, name="meeting_unpublish"),
    path("meetings/<int:pk>/conclude/", meetings.meeting_conclude, name="meeting_conclude"),
    path("meetings/<int:pk>/duplicate/", meetings.meeting_duplicate, name="meeting_duplicate"),
    path("meetings/<int:pk>/delete/", meetings.meeting_delete, name="meeting_delete"),
    path("meetings/<int:pk>/agenda/", agenda.agenda_add, name="agenda_add"),
    path("meetings/<int:pk>/agenda/order/", agenda.agenda_reorder, name="agenda_reorder"),
    path("meetings/<int:pk>/agenda/<int:item_pk>/", agenda.agenda_edit, name="agenda_edit"),
    path("meetings/<int:pk>/agenda/<int:item_pk>/move/", agenda.agenda_move, name="agenda_move"),
    path("meetings/<int:pk>/agenda/<int:item_pk>/delete/", agenda.agenda_delete, name="agenda_delete"),
    path("chairmanships/", chairmanships.chairmanship_list, name="chairmanships"),
    path("chairmanships/new/", chairmanships.chairmanship_new, name="chairmanship_new"),
    path("chairmanships/<int:pk>/hand-over/", chairmanships.chairmanship_hand_over_view, name="chairmanship_hand_over"),
]
