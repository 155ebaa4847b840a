"""REST endpoints of the documents: metadata for everyone as documents_visible_to allows, uploads for
the secretariat and focal points (their country's papers) through the same services as the pages.
Each version names its download URL: /api/v1/documents/{id}/versions/{number}/file/, which answers a
token, a session or an anonymous client exactly as the portal's download page does (the same selector,
version_for_download, and the same response, documents.downloads.version_response)."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Prefetch
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from accounts.roles import is_secretariat
from api.filters import IsoDateTimeFilter
from api.permissions import SignedIn, TokenScopePermission
from api.viewsets import ReadOnlyApiViewSet, audit_context
from meetings.models import AgendaItem, MemberState
from meetings.selectors import meetings_visible_to
from workplan.models import Initiative

from . import selectors, services
from .downloads import version_response
from .files import KINDS
from .filters import DocumentFilter
from .models import DeclarationStep, Document, DocumentStatusChange, DocumentVersion


def download_url(version: DocumentVersion) -> str:
    """The API's own download of a version: a token, a session or nobody, with the checks of the page's."""
    return settings.SITE_URL + reverse(
        "api:document-version-file", kwargs={"pk": version.document_id, "number": version.number}
    )


class AnyFileRenderer(JSONRenderer):
    """Lets a download answer whatever file type the client accepts; an error still answers JSON."""

    media_type = "*/*"
    format = "file"


class VersionSerializer(serializers.ModelSerializer):
    number = serializers.IntegerField(read_only=True, help_text="Version number, from 1.")
    file_name = serializers.CharField(source="original_name", read_only=True, help_text="The uploaded file's name.")
    content_type = serializers.CharField(read_only=True, help_text="MIME type, checked against the content.")
    size = serializers.IntegerField(read_only=True, help_text="Size in bytes.")
    checksum = serializers.CharField(read_only=True, help_text="SHA-256 of the file, in hexadecimal.")
    uploaded_at = serializers.DateTimeField(read_only=True, help_text="When this version was uploaded.")
    download_url = serializers.SerializerMethodField(help_text="Download through the portal (access checked).")

    class Meta:
        model = DocumentVersion
        fields = ["number", "file_name", "content_type", "size", "checksum", "uploaded_at", "download_url"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_download_url(self, version) -> str:
        return download_url(version)


class StatusChangeSerializer(serializers.ModelSerializer):
    old_status = serializers.CharField(read_only=True, help_text="Status before (empty for the upload).")
    new_status = serializers.CharField(read_only=True, help_text="Status after.")
    meeting = serializers.PrimaryKeyRelatedField(
        read_only=True, allow_null=True, help_text="The meeting that adopted it, if any."
    )
    note = serializers.CharField(read_only=True)
    changed_at = serializers.DateTimeField(read_only=True)

    class Meta:
        model = DocumentStatusChange
        fields = ["old_status", "new_status", "meeting", "note", "changed_at"]


class DeclarationStepSerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(choices=DeclarationStep.Kind.choices, read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    date = serializers.DateField(read_only=True)
    meeting = serializers.PrimaryKeyRelatedField(
        read_only=True, allow_null=True, help_text="The meeting of the step, if any."
    )
    note = serializers.CharField(read_only=True, help_text="In the request's language.")

    class Meta:
        model = DeclarationStep
        fields = ["kind", "kind_label", "date", "meeting", "note"]


class DocumentSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField(read_only=True)
    page_url = serializers.SerializerMethodField(help_text="The document's page in the portal.")
    title = serializers.CharField(read_only=True, help_text="Title, in the request's language.")
    kind = serializers.ChoiceField(choices=Document.Kind.choices, read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    language = serializers.ChoiceField(choices=Document.Language.choices, read_only=True, help_text="Of the file.")
    status = serializers.ChoiceField(choices=Document.Status.choices, read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    status_changed_at = serializers.DateTimeField(read_only=True, allow_null=True)
    visibility = serializers.ChoiceField(choices=Document.Visibility.choices, read_only=True)
    meeting = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    agenda_item = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    initiative = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    member_state = serializers.SlugRelatedField(
        slug_field="code", read_only=True, allow_null=True, help_text="The country whose paper it is (country reports)."
    )
    current_version = VersionSerializer(
        read_only=True, allow_null=True, help_text="The newest version; null before any upload."
    )
    updated_at = serializers.DateTimeField(read_only=True)

    class Meta:
        model = Document
        fields = [
            "id",
            "page_url",
            "title",
            "kind",
            "kind_label",
            "language",
            "status",
            "status_label",
            "status_changed_at",
            "visibility",
            "meeting",
            "agenda_item",
            "initiative",
            "member_state",
            "current_version",
            "updated_at",
        ]

    @extend_schema_field(OpenApiTypes.URI)
    def get_page_url(self, document) -> str:
        return settings.SITE_URL + reverse("documents:detail", kwargs={"pk": document.pk})


class DocumentDetailSerializer(DocumentSerializer):
    versions = VersionSerializer(many=True, read_only=True, help_text="Every version, newest first.")
    status_changes = StatusChangeSerializer(many=True, read_only=True, help_text="Status history, oldest first.")
    declaration_steps = DeclarationStepSerializer(many=True, read_only=True, help_text="A declaration's track.")

    class Meta(DocumentSerializer.Meta):
        fields = [*DocumentSerializer.Meta.fields, "versions", "status_changes", "declaration_steps"]


class DocumentUploadSerializer(serializers.Serializer):
    """Types only; who may upload what is the service's (document_upload) to decide."""

    file = serializers.FileField(help_text="PDF, DOCX, XLSX or PPTX; checked by its content.")
    title_en = serializers.CharField(max_length=400)
    title_vi = serializers.CharField(max_length=400, required=False, allow_blank=True, default="")
    kind = serializers.ChoiceField(choices=Document.Kind.choices, default=Document.Kind.OTHER)
    language = serializers.ChoiceField(choices=Document.Language.choices, default=Document.Language.EN)
    meeting = serializers.IntegerField(required=False, min_value=1, help_text="Meeting id.")
    agenda_item = serializers.IntegerField(required=False, min_value=1, help_text="Agenda item id.")
    initiative = serializers.IntegerField(required=False, min_value=1, help_text="Initiative id.")
    member_state = serializers.CharField(required=False, max_length=8, help_text="Country code (secretariat only).")
    visibility = serializers.ChoiceField(
        choices=Document.Visibility.choices, default=Document.Visibility.SECRETARIAT, help_text="Secretariat only."
    )
    status = serializers.ChoiceField(
        choices=[Document.Status.DRAFT, Document.Status.CIRCULATED],
        default=Document.Status.DRAFT,
        help_text="Secretariat only.",
    )


class VersionUploadSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="PDF, DOCX, XLSX or PPTX; checked by its content.")


def _resolve(actor, data: dict) -> dict:
    """Ids to objects the actor may see; an unknown or hidden one is a field error, not a leak."""
    data = dict(data)
    lookups = {
        "meeting": meetings_visible_to(actor),
        "agenda_item": AgendaItem.objects.filter(meeting__in=meetings_visible_to(actor)).select_related("meeting"),
        "initiative": Initiative.objects.all(),
    }
    errors = {}
    for name, queryset in lookups.items():
        if data.get(name) is not None:
            data[name] = queryset.filter(pk=data[name]).first()
            if data[name] is None:
                errors[name] = [_not_found()]
    if data.get("member_state"):
        data["member_state"] = MemberState.objects.filter(code=data["member_state"].upper()).first()
        if data["member_state"] is None:
            errors["member_state"] = [_not_found()]
    if errors:
        raise serializers.ValidationError(errors)
    return data


def _not_found():
    from django.utils.translation import gettext

    return gettext("Not found.")


DOCUMENT_EXAMPLE = {
    "id": 12,
    "page_url": "https://accsm.example.org/en/documents/12/",
    "title": "Report of the Senior Officials Meeting of ACCSM 21",
    "kind": "report",
    "kind_label": "Report",
    "language": "en",
    "status": "adopted",
    "status_label": "Adopted",
    "status_changed_at": "2022-08-03T09:30:00Z",
    "visibility": "public",
    "meeting": 42,
    "agenda_item": None,
    "initiative": None,
    "member_state": None,
    "current_version": {
        "number": 2,
        "file_name": "SOM 21 report.pdf",
        "content_type": "application/pdf",
        "size": 183204,
        "checksum": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        "uploaded_at": "2022-08-03T08:00:00Z",
        "download_url": "https://accsm.example.org/api/v1/documents/12/versions/2/file/",
    },
    "updated_at": "2022-08-03T09:30:00Z",
}


class DocumentApiFilter(DocumentFilter):
    """The library's filters, and the incremental sync every list offers (not a field of the library page)."""

    updated_since = IsoDateTimeFilter(
        field_name="updated_at",
        lookup_expr="gte",
        help_text="Changed since (send back X-Page-Generated). Deleted or hidden papers: /changes/?tombstones=true.",
    )

    class Meta(DocumentFilter.Meta):
        fields = [*DocumentFilter.Meta.fields, "updated_since"]


