"""The door: the check-in page at a phone's width, and the two JSON endpoints its script calls (a scan; a
search by name). Door staff of a meeting reach these and nothing else of the meeting."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accreditation.services import photo_names, read_photo
from common.errors import DomainError, NotFound
from common.exports import download_response

from . import badges, selectors, services
from .forms import ScanForm
from .models import Attendance


@login_required
def door_index(request):
    """The meetings whose door this user keeps."""
    return render(request, "venue/door_index.html", {"meetings": services.meetings_at_door_of(request.user)})


@login_required
def check_in(request, pk: int):
    session = selectors.session_for_door(actor=request.user, pk=pk)
    door = session.parent or session
    return render(
        request,
        "venue/check_in.html",
        {
            "session": session,
            "sessions": selectors.sessions_of(door),
            "scan_url": reverse("venue:scan", args=[session.pk]),
            "search_url": reverse("venue:search", args=[session.pk]),
        },
    )


def _photo_url(session, participant, has_photo: bool) -> str | None:
    return reverse("venue:photo", args=[session.pk, participant.pk]) if has_photo else None


def _person(participant, session) -> dict:
    """What the door needs to see of a person: no email, no phone, nothing else. The photo is a link to
    `photo` below, which answers only door staff of this meeting."""
    inside = Attendance.objects.filter(participant=participant, session=session, present=True).exists()
    has_photo = bool(photo_names([participant]))
    return {
        "name": participant.name_with_honorific,
        "initials": badges.initials(participant),
        "photo": _photo_url(session, participant, has_photo),
        "country": participant.delegation.member_state.name,
        "role": participant.get_role_display(),
        "status": participant.get_status_display(),
        "inside": inside,
    }


@login_required
@require_POST
def scan(request, pk: int):
    session = selectors.session_for_door(actor=request.user, pk=pk)
    form = ScanForm(request.POST)
    if not form.is_valid():
        return JsonResponse({"ok": False, "code": "invalid", "message": _("This scan could not be read.")}, status=400)
    data = form.cleaned_data
    try:
        result = services.scan_record(
            actor=request.user,
            session=session,
            scan_id=data["scan_id"],
            method=data["method"],
            code=data["code"],
            direction=data["direction"],
            at=data["at"],
        )
    except services.ScanRefused as refused:
        participant = getattr(refused, "participant", None)
        return JsonResponse(
            {
                "ok": False,
                "code": refused.code,
                "message": str(refused.message),
                "person": _person(participant, session) if participant else None,
            }
        )
    except DomainError as error:
        return JsonResponse({"ok": False, "code": error.code, "message": str(error.message)}, status=error.status)
    local = timezone.localtime(result.at, session.tz) if result.at else None
    return JsonResponse(
        {
            "ok": True,
            "code": result.code,
            "message": result.message,
            "direction": result.direction,
            "at": local.strftime("%H:%M") if local else "",
            "repeat": result.repeat,
            "replayed": result.replayed,
            "person": _person(result.participant, session),
        }
    )


@login_required
@require_GET
def search(request, pk: int):
    session = selectors.session_for_door(actor=request.user, pk=pk)
    term = request.GET.get("q", "")[:100]
    people = selectors.door_search(session=session, term=term)
    return JsonResponse(
        {
            "results": [
                {
                    "id": person.pk,
                    "name": person.name_with_honorific,
                    "initials": badges.initials(person),
                    "photo": _photo_url(session, person, person.has_photo),
                    "country": person.delegation.member_state.name,
                    "role": person.get_role_display(),
                    "status": person.get_status_display(),
                    "allowed": person.allowed,
                }
                for person in people
            ]
        }
    )


@login_required
@require_GET
def photo(request, pk: int, participant_pk: int):
    """A participant's badge photo for the door's answer: door staff of this meeting (or the secretariat), for
    a participant of this meeting only; never cached (personal data)."""
    session = selectors.session_for_door(actor=request.user, pk=pk)
    participant = selectors.participant_at_door(session=session, pk=participant_pk)
    name = photo_names([participant]).get(participant.pk)
    content = read_photo(name) if name else None
    if content is None:
        raise NotFound
    return download_response(content, filename=f"photo-{participant.pk}.jpg", content_type="image/jpeg", inline=True)


# --- Certificates, publicly ------------------------------------------------------------------------------


@require_GET
def certificate_verify(request, code: str):
    """Anyone with the code (in the certificate's QR) sees that it is genuine, and only what it says."""
    from .certificates import certificate_from_code

    certificate = certificate_from_code(code)
    if certificate is None:
        raise NotFound
    return render(request, "venue/certificate_verify.html", {"certificate": certificate})


@require_GET
def certificate_download(request, token: str):
    """The link a participant's email carries: signed, valid for DOWNLOAD_DAYS."""
    from common.exports import PDF, download_response

    from .certificates import certificate_from_download, certificate_pdf, file_name

    certificate = certificate_from_download(token)
    if certificate is None:
        raise NotFound
    return download_response(certificate_pdf(certificate), filename=file_name(certificate), content_type=PDF)
