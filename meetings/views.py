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


def archive(request):
    return render(request, "meetings/archive.html", {"archive": selectors.archive()})


def chairmanship_detail(request, ordinal: int):
    chairmanship = selectors.chairmanship_for_page(ordinal=ordinal)
    return render(
        request,
        "meetings/chairmanship_detail.html",
        {
            "chairmanship": chairmanship,
            "meetings": selectors.chairmanship_meetings(chairmanship),
            "declarations": selectors.chairmanship_declarations(chairmanship),
        },
    )
