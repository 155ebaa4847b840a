"""The documents section of a meeting's page: `{% meeting_documents meeting %}` lists the papers the
visitor may see, in agenda order, with the zip of the circulated ones and the meeting's adoptions."""

from django import template

from accounts.roles import is_secretariat, member_state_of

from .. import selectors, services

register = template.Library()


@register.inclusion_tag("documents/includes/meeting_documents.html", takes_context=True)
def meeting_documents(context, meeting):
    user = context["request"].user
    documents = list(selectors.meeting_documents(actor=user, meeting=meeting))
    member_state = member_state_of(user)
    return {
        "request": context["request"],
        "meeting": meeting,
        "documents": documents,
        "adoptions": list(selectors.adoptions_at(actor=user, meeting=meeting)),
        "has_zip": any(d.status in selectors.IN_CIRCULATION and d.current_version_id is not None for d in documents),
        "may_add": is_secretariat(user),
        "may_add_country_report": member_state is not None and services.can_upload_to_meeting(user, meeting),
    }
