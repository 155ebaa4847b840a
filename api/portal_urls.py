from django.urls import path

from . import portal_views

app_name = "api_portal"
urlpatterns = [
    path("", portal_views.guide, name="guide"),
    path("private-calendar/", portal_views.private_feed, name="private_feed"),
    path("tokens/", portal_views.tokens, name="tokens"),
    path("tokens/<int:pk>/revoke/", portal_views.token_revoke, name="token_revoke"),
    path("private-calendars/<int:pk>/revoke/", portal_views.feed_revoke, name="feed_revoke"),
]
