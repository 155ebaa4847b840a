"""Which documents an actor may see. ONE rule, used by the library and document pages, the meeting page,
the API and the file downloads alike:

- the secretariat sees everything;
- a focal point sees what is released (circulated, adopted, superseded) to the public or to member
  states, and every document of their own country that is not secretariat-only, drafts included;
- anyone else (anonymous visitors, signed-in users who act for no country) sees released public documents.

Nobody but the secretariat sees documents of a meeting that has not been announced.
"""

from __future__ import annotations

from django.db.models import F, Prefetch, Q, QuerySet

from accounts.roles import Actor, is_secretariat, member_state_of
from common.errors import NotFound
from common.search import Unaccent, fold, search_filter
from meetings.models import Meeting, MemberState
from meetings.sync import SECRETARIAT_ONLY, Audience, Readers
from workplan.models import Initiative

from .models import DeclarationStep, Document, DocumentStatusChange, DocumentVersion

RELEASED = (Document.Status.CIRCULATED, Document.Status.ADOPTED, Document.Status.SUPERSEDED)
# What "all circulated documents of a meeting" (the meeting's zip) holds: papers sent round and not replaced.
IN_CIRCULATION = (Document.Status.CIRCULATED, Document.Status.ADOPTED)


def documents_visible_to(actor: Actor) -> QuerySet[Document]:
    qs = Document.objects.select_related("meeting", "agenda_item", "initiative", "member_state", "current_version")
    if is_secretariat(actor):
        return qs
    announced = Q(meeting__isnull=True) | ~Q(meeting__status__in=Meeting.NOT_PUBLIC_STATUSES)
    released = Q(status__in=RELEASED)
    member_state = member_state_of(actor)
    if member_state is None:
        return qs.filter(announced, released, visibility=Document.Visibility.PUBLIC)
    for_member_states = Q(visibility__in=[Document.Visibility.PUBLIC, Document.Visibility.MEMBER_STATES])
    own = Q(member_state=member_state) & ~Q(visibility=Document.Visibility.SECRETARIAT)
    return qs.filter(announced).filter((released & for_member_states) | own)


def document_readers(document: Document) -> Readers:
    """Who may read `document`, by the rule above, for the change log's tombstones (meetings/sync.py):
    the widest group whose members all see it. tests/documents/test_sync.py holds it to documents_visible_to."""
    meeting = document.meeting
    if (meeting is not None and meeting.status == Meeting.Status.DRAFT) or (
        document.visibility == Document.Visibility.SECRETARIAT
    ):
        return SECRETARIAT_ONLY
    if document.status in RELEASED:
        if document.visibility == Document.Visibility.PUBLIC:
            return Readers(Audience.PUBLIC)
        return Readers(Audience.MEMBER_STATES)
    if document.member_state_id is not None:
        return Readers(Audience.COUNTRIES, frozenset({document.member_state_id}))
    return SECRETARIAT_ONLY


def meetings_open_for_papers(member_state: MemberState) -> QuerySet[Meeting]:
    """The meetings a focal point attaches their country's papers to: announced (not drafts), not cancelled,
    of a chairmanship not yet handed over, and inviting their country. The upload form's choices and the
    upload service both ask this."""
    return (
        Meeting.objects.published()
        .invited(member_state)
        .exclude(status=Meeting.Status.CANCELLED)
        .filter(chairmanship__handed_over_at__isnull=True)
    )


def initiatives_open_for_papers(member_state: MemberState) -> QuerySet[Initiative]:
    """The initiatives a country leads or co-leads: the ones its focal points attach papers to."""
    return Initiative.objects.filter(Q(lead=member_state) | Q(co_leads=member_state)).distinct()


def document_for_actor(*, actor: Actor, pk: int) -> Document:
    document = documents_visible_to(actor).filter(pk=pk).first()
    if document is None:
        raise NotFound
    return document


def document_for_page(*, actor: Actor, pk: int) -> Document:
    """A document with its versions, status history and (for a declaration) its steps."""
    versions = Prefetch(
        "versions", DocumentVersion.objects.defer("text").select_related("uploaded_by").order_by("-number")
    )
    changes = Prefetch(
        "status_changes", DocumentStatusChange.objects.select_related("changed_by", "meeting").order_by("changed_at")
    )
    steps = Prefetch("declaration_steps", declaration_steps(actor=actor))
    document = (
        documents_visible_to(actor)
        .select_related("meeting__chairmanship__chair", "status_changed_by")
        .prefetch_related(versions, changes, steps)
        .filter(pk=pk)
        .first()
    )
    if document is None:
        raise NotFound
    return document


def version_for_download(*, actor: Actor, document_pk: int, number: int | None = None) -> DocumentVersion:
    """The file an actor may download: the current version, or an earlier one by number."""
    document = document_for_actor(actor=actor, pk=document_pk)
    if number is None:
        version = document.current_version
    else:
        version = DocumentVersion.objects.defer("text").filter(document=document, number=number).first()
    if version is None:
        raise NotFound
    version.document = document
    return version


def declaration_steps(*, actor: Actor) -> QuerySet[DeclarationStep]:
    """Steps in date order; a step at a meeting not yet announced is the secretariat's to see."""
    qs = DeclarationStep.objects.select_related("meeting").order_by("date", "pk")
    return qs if is_secretariat(actor) else qs.exclude(meeting__status__in=Meeting.NOT_PUBLIC_STATUSES)


LIBRARY_ORDER = ("-updated_at", "-pk")


def library_documents(*, actor: Actor) -> QuerySet[Document]:
    """The document library's rows: what the actor may see, with what a row shows, newest first."""
    return (
        documents_visible_to(actor)
        .select_related("meeting__chairmanship__chair")
        .defer("current_version__text")
        .order_by(*LIBRARY_ORDER)
    )


def documents_search(queryset: QuerySet[Document], term: str, *, full_text: bool) -> QuerySet[Document]:
    """Titles in both languages, diacritics ignored; with `full_text` (PostgreSQL) also the files' text."""
    if not fold(term).split():
        return queryset
    by_title = search_filter(Document.objects.all(), term, ["title_en", "title_vi"]).values("pk")
    if not full_text:
        return queryset.filter(pk__in=by_title)
    from django.contrib.postgres.search import SearchQuery, SearchVector

    vector = SearchVector(Unaccent(F("current_version__text")), config="simple")
    query = SearchQuery(fold(term), config="simple", search_type="websearch")
    return queryset.alias(_text=vector).filter(Q(pk__in=by_title) | Q(_text=query))


def meeting_documents(*, actor: Actor, meeting: Meeting) -> QuerySet[Document]:
    """A meeting's documents the actor may see, in agenda order (papers of the whole meeting first)."""
    return (
        documents_visible_to(actor)
        .filter(meeting=meeting)
        .defer("current_version__text")
        .order_by(F("agenda_item__order").asc(nulls_first=True), "agenda_item_id", "kind", "member_state__name", "pk")
    )


def meeting_zip_documents(*, actor: Actor, meeting: Meeting) -> QuerySet[Document]:
    return meeting_documents(actor=actor, meeting=meeting).filter(
        status__in=IN_CIRCULATION, current_version__isnull=False
    )


def adoptions_at(*, actor: Actor, meeting: Meeting) -> QuerySet[DocumentStatusChange]:
    """The documents this meeting adopted (its report, say), that the actor may see."""
    return (
        DocumentStatusChange.objects.filter(
            meeting=meeting,
            new_status=Document.Status.ADOPTED,
            document__in=documents_visible_to(actor).values("pk"),
        )
        .select_related("document")
        .order_by("changed_at", "pk")
    )
