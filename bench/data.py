"""The stress data set: ASEAN-wide scale, built with bulk inserts (COPY on PostgreSQL) in well under 3 minutes.

Rows are built as model instances, so every field — including ones added later with a default — gets its
model default, and written with COPY (PostgreSQL) or bulk_create (any other database, for the smoke test)
with explicit primary keys; the sequences are reset afterwards. The marker row records the sizes, the
builder's version and the "anchors" the harness measures (the meeting with 400 participants, the current
chairmanship, the users), so an identical data set is reused instead of rebuilt.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import time
from collections.abc import Iterable, Iterator

from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.utils import timezone

from accounts.models import User
from accounts.roles import secretariat_group
from documents.models import Document, DocumentVersion
from meetings.models import AgendaItem, Chairmanship, Delegation, FocalPoint, Meeting, MemberState, Participant
from workplan.models import Initiative, PriorityArea, WorkPlan

from . import database

# Raise when the shape of the data changes: a data set built by another version is rebuilt.
BUILDER_VERSION = 1

MEMBER_STATES = [
    # code, English, Vietnamese, group
    ("BN", "Brunei Darussalam", "Bru-nây Đa-rút-xa-lam", MemberState.Group.ASEAN),
    ("KH", "Cambodia", "Cam-pu-chia", MemberState.Group.ASEAN),
    ("ID", "Indonesia", "In-đô-nê-xi-a", MemberState.Group.ASEAN),
    ("LA", "Lao PDR", "Lào", MemberState.Group.ASEAN),
    ("MY", "Malaysia", "Ma-lai-xi-a", MemberState.Group.ASEAN),
    ("MM", "Myanmar", "Mi-an-ma", MemberState.Group.ASEAN),
    ("PH", "Philippines", "Phi-líp-pin", MemberState.Group.ASEAN),
    ("SG", "Singapore", "Xin-ga-po", MemberState.Group.ASEAN),
    ("TH", "Thailand", "Thái Lan", MemberState.Group.ASEAN),
    ("VN", "Viet Nam", "Việt Nam", MemberState.Group.ASEAN),
    ("CN", "China", "Trung Quốc", MemberState.Group.PLUS_THREE),
    ("JP", "Japan", "Nhật Bản", MemberState.Group.PLUS_THREE),
    ("KR", "Republic of Korea", "Hàn Quốc", MemberState.Group.PLUS_THREE),
    ("TL", "Timor-Leste", "Ti-mo Lét-xtê", MemberState.Group.OBSERVER),
    ("ASEC", "ASEAN Secretariat", "Ban Thư ký ASEAN", MemberState.Group.SECRETARIAT),
]
FAMILY_NAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Tan", "Lim", "Santos", "Wong", "Siriwat", "Kim", "Sato"]
GIVEN_NAMES = ["Thị Hương", "Văn Minh", "Duy Thắng", "Mei Ling", "Arif", "Somchai", "Maria", "Hiroshi", "Ji-woo"]
TIME_ZONES = ["Asia/Ho_Chi_Minh", "Asia/Bangkok", "Asia/Jakarta", "Asia/Singapore", "Asia/Manila", "Asia/Tokyo"]
CITIES = [("Hà Nội", "Ha Noi"), ("Bangkok", "Bangkok"), ("Jakarta", "Jakarta"), ("Singapore", "Singapore")]
KINDS = [k for k in Meeting.Kind.values if k != Meeting.Kind.CONFERENCE_WEEK]


@dataclasses.dataclass(frozen=True)
class Sizes:
    chairmanships: int = 25
    meetings: int = 10_000
    agenda_items_per_meeting: int = 8
    delegations_per_meeting: int = 13
    participants: int = 200_000
    documents: int = 30_000
    initiatives: int = 2_000
    big_meeting_participants: int = 400

    def scaled(self, factor: float) -> Sizes:
        """A smaller (or larger) data set of the same shape, for development runs."""

        def scale(n: int, least: int) -> int:
            return max(least, round(n * factor))

        return dataclasses.replace(
            self,
            meetings=scale(self.meetings, 4),
            participants=scale(self.participants, 8),
            documents=scale(self.documents, 2),
            initiatives=scale(self.initiatives, 2),
        )

    @property
    def registration_meetings(self) -> int:
        """Every other meeting takes registrations."""
        return max(1, self.meetings // 2)


def dataset_is_current(sizes: Sizes) -> dict | None:
    """The marker of an identical, complete data set in the connected database, or None."""
    with connection.cursor() as cursor:
        marker = database.read_marker(cursor)
    current = marker and marker.get("complete") and marker.get("version") == BUILDER_VERSION
    return marker if current and marker.get("sizes") == dataclasses.asdict(sizes) else None


def ensure_dataset(sizes: Sizes, *, log=print) -> dict:
    """Migrate, then reuse the data set when it matches `sizes`, else wipe and rebuild it. Returns the marker."""
    call_command("migrate", interactive=False, verbosity=0)
    marker = dataset_is_current(sizes)
    if marker:
        log(f"stress data: reusing the data set built {marker['built_at']} ({marker['seconds']:.0f} s to build)")
        return marker
    log(f"stress data: building {sizes}")
    return build(sizes, log=log)


def build(sizes: Sizes, *, log=print) -> dict:
    started = time.monotonic()
    with connection.cursor() as cursor:
        database.drop_marker(cursor)
    # flush empties every table Django knows (not the marker) and recreates permissions and content types.
    call_command("flush", interactive=False, verbosity=0)
    builder = _Builder(sizes, random.Random(20250101))  # noqa: S311 (test data, not secrets)
    with transaction.atomic():
        anchors = builder.build(log=log)
    _reset_sequences()
    _analyze()
    seconds = time.monotonic() - started
    marker = {
        "version": BUILDER_VERSION,
        "sizes": dataclasses.asdict(sizes),
        "complete": True,
        "built_at": timezone.now().isoformat(timespec="seconds"),
        "seconds": round(seconds, 1),
        "anchors": anchors,
        "rows": builder.rows,
    }
    with connection.cursor() as cursor:
        database.write_marker(cursor, marker)
    _forget_cached_answers()
    log(f"stress data: {sum(builder.rows.values()):,} rows in {seconds:.1f} s")
    return marker


def _forget_cached_answers() -> None:
    """COPY sends no signals: renew the data stamp so no ETag remembered from an earlier data set is trusted."""
    try:
        from api import fastpath
    except ImportError:
        return
    fastpath.bump()


def _reset_sequences() -> None:
    from django.apps import apps

    statements = connection.ops.sequence_reset_sql(no_style(), apps.get_models(include_auto_created=True))
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def _analyze() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


class _Builder:
    def __init__(self, sizes: Sizes, rng: random.Random):
        self.sizes = sizes
        self.rng = rng
        self.rows: dict[str, int] = {}
        self.now = timezone.now().replace(minute=0, second=0, microsecond=0)

    def build(self, *, log) -> dict:
        sizes = self.sizes
        states = self._member_states()
        delegating_states = [s for s in states if s.group in (MemberState.Group.ASEAN, MemberState.Group.PLUS_THREE)]
        delegating_states = delegating_states[: sizes.delegations_per_meeting]
        chairmanships = self._chairmanships(states)
        current = chairmanships[-1]

        # Meetings: the current chairmanship holds 5 % of them (500 of 10,000: the "feed of 500 meetings").
        meetings = list(self._meetings(chairmanships))
        big_meeting = next(m for m in meetings if m.registration_deadline and m.chairmanship_id == current.pk)
        big_meeting.title_en = big_meeting.title = "Conference week of the ACCSM (stress test: 400 participants)"
        big_meeting.title_vi = "Tuần Hội nghị ACCSM (thử tải: 400 đại biểu)"
        # Upcoming and open for registration, as the meeting a secretariat works on would be.
        big_meeting.start = self.now + dt.timedelta(days=30)
        big_meeting.end = big_meeting.start + dt.timedelta(days=4)
        big_meeting.registration_opens = self.now - dt.timedelta(days=30)
        big_meeting.registration_deadline = self.now + dt.timedelta(days=20)
        big_meeting.status = Meeting.Status.PUBLISHED
        big_meeting.cancellation_reason = ""
        registration_meetings = [m for m in meetings if m.registration_deadline]

        # Participants per delegation, decided first so that every delegation's allowance fits its people.
        per_delegation = self._participant_counts(registration_meetings, big_meeting, len(delegating_states))
        for meeting in registration_meetings:
            meeting.delegates_allowed = max(5, *per_delegation[meeting.pk])
        write(Meeting, meetings, self.rows)
        log(f"  {len(meetings):,} meetings")

        write(AgendaItem, self._agenda_items(meetings), self.rows)
        delegations = list(self._delegations(registration_meetings, delegating_states))
        write(Delegation, delegations, self.rows)
        write(Participant, self._participants(delegations, per_delegation), self.rows)
        log(f"  {self.rows['meetings.Participant']:,} participants in {len(delegations):,} delegations")

        initiatives = self._work_plans(states, meetings)
        documents = list(self._documents(meetings, initiatives, states))
        write(Document, documents, self.rows)
        write(DocumentVersion, self._document_versions(documents), self.rows)
        log(f"  {len(documents):,} documents, {len(initiatives):,} initiatives")

        users = self._users(states)
        return {
            "big_meeting": big_meeting.pk,
            "big_meeting_participants": sum(per_delegation[big_meeting.pk]),
            "current_chairmanship": current.pk,
            "current_chairmanship_meetings": sum(1 for m in meetings if m.chairmanship_id == current.pk),
            "detail_meeting": big_meeting.pk,
            **users,
        }

    # --- Reference data (small: plain ORM) ------------------------------------------------------------
    def _member_states(self) -> list[MemberState]:
        states = []
        for code, name_en, name_vi, group in MEMBER_STATES:
            states.append(MemberState.objects.create(code=code, name_en=name_en, name_vi=name_vi, group=group))
        self.rows["meetings.MemberState"] = len(states)
        return states

    def _chairmanships(self, states: list[MemberState]) -> list[Chairmanship]:
        asean = [s for s in states if s.group == MemberState.Group.ASEAN]
        count = self.sizes.chairmanships
        first_year = self.now.year - 2 * (count - 1)
        chairmanships = []
        for index in range(count):
            year = first_year + 2 * index
            chairmanships.append(
                Chairmanship(
                    pk=index + 1,
                    ordinal=index + 1,
                    chair=asean[index % len(asean)],
                    chairing_agency_en="Ministry of Home Affairs",
                    chairing_agency_vi="Bộ Nội vụ",
                    term_start=dt.date(year, 1, 1),
                    term_end=dt.date(year + 1, 12, 31),
                    theme_en=f"Civil service for the ASEAN Community, term {index + 1}",
                    theme_vi=f"Nền công vụ vì Cộng đồng ASEAN, nhiệm kỳ {index + 1}",
                    handed_over_at=None if index == count - 1 else self._aware(dt.date(year + 2, 1, 15)),
                )
            )
        write(Chairmanship, chairmanships, self.rows)
        return chairmanships

    # --- Meetings and what hangs off them ---------------------------------------------------------------
    def _meetings(self, chairmanships: list[Chairmanship]) -> Iterator[Meeting]:
        sizes, rng = self.sizes, self.rng
        current_share = max(1, sizes.meetings // 20) if len(chairmanships) > 1 else sizes.meetings
        others = chairmanships[:-1] or chairmanships
        statuses = [Meeting.Status.PUBLISHED] * 6 + [Meeting.Status.CONCLUDED] * 10
        statuses += [Meeting.Status.DRAFT, Meeting.Status.POSTPONED, Meeting.Status.CANCELLED]
        for index in range(sizes.meetings):
            chairmanship = chairmanships[-1] if index < current_share else others[index % len(others)]
            term_days = (chairmanship.term_end - chairmanship.term_start).days
            day = chairmanship.term_start + dt.timedelta(days=rng.randrange(term_days))
            start = self._aware(day) + dt.timedelta(hours=rng.choice([1, 2, 6]))
            end = start + dt.timedelta(days=rng.choice([0, 0, 1, 2]), hours=8)
            status = rng.choice(statuses)
            if status == Meeting.Status.CONCLUDED and start > self.now:
                status = Meeting.Status.PUBLISHED
            has_registration = index % 2 == 0
            city_vi, city_en = rng.choice(CITIES)
            kind = rng.choice(KINDS)
            number = index + 1
            yield Meeting(
                pk=number,
                chairmanship_id=chairmanship.pk,
                kind=kind,
                title=f"ASEAN meeting {number}: {Meeting.Kind(kind).label}",
                title_en=f"ASEAN meeting {number}: {Meeting.Kind(kind).label}",
                title_vi=f"Cuộc họp ASEAN số {number}",
                description_en="Meeting of the ASEAN civil service heads and their delegations.",
                description_vi="Cuộc họp của người đứng đầu nền công vụ ASEAN và các đoàn.",
                start=start,
                end=end,
                time_zone=rng.choice(TIME_ZONES),
                format=rng.choice(Meeting.Format.values),
                venue_en="National Convention Center",
                venue_vi="Trung tâm Hội nghị Quốc gia",
                city_en=city_en,
                city_vi=city_vi,
                host_country_id=chairmanship.chair_id,
                invites_plus_three=has_registration,
                registration_opens=start - dt.timedelta(days=60) if has_registration else None,
                registration_deadline=start - dt.timedelta(days=10) if has_registration else None,
                status=status,
                cancellation_reason="Postponed to the next term." if status == Meeting.Status.CANCELLED else "",
                sequence=rng.randrange(4),
                published_at=None if status == Meeting.Status.DRAFT else start - dt.timedelta(days=90),
                created_at=start - dt.timedelta(days=120),
                updated_at=min(self.now, start + dt.timedelta(days=rng.randrange(30))),
            )

    def _agenda_items(self, meetings: list[Meeting]) -> Iterator[AgendaItem]:
        pk = 0
        for meeting in meetings:
            for order in range(1, self.sizes.agenda_items_per_meeting + 1):
                pk += 1
                yield AgendaItem(
                    pk=pk,
                    meeting_id=meeting.pk,
                    order=order,
                    title=f"Item {order}: report of the working group",
                    title_en=f"Item {order}: report of the working group",
                    title_vi=f"Mục {order}: báo cáo của nhóm công tác",
                    starts_at=meeting.start + dt.timedelta(minutes=45 * (order - 1)),
                    created_at=meeting.created_at,
                    updated_at=meeting.updated_at,
                )

    def _participant_counts(self, meetings: list[Meeting], big: Meeting, delegations: int) -> dict[int, list[int]]:
        """How many participants each delegation of each registration meeting has (big meeting: 400)."""
        total = self.sizes.participants
        counts = {meeting.pk: [0] * delegations for meeting in meetings}
        big_total = min(self.sizes.big_meeting_participants, total)
        for index in range(big_total):
            counts[big.pk][index % delegations] += 1
        others = [m.pk for m in meetings if m.pk != big.pk] or [big.pk]
        slots = [(pk, d) for pk in others for d in range(delegations)]
        for index in range(total - big_total):
            pk, delegation = slots[index % len(slots)]
            counts[pk][delegation] += 1
        return counts

    def _delegations(self, meetings: list[Meeting], states: list[MemberState]) -> Iterator[Delegation]:
        pk = 0
        for meeting in meetings:
            for state in states:
                pk += 1
                yield Delegation(
                    pk=pk,
                    meeting_id=meeting.pk,
                    member_state_id=state.pk,
                    created_at=meeting.created_at,
                    updated_at=meeting.updated_at,
                )

    def _participants(self, delegations: list[Delegation], counts: dict[int, list[int]]) -> Iterator[Participant]:
        rng, pk = self.rng, 0
        position_in_meeting: dict[int, int] = {}
        for delegation in delegations:
            index = position_in_meeting.get(delegation.meeting_id, 0)
            position_in_meeting[delegation.meeting_id] = index + 1
            for number in range(counts[delegation.meeting_id][index]):
                pk += 1
                name = f"{rng.choice(FAMILY_NAMES)} {rng.choice(GIVEN_NAMES)} {pk}"
                yield Participant(
                    pk=pk,
                    delegation_id=delegation.pk,
                    full_name=name,
                    honorific=rng.choice(["Mr.", "Ms.", "Dr.", "H.E."]),
                    position="Director-General" if number == 0 else "Deputy Director",
                    organisation="Civil Service Commission",
                    email=f"delegate{pk}@example.org",
                    phone="+84 24 0000 0000",
                    role=Participant.Role.HEAD if number == 0 else Participant.Role.DELEGATE,
                    status=Participant.Status.CONFIRMED if number == 0 else rng.choice(Participant.ACTIVE_STATUSES),
                    language=rng.choice(["en", "vi"]),
                    created_at=delegation.created_at,
                    updated_at=delegation.updated_at,
                )

    # --- Work plan and documents --------------------------------------------------------------------------
    def _work_plans(self, states: list[MemberState], meetings: list[Meeting]) -> list[Initiative]:
        rng = self.rng
        plans, areas = [], []
        for number in range(5):
            start = dt.date(self.now.year - 20 + 5 * number, 1, 1)
            plans.append(
                WorkPlan(
                    pk=number + 1,
                    title_en=f"ACCSM Work Plan {start.year}–{start.year + 4}",
                    title_vi=f"Kế hoạch công tác ACCSM {start.year}–{start.year + 4}",
                    period_start=start,
                    period_end=dt.date(start.year + 4, 12, 31),
                    previous_id=number or None,
                )
            )
            for area in range(1, 6):
                areas.append(
                    PriorityArea(
                        pk=len(areas) + 1,
                        work_plan_id=number + 1,
                        number=area,
                        title_en=f"Priority area {area}",
                        title_vi=f"Lĩnh vực ưu tiên {area}",
                    )
                )
        write(WorkPlan, plans, self.rows)
        write(PriorityArea, areas, self.rows)
        initiatives = [
            Initiative(
                pk=index + 1,
                priority_area_id=areas[index % len(areas)].pk,
                title_en=f"Initiative {index + 1}: digital civil service",
                title_vi=f"Sáng kiến {index + 1}: nền công vụ số",
                lead_id=rng.choice(states[:10]).pk,
                status=rng.choice(Initiative.Status.values),
                planned_start=dt.date(self.now.year - 3, 1, 1),
                planned_end=dt.date(self.now.year + 1, 12, 31),
                approved_at_id=rng.choice(meetings).pk,
            )
            for index in range(self.sizes.initiatives)
        ]
        write(Initiative, initiatives, self.rows)
        through = Initiative.co_leads.through
        co_leads = [
            through(pk=index + 1, initiative_id=initiative.pk, memberstate_id=states[index % 10].pk)
            for index, initiative in enumerate(initiatives[::2])
        ]
        write(through, co_leads, self.rows)
        return initiatives

    def _documents(self, meetings: list[Meeting], initiatives: list[Initiative], states) -> Iterator[Document]:
        rng = self.rng
        kinds = Document.Kind.values
        for index in range(self.sizes.documents):
            meeting = meetings[index % len(meetings)]
            on_initiative = index % 10 == 9
            kind = rng.choice(kinds)
            yield Document(
                pk=index + 1,
                title=f"{Document.Kind(kind).label} {index + 1}",
                title_en=f"{Document.Kind(kind).label} {index + 1}",
                title_vi=f"Tài liệu {index + 1}",
                kind=kind,
                language=rng.choice(["en", "vi"]),
                meeting_id=None if on_initiative else meeting.pk,
                agenda_item_id=None,
                initiative_id=rng.choice(initiatives).pk if on_initiative else None,
                member_state_id=rng.choice(states[:10]).pk if kind == Document.Kind.COUNTRY_REPORT else None,
                visibility=rng.choice(Document.Visibility.values),
                status=rng.choice(Document.Status.values),
                created_at=meeting.created_at,
                updated_at=meeting.updated_at,
            )

    def _document_versions(self, documents: list[Document]) -> Iterator[DocumentVersion]:
        for document in documents:
            yield DocumentVersion(
                pk=document.pk,
                document_id=document.pk,
                number=1,
                file=f"documents/bench/{document.pk}.pdf",  # metadata only: no file on disk
                original_name=f"document-{document.pk}.pdf",
                content_type="application/pdf",
                size=250_000,
                checksum="0" * 64,
                uploaded_at=document.created_at,
            )

    # --- Users: a secretariat officer and one focal point per member state --------------------------------
    def _users(self, states: list[MemberState]) -> dict:
        secretariat = User.objects.create(username="bench-secretariat", first_name="Bench", last_name="Secretariat")
        secretariat.set_unusable_password()
        secretariat.save(update_fields=["password"])
        secretariat.groups.add(secretariat_group())
        focal_points = {}
        for state in states:
            user = User(username=f"bench-fp-{state.code.lower()}", first_name="Focal", last_name=state.code)
            user.set_unusable_password()
            user.save()
            FocalPoint.objects.create(user=user, member_state=state)
            focal_points[state.code] = user.pk
        self.rows["accounts.User"] = 1 + len(focal_points)
        return {"secretariat_user": secretariat.pk, "focal_point_users": focal_points}

    def _aware(self, day: dt.date) -> dt.datetime:
        return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


# --- Writing rows ---------------------------------------------------------------------------------------


def write(model: type[models.Model], objects: Iterable[models.Model], rows: dict[str, int]) -> None:
    """COPY the objects into the model's table on PostgreSQL; bulk_create elsewhere. Primary keys are explicit."""
    label = model._meta.label
    if connection.vendor == "postgresql":
        rows[label] = rows.get(label, 0) + _copy(model, objects)
        return
    batch: list[models.Model] = []
    for obj in objects:
        batch.append(obj)
        if len(batch) >= 2000:
            model.objects.bulk_create(batch)
            rows[label] = rows.get(label, 0) + len(batch)
            batch = []
    if batch:
        model.objects.bulk_create(batch)
        rows[label] = rows.get(label, 0) + len(batch)


def _copy(model: type[models.Model], objects: Iterable[models.Model]) -> int:
    fields = model._meta.concrete_fields
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    count = 0
    connection.ensure_connection()
    statement = f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN"
    with connection.connection.cursor() as cursor, cursor.copy(statement) as copy:
        for obj in objects:
            copy.write_row([_db_value(field, obj) for field in fields])
            count += 1
    return count


def _db_value(field: models.Field, obj: models.Model):
    # The value Django's INSERT would send: pre_save (auto_now, files) then the database preparation.
    # A timestamp given explicitly is kept, so that the data set has a realistic spread of changes.
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        value = getattr(obj, field.attname) or field.pre_save(obj, add=True)
    else:
        value = field.pre_save(obj, add=True)
    return field.get_db_prep_save(value, connection)
