from django.urls import path

from . import sign_in as views

# Mounted before django.contrib.auth.urls: the sign-in page knows about lock-outs, and the second factor.
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("two-step/", views.two_factor_manage, name="two_factor_manage"),
    path("two-step/verify/", views.two_factor_verify, name="two_factor_verify"),
    path("two-step/enrol/", views.two_factor_enrol, name="two_factor_enrol"),
    path("two-step/staff/", views.two_factor_staff, name="two_factor_staff"),
]
