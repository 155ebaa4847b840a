from django.shortcuts import render

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
    meeting = selectors.meeting_for_page(actor=request.user, pk=pk)
    return render(request, "meetings/meeting_detail.html", {"meeting": meeting})
