"""Document pages: the library, a document's page, uploads, status changes, declaration steps, downloads.
Thin: selectors decide what an actor sees (another's paper is a 404), services decide what changes."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.decorators import secretariat_required
from accounts.roles import is_secretariat, member_state_of
from common.errors import DomainError
from common.forms import add_domain_error
from common.sorting import Sorting
from exportjobs.views import offer

from . import jobs, selectors, services
from .downloads import version_response, zip_response
from .filters import DocumentFilter
from .forms import DeclarationStepForm, DocumentEditForm, DocumentUploadForm, StatusForm, VersionForm
from .models import DeclarationStep, Document

PAGE_SIZE = 25


def may_upload(user) -> bool:
    return is_secretariat(user) or member_state_of(user) is not None


# --- Library ------------------------------------------------------------------------------------


@require_GET
def library(request):
    filters = DocumentFilter(
        request.GET or None, queryset=selectors.library_documents(actor=request.user), request=request
    )
    documents = filters.qs if filters.is_bound and filters.is_valid() else filters.queryset
    sorting = Sorting(
        request,
        {
            "title": (_("Title"), ("title_en", "pk")),
            "kind": (_("Kind"), ("kind", "title_en", "pk")),
            "meeting": (_("Meeting"), ("-meeting__start", "title_en", "pk")),
            "language": (_("Language"), ("language", "title_en", "pk")),
            "status": (_("Status"), ("status", "title_en", "pk")),
        },
    )
    documents = documents.order_by(*sorting.order_by(selectors.LIBRARY_ORDER))
    page = Paginator(documents, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "documents/library.html",
        {
            "filters": filters,
            "sorting": sorting.headers,
            "page": page,
            "query": query.urlencode(),
            "may_upload": may_upload(request.user),
        },
    )


@require_GET
def declarations(request):
    from django.db.models import Prefetch

    documents = (
        selectors.documents_visible_to(request.user)
        .filter(kind=Document.Kind.DECLARATION)
        .defer("current_version__text")
        .prefetch_related(Prefetch("declaration_steps", selectors.declaration_steps(actor=request.user)))
        .order_by("-created_at", "pk")
    )
    return render(request, "documents/declarations.html", {"documents": documents})


# --- One document -------------------------------------------------------------------------------


@require_GET
def detail(request, pk: int):
    document = selectors.document_for_page(actor=request.user, pk=pk)
    return render(request, "documents/detail.html", _detail_context(request, document))


def _detail_context(request, document, **forms):
    user = request.user
    context = {
        "document": document,
        "may_delete": services.can_delete(user, document),
        "is_staff_view": is_secretariat(user),
    }
    if services.can_add_version(user, document):
        context["version_form"] = forms.get("version_form") or VersionForm(first=document.current_version_id is None)
    if is_secretariat(user):
        if services.TRANSITIONS[document.status]:
            context["status_form"] = forms.get("status_form") or StatusForm(actor=user, document=document)
        if document.kind == Document.Kind.DECLARATION:
            context["step_form"] = forms.get("step_form") or DeclarationStepForm(actor=user)
    return context


def _rerender(request, document, status=400, **forms):
    document = selectors.document_for_page(actor=request.user, pk=document.pk)
    return render(request, "documents/detail.html", _detail_context(request, document, **forms), status=status)


@login_required
@require_POST
def add_version(request, pk: int):
    document = selectors.document_for_actor(actor=request.user, pk=pk)
    form = VersionForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            version = services.document_add_version(
                actor=request.user, document=document, file=form.cleaned_data["file"]
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Version %(number)s is uploaded.") % {"number": version.number})
            return redirect("documents:detail", pk=document.pk)
    return _rerender(request, document, version_form=form)


@login_required
@require_POST
@secretariat_required
def set_status(request, pk: int):
    document = selectors.document_for_actor(actor=request.user, pk=pk)
    form = StatusForm(request.POST, actor=request.user, document=document)
    if form.is_valid():
        try:
            services.document_set_status(actor=request.user, document=document, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The status is changed."))
            return redirect("documents:detail", pk=document.pk)
    return _rerender(request, document, status_form=form)


@login_required
@require_POST
@secretariat_required
def add_step(request, pk: int):
    document = selectors.document_for_actor(actor=request.user, pk=pk)
    form = DeclarationStepForm(request.POST, actor=request.user)
    if form.is_valid():
        try:
            services.declaration_step_add(actor=request.user, document=document, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The step is recorded."))
            return redirect("documents:detail", pk=document.pk)
    return _rerender(request, document, step_form=form)


@login_required
@require_POST
@secretariat_required
def delete_step(request, pk: int, step_pk: int):
    step = get_object_or_404(DeclarationStep, pk=step_pk, document_id=pk)
    services.declaration_step_delete(actor=request.user, step=step)
    messages.success(request, _("The step is removed."))
    return redirect("documents:detail", pk=pk)


@secretariat_required
def edit(request, pk: int):
    document = selectors.document_for_actor(actor=request.user, pk=pk)
    if request.method == "POST":
        form = DocumentEditForm(request.POST, actor=request.user, read_at=document)
        if form.is_valid():
            try:
                with form.saving():
                    services.document_update(actor=request.user, document=document, **form.edited)
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("The document is updated."))
                return redirect("documents:detail", pk=document.pk)
    else:
        form = DocumentEditForm(initial=DocumentEditForm.initial_for(document), actor=request.user, read_at=document)
    status = 400 if form.errors else 200
    return render(request, "documents/edit.html", {"form": form, "document": document}, status=status)


@login_required
def delete(request, pk: int):
    document = selectors.document_for_actor(actor=request.user, pk=pk)
    services.ensure_may_delete(request.user, document)
    if request.method == "POST":
        meeting_pk = document.meeting_id
        services.document_delete(actor=request.user, document=document)
        messages.success(request, _("The document and its files are deleted."))
        return redirect("meetings:detail", pk=meeting_pk) if meeting_pk else redirect("documents:library")
    return render(request, "documents/delete.html", {"document": document})


# --- Upload -------------------------------------------------------------------------------------


@login_required
def upload(request):
    if not may_upload(request.user):
        raise Http404
    if request.method == "POST":
        form = DocumentUploadForm(request.POST, request.FILES, actor=request.user)
        if form.is_valid():
            try:
                document = services.document_upload(actor=request.user, **form.service_arguments())
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("The document is uploaded."))
                return redirect("documents:detail", pk=document.pk)
    else:
        form = DocumentUploadForm(initial=_initial_upload(request), actor=request.user)
    return render(request, "documents/upload.html", {"form": form}, status=400 if form.errors else 200)


def _initial_upload(request) -> dict:
    """Prefill from the page the upload started on (?meeting=, ?agenda_item=, ?initiative=, ?kind=)."""
    initial = {
        name: request.GET[name] for name in ("meeting", "agenda_item", "initiative", "kind") if name in request.GET
    }
    if not is_secretariat(request.user):
        initial.setdefault("kind", Document.Kind.COUNTRY_REPORT)
    return initial


# --- Files --------------------------------------------------------------------------------------


@require_GET
def download(request, pk: int, number: int | None = None):
    version = selectors.version_for_download(actor=request.user, document_pk=pk, number=number)
    return version_response(version)


@require_GET
def meeting_zip(request, meeting_pk: int):
    """The zip of the papers the visitor may see; from many papers on, made by a worker for a signed-in person."""
    meeting = jobs.zip_meeting(request.user, meeting_pk)
    documents = list(selectors.meeting_zip_documents(actor=request.user, meeting=meeting))
    if not documents:
        raise Http404
    return offer(
        request,
        "documents_zip",
        {"meeting": meeting.pk},
        rows=len(documents),
        immediate=lambda: zip_response(documents, name=jobs.zip_title(meeting)),
    )