@extend_schema_view(
    list=extend_schema(
        summary="Documents you may see",
        description="Agendas, reports, country reports, minutes and declarations. Anonymous clients see "
        "public papers once circulated; focal points also papers for member states and their own country's "
        "drafts; the secretariat everything. `q` searches titles in both languages ignoring diacritics (and, "
        "on PostgreSQL, the text of PDF and DOCX files).",
        examples=[
            OpenApiExample(
                "A report",
                value={"count": 1, "next": None, "previous": None, "results": [DOCUMENT_EXAMPLE]},
                response_only=True,
            )
        ],
    ),
    retrieve=extend_schema(
        summary="One document, with its versions, status history and (declarations) track",
        description="A document you may not see answers 404.",
    ),
    create=extend_schema(
        summary="Upload a document",
        description="multipart/form-data. The secretariat sets everything; a focal point uploads papers of "
        "their own country (a country report to a meeting their country is invited to), filed as a draft for "
        "member states whatever is sent for `member_state`, `visibility` and `status`. API tokens cannot upload.",
        request={"multipart/form-data": DocumentUploadSerializer},
        responses={201: DocumentSerializer},
    ),
)
class DocumentViewSet(mixins.CreateModelMixin, ReadOnlyApiViewSet):
    filterset_class = DocumentApiFilter
    freshness_fields = ("updated_at",)
    detail_freshness_fields = ("updated_at", "status_changes__changed_at", "declaration_steps__recorded_at")
    detail_freshness_counts = ("declaration_steps",)
    # Uploads need a signed-in session; no API token scope writes documents.
    token_write_scope = None
    parser_classes = [MultiPartParser]

    def get_permissions(self):
        if self.action in ("create", "add_version"):
            return [SignedIn(), TokenScopePermission()]
        return super().get_permissions()

    def get_queryset(self):
        actor = self.request.user
        if self.action == "retrieve":
            return selectors.documents_visible_to(actor).prefetch_related(
                Prefetch("versions", DocumentVersion.objects.defer("text").order_by("-number")),
                Prefetch("status_changes", DocumentStatusChange.objects.order_by("changed_at", "pk")),
                Prefetch("declaration_steps", selectors.declaration_steps(actor=actor)),
            )
        return selectors.library_documents(actor=actor)

    def get_serializer_class(self):
        return DocumentDetailSerializer if self.action == "retrieve" else DocumentSerializer

    def create(self, request, *args, **kwargs):
        data = DocumentUploadSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        arguments = dict(data.validated_data)
        if not is_secretariat(request.user):
            for name in ("member_state", "visibility", "status"):  # a focal point's paper is their country's
                arguments.pop(name, None)
        arguments = _resolve(request.user, arguments)
        with audit_context(request):
            document = services.document_upload(actor=request.user, **arguments)
        document = selectors.documents_visible_to(request.user).get(pk=document.pk)
        return Response(DocumentSerializer(document, context=self.get_serializer_context()).data, status=201)

    @extend_schema(
        summary="Download a version's file",
        description="The file as uploaded, with the checks of the portal's download page: a document you may "
        "not see answers 404, whoever asks (an API token's owner, a session, or an anonymous client).",
        responses={
            **{(200, kind.content_type): OpenApiTypes.BINARY for kind in KINDS.values()},
            404: OpenApiResponse(description="No such document or version, or one you may not see."),
        },
    )
    @action(
        detail=True,
        methods=["get"],
        url_path=r"versions/(?P<number>[0-9]{1,9})/file",
        url_name="version-file",
        renderer_classes=[JSONRenderer, AnyFileRenderer],
    )
    def version_file(self, request, pk=None, number=None):
        version = selectors.version_for_download(actor=request.user, document_pk=int(pk), number=int(number))
        return version_response(version)

    @extend_schema(
        summary="Upload a new version of a document",
        description="multipart/form-data with `file`. The secretariat: any document not superseded; a focal "
        "point: their own country's drafts. Earlier versions stay downloadable.",
        request={"multipart/form-data": VersionUploadSerializer},
        responses={201: VersionSerializer},
    )
    @action(detail=True, methods=["post"], url_path="versions", url_name="versions")
    def add_version(self, request, pk=None):
        document = selectors.document_for_actor(actor=request.user, pk=pk)
        data = VersionUploadSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        with audit_context(request):
            version = services.document_add_version(
                actor=request.user, document=document, file=data.validated_data["file"]
            )
        return Response(VersionSerializer(version).data, status=status.HTTP_201_CREATED)
