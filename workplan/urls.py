from django.urls import path

from . import views

app_name = "workplan"
urlpatterns = [
    path("", views.plan_current, name="current"),
    path("<int:pk>/", views.plan_detail, name="plan"),
    path("<int:pk>/timeline/", views.plan_timeline, name="timeline"),
    path("<int:pk>/summary/", views.plan_summary, name="summary"),
    path("<int:pk>/export.xlsx", views.plan_export_xlsx, name="export_xlsx"),
    path("<int:pk>/export.pdf", views.plan_export_pdf, name="export_pdf"),
    path("<int:pk>/propose/", views.proposal_create, name="propose"),
    path("<int:pk>/proposals/", views.proposal_list, name="proposals"),
    path("<int:pk>/attention/", views.attention, name="attention"),
    path("<int:pk>/next/", views.next_plan_start, name="next_plan"),
    path("<int:pk>/adopt/", views.plan_adopt, name="adopt"),
    path("<int:pk>/carry-over/", views.carry_over, name="carry_over"),
    path("initiatives/<int:pk>/", views.initiative_detail, name="initiative"),
    path("initiatives/<int:pk>/edit/", views.initiative_edit, name="initiative_edit"),
    path("initiatives/<int:pk>/agenda/", views.initiative_agenda, name="initiative_agenda"),
    path("initiatives/<int:pk>/decision/", views.initiative_decision, name="initiative_decision"),
    path("initiatives/<int:pk>/progress/", views.initiative_progress, name="initiative_progress"),
]
