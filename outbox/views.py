"""The secretariat's page of emails that did not go, with "send again"."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import secretariat_required
from common.errors import DomainError

from . import selectors
from .services import email_retry


@secretariat_required
def failures(request):
    return render(request, "outbox/failures.html", {"failures": selectors.failures(actor=request.user)})


@require_POST
@secretariat_required
def retry(request, pk: int):
    email = selectors.email_for_actor(actor=request.user, pk=pk)
    try:
        email_retry(actor=request.user, email=email)
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request, _("The email to %(name)s is queued again.") % {"name": email.to_name or email.to_email}
        )
    return redirect("outbox:failures")
