from django.shortcuts import render

from .. import selectors
from .base import secretariat_required


@secretariat_required
def dashboard(request):
    return render(request, "secretariat/dashboard.html", {"board": selectors.dashboard(actor=request.user)})
