"""The real ACCSM history, as ../shared/seeds/ tell it, as demo data.

Facts come from the seeds (DOMAIN.md summarises them). Where the seeds give only a month, the day is a
plausible one and says so in the meeting's description; ACCSM 23's future meetings are plausible, not
announced. Vietnamese wording follows seed 003 wherever it has one.

Every write goes through `upsert`, which leaves a row untouched when it already holds these values:
running the loader twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.contrib.auth.models import Permission
from django.db import transaction

from accounts.models import User
from accounts.roles import secretariat_group
from documents.models import DeclarationStep, Document
from workplan.models import Initiative, PriorityArea, WorkPlan

from .models import AgendaItem, Chairmanship, Delegation, FocalPoint, Meeting, MemberState, Participant

HANOI = "Asia/Ho_Chi_Minh"
BANGKOK = "Asia/Bangkok"
BRUNEI = "Asia/Brunei"
PHNOM_PENH = "Asia/Phnom_Penh"

G = MemberState.Group
MEMBER_STATES = [
    # code, English, Vietnamese, group
    ("BN", "Brunei Darussalam", "Bru-nây Đa-rút-xa-lam", G.ASEAN),
    ("KH", "Cambodia", "Campuchia", G.ASEAN),
    ("ID", "Indonesia", "In-đô-nê-xi-a", G.ASEAN),
    ("LA", "Lao PDR", "Lào", G.ASEAN),
    ("MY", "Malaysia", "Ma-lai-xi-a", G.ASEAN),
    ("MM", "Myanmar", "Mi-an-ma", G.ASEAN),
    ("PH", "Philippines", "Phi-líp-pin", G.ASEAN),
    ("SG", "Singapore", "Xinh-ga-po", G.ASEAN),
    ("TH", "Thailand", "Thái Lan", G.ASEAN),
    ("VN", "Viet Nam", "Việt Nam", G.ASEAN),
    ("CN", "China", "Trung Quốc", G.PLUS_THREE),
    ("JP", "Japan", "Nhật Bản", G.PLUS_THREE),
    ("KR", "Republic of Korea", "Hàn Quốc", G.PLUS_THREE),
    ("TL", "Timor-Leste", "Ti-mo Lét-xtê", G.OBSERVER),
    ("ASEC", "ASEAN Secretariat", "Ban Thư ký ASEAN", G.SECRETARIAT),
    ("AU", "Australia", "Ô-xtrây-li-a", G.DIALOGUE_PARTNER),
]

# Accounts whose demo passwords the loader prints. Set only when the account is first created.
SECRETARIAT_LOGIN = ("secretariat", "accsm-secretariat-demo")
FOCAL_POINT_STATES = ["BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "VN", "CN", "JP", "KR"]


def focal_point_login(code: str) -> tuple[str, str]:
    return f"fp-{code.lower()}", f"accsm-{code.lower()}-demo"


def at(tz: str, year: int, month: int, day: int, hour: int = 9, minute: int = 0) -> dt.datetime:
    """An aware moment given in a venue's local time."""
    return dt.datetime(year, month, day, hour, minute, tzinfo=zoneinfo.ZoneInfo(tz))


