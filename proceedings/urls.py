from django.urls import path

from . import views

app_name = "proceedings"
urlpatterns = [
    path("record/", views.record_index, name="record_index"),
    path("record/meetings/<int:pk>/", views.record_page, name="record"),
    path("record/meetings/<int:pk>/report/", views.report_download, name="report"),
    path("record/meetings/<int:pk>/matters-arising/", views.matters_arising, name="matters_arising"),
    path("record/items/<int:pk>/summary/", views.summary_save, name="summary_save"),
    path("record/items/<int:pk>/decisions/", views.decision_add, name="decision_add"),
    path("record/items/<int:pk>/actions/", views.action_add, name="action_add"),
    path("record/decisions/<int:pk>/", views.decision_edit, name="decision_edit"),
    path("record/decisions/<int:pk>/delete/", views.decision_delete, name="decision_delete"),
    path("actions/", views.tracker_page, name="tracker"),
    path("actions/<int:pk>/", views.action_detail, name="action"),
    path("actions/<int:pk>/edit/", views.action_edit, name="action_edit"),
    path("actions/<int:pk>/delete/", views.action_delete, name="action_delete"),
    path("procedures/", views.procedure_list, name="procedures"),
    path("procedures/new/", views.procedure_new, name="procedure_new"),
    path("procedures/<int:pk>/", views.procedure_detail, name="procedure"),
    path("procedures/<int:pk>/close/", views.procedure_close, name="procedure_close"),
    path("procedures/<int:pk>/comments/", views.procedure_comments, name="procedure_comments"),
    path("record/meetings/<int:pk>/report/circulate/", views.report_circulate, name="report_circulate"),
    path("record/meetings/<int:pk>/report/adopt/", views.report_adopt, name="report_adopt"),
    path("record/meetings/<int:pk>/report/comments/", views.report_comments, name="report_comments"),
    path("reports/", views.report_list, name="reports"),
    path("reports/<int:pk>/", views.report_comment_page, name="report_comment"),
]
