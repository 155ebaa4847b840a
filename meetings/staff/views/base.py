"""What every secretariat page shares: the role check (one decorator for the whole portal) and fragments."""

from __future__ import annotations

from django.http import HttpRequest

from accounts.decorators import secretariat_required

__all__ = ["secretariat_required", "wants_fragment"]


def wants_fragment(request: HttpRequest) -> bool:
    """Requests from static/js/secretariat.js ask for a piece of the page instead of a redirect."""
    return request.headers.get("X-Requested-With") == "fetch"