def upsert(model, lookup: dict, values: dict):
    """Create the row, or update it only where it differs: a second run writes nothing."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        return model.objects.create(**lookup, **values), True
    changed = [field for field, value in values.items() if getattr(obj, field) != value]
    if changed:
        for field in changed:
            setattr(obj, field, values[field])
        obj.save(update_fields=[*changed, "updated_at"] if hasattr(obj, "updated_at") else changed)
    return obj, False


class DemoLoader:
    def __init__(self):
        self.states: dict[str, MemberState] = {}
        self.meetings: dict[str, Meeting] = {}
        self.logins: list[tuple[str, str, str, bool]] = []  # username, password, role, created now

    @transaction.atomic
    def load(self) -> list[tuple[str, str, str, bool]]:
        self.load_member_states()
        self.load_accsm_20()
        self.load_accsm_21()
        self.load_accsm_22()
        self.load_accsm_23()
        self.load_work_plan()
        self.load_declarations()
        self.load_declaration_steps()
        self.load_accounts()
        from workplan.demo import load_workplan_demo  # the work plan's decisions, progress and next plan

        load_workplan_demo()
        return self.logins

    # --- Who takes part ----------------------------------------------------------------------------
    def load_member_states(self):
        for code, name_en, name_vi, group in MEMBER_STATES:
            self.states[code], _ = upsert(
                MemberState, {"code": code}, {"name_en": name_en, "name_vi": name_vi, "group": group}
            )

    def chairmanship(self, ordinal, chair, agency_en, agency_vi, start, end, theme_en="", theme_vi="", handed=None):
        obj, _ = upsert(
            Chairmanship,
            {"ordinal": ordinal},
            {
                "chair": self.states[chair],
                "chairing_agency_en": agency_en,
                "chairing_agency_vi": agency_vi,
                "term_start": start,
                "term_end": end,
                "theme_en": theme_en,
                "theme_vi": theme_vi,
                "handed_over_at": handed,
            },
        )
        return obj

    def meeting(self, key, chairmanship, kind, title, start, end, tz, *, agenda=(), **fields):
        """`title` and text fields are (English, Vietnamese) pairs; `agenda` a list of items."""
        values = {"kind": kind, "start": start, "end": end, "time_zone": tz}
        for name in ("theme", "description", "venue", "city"):
            en, vi = fields.pop(name, ("", ""))
            values[f"{name}_en"], values[f"{name}_vi"] = en, vi
        values["title_vi"] = title[1]
        values.update(fields)
        meeting, _ = upsert(Meeting, {"chairmanship": chairmanship, "title_en": title[0]}, values)
        for order, item in enumerate(agenda, start=1):
            title_en, title_vi, presenter, outcome_en, outcome_vi = (*item, "", "", "", "")[:5]
            upsert(
                AgendaItem,
                {"meeting": meeting, "order": order},
                {
                    "title_en": title_en,
                    "title_vi": title_vi,
                    "presenter": presenter,
                    "outcome_en": outcome_en,
                    "outcome_vi": outcome_vi,
                },
            )
        self.meetings[key] = meeting
        return meeting

    # --- ACCSM 20: Thailand -----------------------------------------------------------------------
    def load_accsm_20(self):
        accsm20 = self.chairmanship(
            20,
            "TH",
            "Office of the Civil Service Commission, Thailand",
            "Văn phòng Ủy ban Công vụ Thái Lan",
            dt.date(2019, 1, 1),
            dt.date(2020, 12, 31),
            handed=at(BANGKOK, 2020, 12, 31, 17),
        )
        self.meeting(
            "hcs20",
            accsm20,
            Meeting.Kind.HCS,
            (
                "20th Conference of the Heads of Civil Service of ASEAN Member States",
                "Hội nghị những người đứng đầu nền công vụ các nước ASEAN lần thứ 20",
            ),
            at(BANGKOK, 2020, 11, 25, 13),
            at(BANGKOK, 2020, 11, 25, 16),
            BANGKOK,
            format=Meeting.Format.VIRTUAL,
            status=Meeting.Status.CONCLUDED,
            host_country=self.states["TH"],
            description=(
                "Held online in November 2020 (the seeds give the month; the day is illustrative).",
                "Tổ chức trực tuyến vào tháng 11/2020.",
            ),
        )

    # --- ACCSM 21: Viet Nam, the 2021–2022 roadmap -------------------------------------------------
    def load_accsm_21(self):
        vn = self.states["VN"]
        accsm21 = self.chairmanship(
            21,
            "VN",
            "Ministry of Home Affairs (MOHA), Viet Nam — International Cooperation Department",
            "Bộ Nội vụ Việt Nam — Vụ Hợp tác quốc tế",
            dt.date(2021, 1, 1),
            dt.date(2022, 12, 31),
            "Civil service modernization towards a cohesive and responsive ASEAN Community",
            "Hiện đại hóa nền công vụ hướng đến một Cộng đồng ASEAN gắn kết và chủ động thích ứng",
            handed=at(HANOI, 2022, 12, 31, 17),
        )
        virtual = {"format": Meeting.Format.VIRTUAL, "status": Meeting.Status.CONCLUDED, "host_country": vn}
        self.meeting(
            "prep21",
            accsm21,
            Meeting.Kind.PREPARATORY,
            ("Preparatory Meeting of ACCSM 21", "Cuộc họp trù bị ACCSM 21"),
            at(HANOI, 2021, 4, 8, 9),
            at(HANOI, 2021, 4, 8, 11, 30),
            HANOI,
            theme=(
                "Civil service modernization towards a cohesive and responsive ASEAN Community",
                "Hiện đại hóa nền công vụ hướng đến một Cộng đồng ASEAN gắn kết và chủ động thích ứng",
            ),
            description=(
                "By video conference, chaired by Deputy Minister of Home Affairs Nguyen Duy Thang. "
                "Participants: ACCSM focal points, senior officials and the ASEAN Secretariat.",
                "Họp trực tuyến, do Thứ trưởng Bộ Nội vụ Nguyễn Duy Thăng chủ trì. Thành phần: đầu mối phụ "
                "trách ACCSM, SOM và Ban Thư ký ASEAN.",
            ),
            agenda=[
                (
                    "Planned activities and expected results of Viet Nam's chairmanship (2021–2022)",
                    "Các hoạt động dự kiến và kết quả mong đợi trong nhiệm kỳ Chủ tịch của Việt Nam (2021-2022)",
                    "Chu Tuan Tu, Director, International Cooperation Department, MOHA",
                ),
                (
                    "Development of the ASEAN Declaration on promoting civil service's response to new "
                    "challenges, and the timeline for its approval by the heads of civil service",
                    "Xây dựng Tuyên bố ASEAN về thúc đẩy sự ứng phó của nền công vụ trước các thách thức mới "
                    "và lộ trình trình những người đứng đầu nền công vụ thông qua",
                    "MOHA Viet Nam",
                ),
                (
                    "Timeline for implementation of the ACCSM Work Plan 2021–2025",
                    "Lộ trình thực hiện Kế hoạch làm việc ACCSM 2021-2025",
                ),
                ("ACCSM Plus Three and other dialogue partners", "ACCSM+3 và các đối tác đối thoại khác"),
                (
                    "Initiatives in the ACCSM Work Plan 2021–2025",
                    "Các sáng kiến trong Kế hoạch làm việc ACCSM 2021-2025",
                    "ASEAN Secretariat",
                ),
                (
                    "Draft ACCSM Strategic Partnership Framework",
                    "Dự thảo Khuôn khổ đối tác chiến lược ACCSM",
                    "ASEAN Secretariat",
                ),
                (
                    "Approval of the preparatory meeting report",
                    "Thông qua báo cáo cuộc họp trù bị",
                    "",
                    "Report approved.",
                    "Báo cáo đã được thông qua.",
                ),
            ],
            **virtual,
        )
        self.meeting(
            "som21a",
            accsm21,
            Meeting.Kind.SOM,
            (
                "Senior Officials Meeting (SOM) of ACCSM 21",
                "Hội nghị trực tuyến quan chức cấp cao (SOM) ACCSM 21",
            ),
            at(HANOI, 2021, 4, 8, 14),
            at(HANOI, 2021, 4, 8, 17),
            HANOI,
            theme=(
                "Civil service modernization towards a cohesive and responsive ASEAN Community",
                "Hiện đại hóa nền công vụ hướng đến một Cộng đồng ASEAN gắn kết và chủ động thích ứng",
            ),
            description=(
                "Meeting 1 of the ACCSM 21 roadmap, by video conference, chaired by Deputy Minister Nguyen Duy Thang.",
                "Cuộc họp 1 theo lộ trình ACCSM 21, họp trực tuyến, do Thứ trưởng Nguyễn Duy Thăng chủ trì.",
            ),
            agenda=[
                (
                    "Decisions of other ASEAN meetings since the 20th Conference of Heads of Civil Service "
                    "(November 2020)",
                    "Báo cáo các quyết định của các cuộc họp ASEAN khác kể từ Hội nghị những người đứng đầu nền "
                    "công vụ các nước ASEAN lần thứ 20 vào tháng 11/2020",
                    "ASEAN Secretariat",
                ),
                (
                    "Main results of the ACCSM 21 preparatory meeting",
                    "Báo cáo các kết quả chính của cuộc họp trù bị ACCSM 21",
                ),
                ("Update on the ASEAN Resource Centres", "Cập nhật tình hình thực hiện trung tâm nguồn ASEAN"),
                (
                    "Update on the network of ASEAN public service training institutes (PSTI)",
                    "Cập nhật về mạng lưới các cơ sở đào tạo công vụ ASEAN",
                ),
                (
                    "Measures supporting the civil service's response or adaptation to the new normal caused by "
                    "the COVID-19 pandemic",
                    "Chia sẻ thông tin về các biện pháp để hỗ trợ phản ứng hoặc sự thích ứng của nền công vụ đối "
                    "với trạng thái bình thường mới do đại dịch COVID-19",
                ),
                (
                    "Roadmap of Viet Nam's ACCSM 21 chairmanship (2021–2022)",
                    "Lộ trình Chủ tịch ACCSM 21 của Việt Nam (2021-2022)",
                    "MOHA Viet Nam",
                    "Theme and roadmap noted: Meeting 2 in August 2021; the official events in Hanoi in August 2022.",
                    "Ghi nhận chủ đề và lộ trình: Cuộc họp 2 vào tháng 8/2021; sự kiện chính thức tại Hà Nội vào "
                    "tháng 8/2022.",
                ),
            ],
            **virtual,
        )
        self.meeting(
            "som21b",
            accsm21,
            Meeting.Kind.FOCAL_POINTS,
            (
                "Focal Points Meeting and SOM of ACCSM 21 (Meeting 2)",
                "Họp đầu mối phụ trách và quan chức cao cấp (SOM) ACCSM 21 (Cuộc họp 2)",
            ),
            at(HANOI, 2021, 8, 18, 9),
            at(HANOI, 2021, 8, 18, 12),
            HANOI,
            description=(
                "Meeting 2 of the roadmap (August 2021; the day is illustrative). Participants: focal points, "
                "senior officials and the ASEAN Secretariat.",
                "Cuộc họp 2 theo lộ trình (tháng 8 năm 2021). Thành phần: cán bộ đầu mối phụ trách ACCSM, SOM, "
                "Ban Thư ký ASEAN.",
            ),
            **virtual,
        )
        self.meeting(
            "it_workshop",
            accsm21,
            Meeting.Kind.WORKSHOP,
            (
                "Workshop: Sharing experience on IT application in civil service modernization",
                "Hội thảo “Chia sẻ kinh nghiệm về ứng dụng công nghệ thông tin trong hiện đại hóa nền công vụ”",
            ),
            at(HANOI, 2021, 8, 19, 9),
            at(HANOI, 2021, 8, 19, 12),
            HANOI,
            invites_plus_three=True,
            description=(
                "Follows Meeting 2; open to focal points, ACCSM+3 and the ASEAN Secretariat.",
                "Kết hợp với Cuộc họp 2; thành phần: cán bộ phụ trách ACCSM, ACCSM+3, Ban Thư ký ASEAN.",
            ),
            **virtual,
        )
        self.meeting(
            "training21",
            accsm21,
            Meeting.Kind.TRAINING,
            (
                "Training workshop on civil service reform and capacity building for local civil servants",
                "Hội thảo tập huấn chia sẻ kinh nghiệm cải cách công vụ và nâng cao năng lực công chức địa phương",
            ),
            at(HANOI, 2021, 10, 29, 8, 30),
            at(HANOI, 2021, 10, 29, 11, 30),
            HANOI,
            description=(
                "The third of its kind under MOHA's action plan for the ASEAN Declaration on the Role of the "
                "Civil Service as a Catalyst for Achieving the ASEAN Community Vision 2025.",
                "Hội thảo thứ ba theo Kế hoạch hành động của Bộ Nội vụ thực hiện Tuyên bố ASEAN về vai trò của "
                "nền công vụ là chất xúc tác để đạt được Tầm nhìn Cộng đồng ASEAN 2025.",
            ),
            agenda=[
                (
                    "Opening remarks: the civil service in the new normal",
                    "Phát biểu khai mạc: nền công vụ trong trạng thái bình thường mới",
                    "Ekkaphab Phanthavong, Deputy Secretary-General of ASEAN",
                ),
                (
                    "Updates on ASEAN Socio-Cultural Community cooperation frameworks and goals to 2025",
                    "Cập nhật các khuôn khổ hợp tác và mục tiêu của Cộng đồng Văn hóa - Xã hội ASEAN đến năm 2025",
                    "Ha Thi Minh Duc, Deputy Director General, International Cooperation Department, MOLISA",
                ),
                (
                    "Sharing practices in civil service reform and capacity building for local civil servants",
                    "Chia sẻ kinh nghiệm cải cách công vụ và nâng cao năng lực công chức địa phương",
                ),
            ],
            **virtual,
        )
        self.meeting(
            "fp21",
            accsm21,
            Meeting.Kind.FOCAL_POINTS,
            ("ACCSM Focal Points Meeting", "Họp đầu mối ACCSM"),
            at(HANOI, 2021, 11, 17, 14),
            at(HANOI, 2021, 11, 17, 16),
            HANOI,
            description=("November 2021 (the day is illustrative).", "Tháng 11 năm 2021."),
            **virtual,
        )
        hanoi = {
            "format": Meeting.Format.IN_PERSON,
            "status": Meeting.Status.CONCLUDED,
            "host_country": vn,
            "city": ("Hanoi", "Hà Nội"),
        }
        week = self.meeting(
            "week21",
            accsm21,
            Meeting.Kind.CONFERENCE_WEEK,
            ("ACCSM 21 official events, Hanoi", "Các sự kiện chính thức ACCSM 21 tại Hà Nội"),
            at(HANOI, 2022, 8, 3, 8),
            at(HANOI, 2022, 8, 5, 17),
            HANOI,
            description=(
                "The first in-person ACCSM meetings after two years online. Days after 3 August are illustrative.",
                "Các cuộc họp trực tiếp đầu tiên sau hai năm họp trực tuyến.",
            ),
            **hanoi,
        )
        self.meeting(
            "som21c",
            accsm21,
            Meeting.Kind.SOM,
            ("Senior Officials Meeting of ACCSM 21, Hanoi", "Hội nghị quan chức cấp cao (SOM) ACCSM 21 tại Hà Nội"),
            at(HANOI, 2022, 8, 3, 8, 30),
            at(HANOI, 2022, 8, 3, 12),
            HANOI,
            parent=week,
            description=(
                "Chaired by Vu Chien Thang, Deputy Minister of Home Affairs and rotating Chair of ACCSM 21.",
                "Do Thứ trưởng Bộ Nội vụ Vũ Chiến Thắng, Chủ tịch luân phiên ACCSM 21, chủ trì.",
            ),
            agenda=[
                (
                    "Decisions of other ASEAN meetings since the focal points meeting of November 2021",
                    "Các quyết định của các cuộc họp ASEAN khác kể từ cuộc họp đầu mối tháng 11/2021",
                    "ASEAN Secretariat",
                ),
                (
                    "Implementation of the ACCSM Work Plan 2021–2025",
                    "Tình hình thực hiện Kế hoạch làm việc ACCSM 2021-2025",
                ),
                (
                    "Consideration and approval of new project proposals",
                    "Xem xét và thông qua các đề xuất dự án mới",
                    "",
                    "New project proposals approved.",
                    "Các đề xuất dự án mới đã được thông qua.",
                ),
                (
                    "Building the post-2025 ASEAN Community Vision",
                    "Xây dựng Tầm nhìn Cộng đồng ASEAN sau năm 2025",
                ),
                (
                    "Framework of the ACCSM Strategic Partnership",
                    "Khuôn khổ đối tác chiến lược ACCSM",
                ),
                (
                    "Plan, theme and timetable of ACCSM 22",
                    "Kế hoạch, chủ đề và lịch trình ACCSM 22",
                    "Brunei Darussalam",
                ),
            ],
            **hanoi,
        )
        self.meeting(
            "nonofficial4",
            accsm21,
            Meeting.Kind.NON_OFFICIAL,
            (
                "Fourth non-official discussion on civil service modernisation",
                "Phiên thảo luận không chính thức lần thứ tư về hiện đại hóa nền công vụ",
            ),
            at(HANOI, 2022, 8, 3, 14),
            at(HANOI, 2022, 8, 3, 17),
            HANOI,
            parent=week,
            invites_dialogue_partners=True,
            description=(
                "Organised by the ASEAN Secretariat with Australia's Public Affairs and Communication Committee.",
                "Do Ban Thư ký ASEAN phối hợp với Ủy ban Truyền thông và Công vụ Ô-xtrây-li-a tổ chức.",
            ),
            agenda=[
                (
                    "A civil service that represents the people: gender balance and public servants with disabilities",
                    "Nền công vụ đại diện rộng rãi cho người dân: cân bằng giới và công chức là người khuyết tật",
                    "Public Affairs and Communication Committee, Australia",
                ),
                (
                    "Strengthening the capacity of the civil service in the digital context",
                    "Tăng cường năng lực của nền công vụ trong bối cảnh số",
                    "Chu Tuan Tu, Director, International Cooperation Department, MOHA",
                ),
            ],
            **hanoi,
        )
        self.meeting(
            "forum21",
            accsm21,
            Meeting.Kind.FORUM,
            ("Forum on Good Governance, Hanoi", "Diễn đàn về Quản trị đất nước tốt tại Hà Nội"),
            at(HANOI, 2022, 8, 4, 9),
            at(HANOI, 2022, 8, 4, 16),
            HANOI,
            parent=week,
            invites_plus_three=True,
            **hanoi,
        )
        self.meeting(
            "hcs21",
            accsm21,
            Meeting.Kind.HCS,
            (
                "21st Conference of the Heads of Civil Service (ACCSM 21)",
                "Hội nghị những người đứng đầu các nền công vụ ACCSM lần thứ 21",
            ),
            at(HANOI, 2022, 8, 5, 9),
            at(HANOI, 2022, 8, 5, 12),
            HANOI,
            parent=week,
            **hanoi,
        )
        self.meeting(
            "hcs21p3",
            accsm21,
            Meeting.Kind.HCS_PLUS_THREE,
            (
                "Heads of Civil Service Meeting of ACCSM+3, Hanoi",
                "Hội nghị những người đứng đầu các nền công vụ ACCSM+3 tại Hà Nội",
            ),
            at(HANOI, 2022, 8, 5, 14),
            at(HANOI, 2022, 8, 5, 17),
            HANOI,
            parent=week,
            invites_plus_three=True,
            **hanoi,
        )
        self.delegation(
            "som21a",
            "VN",
            [
                ("Nguyen Duy Thang", "H.E.", "Deputy Minister of Home Affairs", "head", "MOHA"),
                ("Vu Dang Minh", "Mr.", "Chief of Office, Ministry of Home Affairs", "delegate", "MOHA"),
                ("Chu Tuan Tu", "Mr.", "Director, International Cooperation Department", "delegate", "MOHA"),
            ],
            status=Participant.Status.CONFIRMED,
        )

    # --- ACCSM 22: Brunei Darussalam, 4–8 August 2024 ------------------------------------------------
    def load_accsm_22(self):
        accsm22 = self.chairmanship(
            22,
            "BN",
            "Public Service Department, Prime Minister's Office, Brunei Darussalam",
            "Cục Công vụ, Văn phòng Thủ tướng Bru-nây Đa-rút-xa-lam",
            dt.date(2023, 1, 1),
            dt.date(2024, 8, 8),
            handed=at(BRUNEI, 2024, 8, 7, 17),
        )
        bsb = {
            "format": Meeting.Format.IN_PERSON,
            "status": Meeting.Status.CONCLUDED,
            "host_country": self.states["BN"],
            "city": ("Bandar Seri Begawan", "Bandar Seri Begawan"),
            "invites_observers": True,
        }
        week = self.meeting(
            "week22",
            accsm22,
            Meeting.Kind.CONFERENCE_WEEK,
            ("ACCSM 22 conference week, Bandar Seri Begawan", "Tuần hội nghị ACCSM 22 tại Bandar Seri Begawan"),
            at(BRUNEI, 2024, 8, 4, 9),
            at(BRUNEI, 2024, 8, 8, 17),
            BRUNEI,
            description=(
                "Attended by heads and deputy heads, senior officials and experts of the civil service agencies "
                "of ASEAN, China, Japan, the Republic of Korea, Timor-Leste (observer) and the ASEAN Secretariat.",
                "Với sự tham dự của lãnh đạo, quan chức cấp cao và chuyên gia các cơ quan công vụ ASEAN, Trung "
                "Quốc, Nhật Bản, Hàn Quốc, Ti-mo Lét-xtê (quan sát viên) và Ban Thư ký ASEAN.",
            ),
            invites_plus_three=True,
            **bsb,
        )
        self.meeting(
            "som22",
            accsm22,
            Meeting.Kind.SOM,
            ("22nd ACCSM Senior Officials Meeting (SOM 22)", "Hội nghị quan chức cấp cao ACCSM lần thứ 22 (SOM 22)"),
            at(BRUNEI, 2024, 8, 5, 9),
            at(BRUNEI, 2024, 8, 5, 12),
            BRUNEI,
            parent=week,
            agenda=[
                (
                    "Progress of the ACCSM Work Plan 2021–2025",
                    "Tiến độ thực hiện Kế hoạch làm việc ACCSM 2021-2025",
                ),
                (
                    "Development of the ACCSM Work Plan for the post-2025 period",
                    "Xây dựng Kế hoạch làm việc ACCSM giai đoạn sau năm 2025",
                ),
                (
                    "ASEAN Network of Public Service Training Institutes (PSTI): report of the convenor 2023–2024 "
                    "and handover to Brunei Darussalam",
                    "Mạng lưới các cơ sở đào tạo công vụ ASEAN (PSTI): báo cáo của nước điều phối 2023-2024 và "
                    "bàn giao cho Bru-nây Đa-rút-xa-lam",
                    "Viet Nam",
                    "Convenor role handed over to Brunei Darussalam.",
                    "Đã bàn giao vai trò điều phối cho Bru-nây Đa-rút-xa-lam.",
                ),
                (
                    "Welcoming Cambodia as ACCSM Chair for 2024–2026",
                    "Chào mừng Campuchia đảm nhiệm vai trò Chủ tịch ACCSM giai đoạn 2024-2026",
                ),
            ],
            **bsb,
        )
        self.meeting(
            "som22p3",
            accsm22,
            Meeting.Kind.SOM_PLUS_THREE,
            ("7th ACCSM+3 Senior Officials Meeting (SOM+3)", "Hội nghị quan chức cấp cao ACCSM+3 lần thứ 7 (SOM+3)"),
            at(BRUNEI, 2024, 8, 5, 14),
            at(BRUNEI, 2024, 8, 5, 17),
            BRUNEI,
            parent=week,
            invites_plus_three=True,
            **bsb,
        )
        self.meeting(
            "forum22",
            accsm22,
            Meeting.Kind.FORUM,
            ("ACCSM 22 Forum on Good Governance", "Diễn đàn về Quản trị đất nước tốt ACCSM 22"),
            at(BRUNEI, 2024, 8, 6, 9),
            at(BRUNEI, 2024, 8, 6, 16),
            BRUNEI,
            parent=week,
            invites_plus_three=True,
            theme=(
                "Revolutionizing the Public Sector: Artificial Intelligence for Good Governance",
                "Cách mạng hóa khu vực công: Trí tuệ nhân tạo vì quản trị tốt",
            ),
            agenda=[
                (
                    "Implementing Good Governance Values on Digital Platform Services",
                    "Thực hiện các giá trị quản trị tốt trên các dịch vụ nền tảng số",
                    "Datastreams (Republic of Korea)",
                ),
                (
                    "AI in Public Services: Malaysian Experience",
                    "Trí tuệ nhân tạo trong dịch vụ công: kinh nghiệm của Ma-lai-xi-a",
                    "Industry-Government Group for High Technology (Malaysia)",
                ),
                (
                    "Thailand's AI Strategy: From Plan to Action",
                    "Chiến lược trí tuệ nhân tạo của Thái Lan: từ kế hoạch đến hành động",
                    "National Electronics and Computer Technology Center, NECTEC (Thailand)",
                ),
            ],
            **bsb,
        )
        self.meeting(
            "hcs22",
            accsm22,
            Meeting.Kind.HCS,
            (
                "22nd ACCSM Heads of Civil Service Meeting",
                "Hội nghị những người đứng đầu các nền công vụ ACCSM lần thứ 22",
            ),
            at(BRUNEI, 2024, 8, 7, 9),
            at(BRUNEI, 2024, 8, 7, 12),
            BRUNEI,
            parent=week,
            agenda=[
                ("Reports of the SOM and SOM+3", "Báo cáo của Hội nghị SOM và SOM+3"),
                (
                    "ASEAN Declaration on strengthening governments' strategies on mental health and well-being to "
                    "achieve work-life balance in the public sector",
                    "Tuyên bố ASEAN về tăng cường chiến lược của chính phủ về sức khỏe tinh thần và hạnh phúc nhằm "
                    "đạt được cân bằng giữa công việc và cuộc sống trong khu vực công",
                ),
                ("Priorities for post-2025 cooperation", "Các ưu tiên hợp tác sau năm 2025"),
                (
                    "Handover of the ACCSM chairmanship to Cambodia (ACCSM 23, 2024–2026)",
                    "Bàn giao vai trò Chủ tịch ACCSM cho Campuchia (ACCSM 23, 2024-2026)",
                    "",
                    "Brunei Darussalam handed the chairmanship of ACCSM 23 to Cambodia.",
                    "Bru-nây Đa-rút-xa-lam đã bàn giao vai trò Chủ tịch ACCSM 23 cho Campuchia.",
                ),
            ],
            **bsb,
        )
        self.meeting(
            "hcs22p3",
            accsm22,
            Meeting.Kind.HCS_PLUS_THREE,
            (
                "7th ACCSM+3 Heads of Civil Service Meeting",
                "Hội nghị những người đứng đầu các nền công vụ ACCSM+3 lần thứ 7",
            ),
            at(BRUNEI, 2024, 8, 7, 14),
            at(BRUNEI, 2024, 8, 7, 17),
            BRUNEI,
            parent=week,
            invites_plus_three=True,
            **bsb,
        )
        self.delegation(
            "hcs22",
            "VN",
            [("Vu Chien Thang", "H.E.", "Vice Minister of Home Affairs", "head", "Ministry of Home Affairs")],
            status=Participant.Status.CONFIRMED,
        )

    # --- ACCSM 23: Cambodia, 2024–2026 (future meetings are plausible, not announced) ---------------
    def load_accsm_23(self):
        accsm23 = self.chairmanship(
            23,
            "KH",
            "Ministry of Civil Service, Cambodia",
            "Bộ Công vụ Campuchia",
            dt.date(2024, 8, 8),
            dt.date(2026, 12, 31),
        )
        kh = self.states["KH"]
        self.meeting(
            "som23a",
            accsm23,
            Meeting.Kind.SOM,
            ("Preparatory Meeting and SOM of ACCSM 23", "Cuộc họp trù bị và Hội nghị SOM ACCSM 23"),
            at(PHNOM_PENH, 2025, 3, 12, 9),
            at(PHNOM_PENH, 2025, 3, 12, 16),
            PHNOM_PENH,
            format=Meeting.Format.VIRTUAL,
            status=Meeting.Status.CONCLUDED,
            host_country=kh,
            agenda=[
                ("Work plan of Cambodia's ACCSM 23 chairmanship", "Chương trình công tác nhiệm kỳ Chủ tịch ACCSM 23"),
                ("Post-2025 ACCSM Work Plan: first draft", "Kế hoạch làm việc ACCSM sau năm 2025: dự thảo đầu tiên"),
            ],
        )
        self.meeting(
            "fp23",
            accsm23,
            Meeting.Kind.FOCAL_POINTS,
            ("ACCSM 23 Focal Points Meeting", "Họp đầu mối ACCSM 23"),
            at(PHNOM_PENH, 2026, 12, 2, 14),
            at(PHNOM_PENH, 2026, 12, 2, 16),
            PHNOM_PENH,
            format=Meeting.Format.VIRTUAL,
            status=Meeting.Status.PUBLISHED,
            host_country=kh,
            online_link="https://meet.example.org/accsm23-focal-points",
            registration_opens=at(PHNOM_PENH, 2026, 11, 1, 9),
            registration_deadline=at(PHNOM_PENH, 2026, 11, 27, 17),
            delegates_allowed=3,
            agenda=[
                ("Preparations for the ACCSM 23 conference week", "Công tác chuẩn bị Tuần hội nghị ACCSM 23"),
                ("Post-2025 ACCSM Work Plan: final draft", "Kế hoạch làm việc ACCSM sau năm 2025: dự thảo cuối cùng"),
            ],
        )
        in_pp = {
            "format": Meeting.Format.IN_PERSON,
            "status": Meeting.Status.PUBLISHED,
            "host_country": kh,
            "city": ("Phnom Penh", "Phnôm Pênh"),
            "venue": ("Sokha Phnom Penh Hotel", "Khách sạn Sokha Phnôm Pênh"),
            "registration_opens": at(PHNOM_PENH, 2026, 10, 15, 9),
            "registration_deadline": at(PHNOM_PENH, 2026, 11, 30, 17),
        }
        week = self.meeting(
            "week23",
            accsm23,
            Meeting.Kind.CONFERENCE_WEEK,
            ("ACCSM 23 conference week, Phnom Penh", "Tuần hội nghị ACCSM 23 tại Phnôm Pênh"),
            at(PHNOM_PENH, 2026, 12, 14, 9),
            at(PHNOM_PENH, 2026, 12, 17, 17),
            PHNOM_PENH,
            invites_plus_three=True,
            invites_observers=True,
            **in_pp,
        )
        self.meeting(
            "som23",
            accsm23,
            Meeting.Kind.SOM,
            ("23rd ACCSM Senior Officials Meeting (SOM 23)", "Hội nghị quan chức cấp cao ACCSM lần thứ 23 (SOM 23)"),
            at(PHNOM_PENH, 2026, 12, 15, 9),
            at(PHNOM_PENH, 2026, 12, 15, 12),
            PHNOM_PENH,
            parent=week,
            invites_observers=True,
            delegates_allowed=4,
            agenda=[
                ("Adoption of the agenda", "Thông qua chương trình nghị sự"),
                (
                    "Report on the implementation of the ACCSM Work Plan 2021–2025",
                    "Báo cáo tình hình thực hiện Kế hoạch làm việc ACCSM 2021-2025",
                    "ASEAN Secretariat",
                ),
                ("Post-2025 ACCSM Work Plan", "Kế hoạch làm việc ACCSM sau năm 2025", "Cambodia"),
                ("Approval of new project proposals", "Thông qua các đề xuất dự án mới"),
                ("Date and venue of ACCSM 24", "Thời gian và địa điểm ACCSM 24"),
            ],
            **in_pp,
        )
        self.meeting(
            "som23p3",
            accsm23,
            Meeting.Kind.SOM_PLUS_THREE,
            ("8th ACCSM+3 Senior Officials Meeting (SOM+3)", "Hội nghị quan chức cấp cao ACCSM+3 lần thứ 8 (SOM+3)"),
            at(PHNOM_PENH, 2026, 12, 15, 14),
            at(PHNOM_PENH, 2026, 12, 15, 17),
            PHNOM_PENH,
            parent=week,
            invites_plus_three=True,
            **in_pp,
        )
        self.meeting(
            "forum23",
            accsm23,
            Meeting.Kind.FORUM,
            ("ACCSM 23 Forum on Good Governance", "Diễn đàn về Quản trị đất nước tốt ACCSM 23"),
            at(PHNOM_PENH, 2026, 12, 16, 9),
            at(PHNOM_PENH, 2026, 12, 16, 16),
            PHNOM_PENH,
            parent=week,
            invites_plus_three=True,
            invites_dialogue_partners=True,
            theme=("A civil service for the post-2025 ASEAN Community", "Nền công vụ vì Cộng đồng ASEAN sau năm 2025"),
            **{**in_pp, "status": Meeting.Status.DRAFT},
        )
        self.meeting(
            "hcs23",
            accsm23,
            Meeting.Kind.HCS,
            (
                "23rd ACCSM Heads of Civil Service Meeting",
                "Hội nghị những người đứng đầu các nền công vụ ACCSM lần thứ 23",
            ),
            at(PHNOM_PENH, 2026, 12, 17, 9),
            at(PHNOM_PENH, 2026, 12, 17, 12),
            PHNOM_PENH,
            parent=week,
            invites_observers=True,
            delegates_allowed=4,
            agenda=[
                ("Report of SOM 23", "Báo cáo của Hội nghị SOM 23"),
                ("Adoption of the post-2025 ACCSM Work Plan", "Thông qua Kế hoạch làm việc ACCSM sau năm 2025"),
                ("Handover of the ACCSM chairmanship", "Bàn giao vai trò Chủ tịch ACCSM"),
            ],
            **in_pp,
        )
        arrival = at(PHNOM_PENH, 2026, 12, 14, 15)
        departure = at(PHNOM_PENH, 2026, 12, 18, 11)
        travel = {"arrival": arrival, "departure": departure}
        self.delegation(
            "som23",
            "KH",
            [
                (
                    "Sok Chanthy",
                    "H.E.",
                    "Secretary of State, Ministry of Civil Service",
                    "head",
                    "Ministry of Civil Service",
                ),
                ("Lim Sreyneang", "Ms.", "Deputy Director, ASEAN Affairs", "delegate", "Ministry of Civil Service"),
            ],
            status=Participant.Status.CONFIRMED,
        )
        self.delegation(
            "som23",
            "VN",
            [
                (
                    "Trần Minh Hà",
                    "Ms.",
                    "Deputy Director, International Cooperation Department",
                    "head",
                    "Ministry of Home Affairs",
                ),
                (
                    "Lê Quang Huy",
                    "Mr.",
                    "Official, International Cooperation Department",
                    "delegate",
                    "Ministry of Home Affairs",
                ),
            ],
            status=Participant.Status.REGISTERED,
            language="vi",
            **travel,
        )
        self.delegation(
            "som23",
            "TH",
            [
                (
                    "Siriporn Chaiyaporn",
                    "Dr.",
                    "Director, International Affairs",
                    "delegate",
                    "Office of the Civil Service Commission",
                )
            ],
            status=Participant.Status.REGISTERED,
            **travel,
        )
        self.delegation(
            "som23",
            "MY",
            [
                ("Aisyah binti Rahman", "Ms.", "Principal Assistant Secretary", "head", "Public Service Department"),
                ("Daniel Tan", "Mr.", "Assistant Secretary", "delegate", "Public Service Department"),
                ("Nurul Huda", "Ms.", "Assistant Secretary", "adviser", "Public Service Department"),
            ],
            status=Participant.Status.CONFIRMED,
            **travel,
        )

    def delegation(self, meeting_key, code, people, *, status, language="en", **extra):
        delegation, _ = upsert(
            Delegation, {"meeting": self.meetings[meeting_key], "member_state": self.states[code]}, {}
        )
        for full_name, honorific, position, role, organisation in people:
            upsert(
                Participant,
                {"delegation": delegation, "full_name": full_name},
                {
                    "honorific": honorific,
                    "position": position,
                    "role": role,
                    "organisation": organisation,
                    "status": status,
                    "language": language,
                    **extra,
                },
            )

    # --- The Work Plan 2021–2025 --------------------------------------------------------------------
    def load_work_plan(self):
        plan, _ = upsert(
            WorkPlan,
            {"title_en": "ACCSM Work Plan 2021–2025"},
            {
                "title_vi": "Kế hoạch làm việc ACCSM 2021-2025",
                "period_start": dt.date(2021, 1, 1),
                "period_end": dt.date(2025, 12, 31),
            },
        )
        area, _ = upsert(
            PriorityArea,
            {"work_plan": plan, "number": 5},
            {"title_en": "Civil service modernisation", "title_vi": "Hiện đại hóa nền công vụ"},
        )
        s = self.states
        m = self.meetings
        initiatives = [
            (
                "ASEAN Resource Centres",
                "Các trung tâm nguồn ASEAN",
                "Resource centres hosted by member states, each on one area of civil service practice; "
                "implementation reported at SOM 21.",
                "Các trung tâm nguồn do các nước thành viên đăng cai, mỗi trung tâm về một lĩnh vực công vụ.",
                "ASEC",
                [],
                Initiative.Status.ONGOING,
                (dt.date(2021, 1, 1), dt.date(2025, 12, 31)),
                "som21a",
            ),
            (
                "ASEAN Network of Public Service Training Institutes (PSTI)",
                "Mạng lưới các cơ sở đào tạo công vụ ASEAN (PSTI)",
                "Viet Nam convened the network in 2023–2024 and handed the convenor role to Brunei Darussalam at "
                "SOM 22 (August 2024).",
                "Việt Nam là nước điều phối mạng lưới giai đoạn 2023-2024 và đã bàn giao cho Bru-nây Đa-rút-xa-lam "
                "tại SOM 22 (tháng 8/2024).",
                "VN",
                ["BN"],
                Initiative.Status.ONGOING,
                (dt.date(2023, 1, 1), dt.date(2025, 12, 31)),
                "som21a",
            ),
            (
                "Workshop: Sharing experience on IT application in civil service modernization",
                "Hội thảo chia sẻ kinh nghiệm về ứng dụng công nghệ thông tin trong hiện đại hóa nền công vụ",
                "Held after Meeting 2 of ACCSM 21 (August 2021), open to ACCSM+3.",
                "Tổ chức sau Cuộc họp 2 của ACCSM 21 (tháng 8/2021), có sự tham gia của ACCSM+3.",
                "VN",
                [],
                Initiative.Status.COMPLETED,
                (dt.date(2021, 4, 8), dt.date(2021, 8, 31)),
                "som21a",
            ),
            (
                "ACCSM Strategic Partnership Framework",
                "Khuôn khổ đối tác chiến lược ACCSM",
                "Supports ACCSM as a specialised body on cross-pillar issues of good governance, including "
                "anti-corruption. Drafted by the ASEAN Secretariat in 2021; discussed at SOM 21 in Hanoi (2022).",
                "Hỗ trợ vai trò của ACCSM là cơ quan chuyên trách về các vấn đề quản trị tốt liên trụ cột, bao gồm "
                "phòng, chống tham nhũng.",
                "ASEC",
                [],
                Initiative.Status.APPROVED,
                (dt.date(2021, 4, 8), dt.date(2025, 12, 31)),
                "som21c",
            ),
            (
                "ASEAN Declaration on promoting civil service's response to new challenges",
                "Tuyên bố ASEAN về thúc đẩy sự ứng phó của nền công vụ trước các thách thức mới",
                "Drafted by Viet Nam in 2021, with a timeline for approval by the heads of civil service.",
                "Do Việt Nam dự thảo năm 2021, kèm lộ trình trình những người đứng đầu nền công vụ thông qua.",
                "VN",
                [],
                Initiative.Status.COMPLETED,
                (dt.date(2021, 4, 8), dt.date(2022, 8, 31)),
                "som21a",
            ),
            (
                "Post-2025 ACCSM Work Plan",
                "Kế hoạch làm việc ACCSM sau năm 2025",
                "Development of the work plan for the period after 2025, discussed at SOM 22.",
                "Xây dựng kế hoạch làm việc giai đoạn sau năm 2025, thảo luận tại SOM 22.",
                "KH",
                ["BN"],
                Initiative.Status.PROPOSED,
                (dt.date(2024, 8, 5), dt.date(2025, 12, 31)),
                None,
            ),
        ]
        for title_en, title_vi, desc_en, desc_vi, lead, co_leads, status, (start, end), approved in initiatives:
            initiative, _ = upsert(
                Initiative,
                {"priority_area": area, "title_en": title_en},
                {
                    "title_vi": title_vi,
                    "description_en": desc_en,
                    "description_vi": desc_vi,
                    "lead": s[lead],
                    "status": status,
                    "planned_start": start,
                    "planned_end": end,
                    "approved_at": m[approved] if approved else None,
                },
            )
            wanted = {s[code].pk for code in co_leads}
            if set(initiative.co_leads.values_list("pk", flat=True)) != wanted:
                initiative.co_leads.set(wanted)

    # --- Declarations -------------------------------------------------------------------------------
    def load_declarations(self):
        m = self.meetings
        declarations = [
            (
                "ASEAN Declaration on the Role of the Civil Service as a Catalyst for Achieving the ASEAN "
                "Community Vision 2025",
                "Tuyên bố ASEAN về vai trò của nền công vụ là chất xúc tác để đạt được Tầm nhìn Cộng đồng ASEAN 2025",
                None,
                Document.Status.ADOPTED,
            ),
            (
                "ASEAN Declaration on Promoting Civil Service's Response to New Challenges",
                "Tuyên bố ASEAN về thúc đẩy sự ứng phó của nền công vụ trước các thách thức mới",
                m["prep21"],
                Document.Status.CIRCULATED,
            ),
            (
                "ASEAN Declaration on Strengthening Governments' Strategies on Mental Health and Well-being to "
                "Achieve Work-Life Balance in the Public Sector",
                "Tuyên bố ASEAN về tăng cường chiến lược của chính phủ về sức khỏe tinh thần và hạnh phúc nhằm đạt "
                "được cân bằng giữa công việc và cuộc sống trong khu vực công",
                m["hcs22"],
                Document.Status.CIRCULATED,
            ),
        ]
        for title_en, title_vi, meeting, status in declarations:
            upsert(
                Document,
                {"kind": Document.Kind.DECLARATION, "title_en": title_en},
                {
                    "title_vi": title_vi,
                    "meeting": meeting,
                    "status": status,
                    "visibility": Document.Visibility.PUBLIC,
                    "language": Document.Language.EN,
                },
            )

    def load_declaration_steps(self):
        """Each declaration's track, as far as the seeds tell it."""
        m = self.meetings
        steps = [
            # declaration (its English title starts so), step, meeting key, date, note en, note vi
            (
                "ASEAN Declaration on Promoting",
                DeclarationStep.Kind.DRAFTED,
                None,
                dt.date(2021, 4, 8),
                "Drafted by the ACCSM 21 Chair, Viet Nam (MOHA), in early 2021.",
                "Được Chủ tịch ACCSM 21, Việt Nam (Bộ Nội vụ), soạn thảo vào đầu năm 2021.",
            ),
            (
                "ASEAN Declaration on Promoting",
                DeclarationStep.Kind.DISCUSSED,
                "prep21",
                dt.date(2021, 4, 8),
                "Viet Nam (MOHA) reported on the drafting and an estimated timeline for approval by the heads of "
                "civil service agencies; the member states discussed it.",
                "Việt Nam (Bộ Nội vụ) báo cáo về việc xây dựng Tuyên bố và lộ trình dự kiến để những người đứng đầu "
                "cơ quan công vụ các nước ASEAN thông qua; các nước thành viên đã thảo luận.",
            ),
            (
                "ASEAN Declaration on Strengthening",
                DeclarationStep.Kind.DISCUSSED,
                "hcs22",
                dt.date(2024, 8, 7),
                "The heads of delegation and the ASEAN Secretary-General exchanged views on the declaration.",
                "Các Trưởng đoàn và Tổng Thư ký ASEAN đã thảo luận, trao đổi ý kiến về Tuyên bố.",
            ),
            (
                "ASEAN Declaration on the Role",
                DeclarationStep.Kind.OTHER,
                "training21",
                dt.date(2021, 10, 29),
                "Viet Nam held the third training workshop under MOHA's action plan to implement the declaration.",
                "Việt Nam tổ chức hội thảo tập huấn lần thứ ba theo Kế hoạch hành động của Bộ Nội vụ thực hiện "
                "Tuyên bố.",
            ),
        ]
        for title_start, kind, meeting_key, date, note_en, note_vi in steps:
            document = Document.objects.get(kind=Document.Kind.DECLARATION, title_en__startswith=title_start)
            upsert(
                DeclarationStep,
                {"document": document, "kind": kind, "meeting": m[meeting_key] if meeting_key else None},
                {"date": date, "note_en": note_en, "note_vi": note_vi},
            )

    # --- Logins -------------------------------------------------------------------------------------
    def account(self, username, password, first, last, *, staff=False, language="en"):
        user = User.objects.filter(username=username).first()
        created = user is None
        if created:
            user = User(username=username, first_name=first, last_name=last, email=f"{username}@accsm.example.org")
            user.is_staff = staff
            user.preferred_language = language
            user.set_password(password)
            user.save()
        return user, created

    def load_accounts(self):
        group = secretariat_group()
        wanted = Permission.objects.filter(content_type__app_label__in=["meetings", "workplan", "documents"]).exclude(
            codename__startswith="delete_"
        )
        missing = set(wanted.values_list("pk", flat=True)) - set(group.permissions.values_list("pk", flat=True))
        if missing:
            group.permissions.add(*missing)
        username, password = SECRETARIAT_LOGIN
        user, created = self.account(username, password, "Demo", "Secretariat", staff=True)
        if not user.groups.filter(pk=group.pk).exists():
            user.groups.add(group)
        self.logins.append((username, password, "secretariat (chairing ministry)", created))
        for code in FOCAL_POINT_STATES:
            username, password = focal_point_login(code)
            state = self.states[code]
            # Viet Nam's focal point reads the portal in Vietnamese, and is named so in its header.
            first, last, language = (
                ("Đầu mối", state.name_vi, "vi") if code == "VN" else ("Focal point", state.name_en, "en")
            )
            user, created = self.account(username, password, first, last, language=language)
            upsert(FocalPoint, {"user": user}, {"member_state": state, "is_active": True})
            self.logins.append((username, password, f"focal point, {state.name_en}", created))
