from accounts.roles import is_secretariat, member_state_of


def portal(request):
    """What every page's navigation needs: the user's role and country."""
    user = getattr(request, "user", None)
    return {
        "is_secretariat": is_secretariat(user),
        "my_member_state": member_state_of(user),
    }
