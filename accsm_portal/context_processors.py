from accounts.roles import is_secretariat, member_state_of
from accsm_portal.navigation import menu_for
from common import moments


def portal(request):
    """What every page's navigation needs: the user's role and country; and the reader's time zone."""
    user = getattr(request, "user", None)
    return {
        "viewer_time_zone": moments.viewer_zone_name(request),
        "viewer_zone_pinned": bool(getattr(user, "time_zone", "")),
        "is_secretariat": is_secretariat(user),
        "my_member_state": member_state_of(user),
        "nav_menu": lambda: menu_for(request),  # built only by pages that render the navigation
    }
