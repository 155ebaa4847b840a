"""The secretariat's messages to people: the record of messages sent, a new message (with the list of who
will get it before it goes), and one message with its recipients and what became of each email."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accounts.decorators import secretariat_required
from common.errors import DomainError
from common.forms import add_domain_error
from common.sorting import Sorting

from . import selectors, services
from .forms import CircularForm


@secretariat_required
@require_GET
def circular_list(request):
    sorting = Sorting(
        request,
        {
            "subject": (_("Subject"), ("subject_en", "pk")),
            "to": (_("To"), ("group", "-created_at", "pk")),
            "recipients": (_("Recipients"), ("recipient_count", "-created_at", "pk")),
            "sent": (_("Sent"), ("created_at", "pk")),
        },
    )
    circulars = selectors.circulars_for_record(actor=request.user, order=sorting.order_by(selectors.RECORD_ORDER))
    return render(request, "circulars/list.html", {"circulars": circulars, "sorting": sorting.headers})


@secretariat_required
def circular_new(request):
    form = CircularForm(request.POST or None)
    preview = None
    if request.method == "POST" and form.is_valid():
        data = form.circular_data()
        try:
            if request.POST.get("action") == "send":
                circular = services.circular_send(actor=request.user, data=data)
            else:
                preview = services.circular_preview(actor=request.user, data=data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            if preview is None:
                messages.success(
                    request,
                    _("The message is on its way to %(count)d people.") % {"count": circular.recipients.count()},
                )
                return redirect("circulars:detail", pk=circular.pk)
    context = {
        "form": form,
        "preview": preview,
        "reachable": [person for person in preview or () if person.has_email],
        "unreachable": [person for person in preview or () if not person.has_email],
    }
    return render(request, "circulars/new.html", context, status=422 if form.errors else 200)


@secretariat_required
@require_GET
def circular_detail(request, pk: int):
    circular = selectors.circular_for_actor(actor=request.user, pk=pk)
    recipients = list(circular.recipients.all())
    context = {
        "circular": circular,
        "reachable": [row for row in recipients if row.email],
        "unreachable": [row for row in recipients if not row.email],
        "total": len(recipients),
    }
    return render(request, "circulars/detail.html", context)
