from django.http import Http404
from django.shortcuts import render

from common.errors import NotFound

from . import selectors


def home(request):
    return render(
        request,
        "meetings/home.html",
        {
            "chairmanship": selectors.current_chairmanship(),
            "upcoming": selectors.upcoming_meetings(actor=request.user),
        },
    )


def meeting_detail(request, pk: int):
    try:
        meeting = selectors.meeting_for_page(actor=request.user, pk=pk)
    except NotFound:
        raise Http404 from None
    return render(request, "meetings/meeting_detail.html", {"meeting": meeting})
