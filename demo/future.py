"""The illustrative future: the rest of ACCSM 23 (Cambodia) and the start of ACCSM 24, placed relative to the
day the demo is loaded, so that the portal is alive on any day: whatever the date, there is a meeting that just
ended with its report in draft, one this week, one full with a waiting list, a conference week whose
registration closes within days, and the next chairmanship's first meeting open for registration with places
left for every country.

Each meeting's description says it is illustrative. Days are counted from `demo.today` (in Phnom Penh); the
moments are the venue's local times, so a second load on the same day writes the same values.
"""

from __future__ import annotations

import datetime as dt

from meetings.models import Chairmanship, Meeting, Participant

from .base import PHNOM_PENH, Demo, on
from .meetings import chairmanship, meeting
from .registrations import delegation

JAKARTA = "Asia/Jakarta"

# Days from the day of loading.
FOCAL_POINTS_MEETING = -3  # just ended; its report is in draft
BRIEFING = 2  # this week; registration closed yesterday
WORKSHOP = 12  # delegations full, a waiting list; registration closes on day 9
WORKSHOP_DEADLINE = 9
CONFERENCE_WEEK = (16, 19)  # SOM 23 and SOM+3, the forum, HCS 23 and the handover; registration closes on day 4
CONFERENCE_WEEK_DEADLINE = 4
PREPARATORY_24 = 75  # ACCSM 24's first meeting; registration open until day 60
PREPARATORY_24_DEADLINE = 60

ILLUSTRATIVE = (
    "Illustrative: the demo places this meeting relative to the day it is loaded.",
    "Minh họa: bản demo đặt cuộc họp này theo ngày nạp dữ liệu.",
)


def accsm_23_term_end(today: dt.date) -> dt.date:
    """ACCSM 23 ends with its conference week, at the handover to ACCSM 24."""
    return today + dt.timedelta(days=CONFERENCE_WEEK[1])


def pp(demo: Demo, days: int, hour: int = 9, minute: int = 0) -> dt.datetime:
    return on(demo.today, days, PHNOM_PENH, hour, minute)


def load_rest_of_accsm_23(demo: Demo, accsm23: Chairmanship) -> None:
    kh = demo.states["KH"]
    virtual = {
        "format": Meeting.Format.VIRTUAL,
        "host_country": kh,
        "description": ILLUSTRATIVE,
    }
    meeting(
        demo,
        "fp23",
        accsm23,
        Meeting.Kind.FOCAL_POINTS,
        ("ACCSM 23 Focal Points Meeting", "Họp đầu mối ACCSM 23"),
        pp(demo, FOCAL_POINTS_MEETING, 14),
        pp(demo, FOCAL_POINTS_MEETING, 16),
        PHNOM_PENH,
        status=Meeting.Status.CONCLUDED,
        online_link="https://meet.example.org/accsm23-focal-points",
        registration_opens=pp(demo, FOCAL_POINTS_MEETING - 32),
        registration_deadline=pp(demo, FOCAL_POINTS_MEETING - 3, 17),
        delegates_allowed=3,
        agenda=[
            ("Preparations for the ACCSM 23 conference week", "Công tác chuẩn bị Tuần hội nghị ACCSM 23"),
            ("Post-2025 ACCSM Work Plan: final draft", "Kế hoạch làm việc ACCSM sau năm 2025: dự thảo cuối cùng"),
        ],
        **virtual,
    )
    delegation(
        demo,
        "fp23",
        "KH",
        [("Lim Sreyneang", "Ms.", "Deputy Director, ASEAN Affairs", "head", "Ministry of Civil Service")],
        status=Participant.Status.CONFIRMED,
    )
    delegation(
        demo,
        "fp23",
        "VN",
        [
            (
                "Lê Quang Huy",
                "Mr.",
                "Official, International Cooperation Department",
                "head",
                "Ministry of Home Affairs",
            )
        ],
        status=Participant.Status.CONFIRMED,
        language="vi",
    )
    meeting(
        demo,
        "briefing23",
        accsm23,
        Meeting.Kind.FOCAL_POINTS,
        (
            "Online briefing for heads of delegation on the ACCSM 23 conference week",
            "Họp trực tuyến phổ biến thông tin cho trưởng đoàn về Tuần hội nghị ACCSM 23",
        ),
        pp(demo, BRIEFING, 10),
        pp(demo, BRIEFING, 11, 30),
        PHNOM_PENH,
        status=Meeting.Status.PUBLISHED,
        online_link="https://meet.example.org/accsm23-briefing",
        registration_opens=pp(demo, BRIEFING - 20),
        registration_deadline=pp(demo, BRIEFING - 1, 17),
        delegates_allowed=2,
        agenda=[
            ("Programme and logistics of the conference week", "Chương trình và công tác hậu cần của Tuần hội nghị"),
            ("Questions from the delegations", "Giải đáp câu hỏi của các đoàn"),
        ],
        **virtual,
    )
    delegation(
        demo,
        "briefing23",
        "VN",
        [
            (
                "Trần Minh Hà",
                "Ms.",
                "Deputy Director, International Cooperation Department",
                "head",
                "Ministry of Home Affairs",
            )
        ],
        status=Participant.Status.REGISTERED,
        language="vi",
    )
    delegation(
        demo,
        "briefing23",
        "MY",
        [("Aisyah binti Rahman", "Ms.", "Principal Assistant Secretary", "head", "Public Service Department")],
        status=Participant.Status.CONFIRMED,
    )
    load_workshop(demo, accsm23)
    load_conference_week(demo, accsm23)


def load_workshop(demo: Demo, accsm23: Chairmanship) -> None:
    """Two places per delegation, taken by the four countries that registered; two wait for a place."""
    meeting(
        demo,
        "workshop23",
        accsm23,
        Meeting.Kind.WORKSHOP,
        (
            "Workshop on human resource management in the digital era",
            "Hội thảo về quản trị nguồn nhân lực trong kỷ nguyên số",
        ),
        pp(demo, WORKSHOP, 9),
        pp(demo, WORKSHOP, 16),
        PHNOM_PENH,
        format=Meeting.Format.IN_PERSON,
        status=Meeting.Status.PUBLISHED,
        host_country=demo.states["KH"],
        city=("Phnom Penh", "Phnôm Pênh"),
        venue=("Ministry of Civil Service", "Bộ Công vụ Campuchia"),
        description=ILLUSTRATIVE,
        registration_opens=pp(demo, WORKSHOP - 30),
        registration_deadline=pp(demo, WORKSHOP_DEADLINE, 17),
        delegates_allowed=2,
        agenda=[
            ("Digital tools for recruitment and performance", "Công cụ số trong tuyển dụng và đánh giá công chức"),
            ("Country experiences", "Chia sẻ kinh nghiệm của các nước"),
        ],
    )
    full = Participant.Status.REGISTERED
    waiting = Participant.Status.WAITLISTED
    rosters = {
        "KH": [
            ("Chea Sovann", "Mr.", "Director, Human Resources", "head", "Ministry of Civil Service", full),
            ("Keo Malis", "Ms.", "Deputy Director, Human Resources", "delegate", "Ministry of Civil Service", full),
        ],
        "VN": [
            (
                "Phạm Thu Trang",
                "Ms.",
                "Deputy Director, Civil Servants Department",
                "head",
                "Ministry of Home Affairs",
                full,
            ),
            (
                "Nguyễn Văn Nam",
                "Mr.",
                "Official, Civil Servants Department",
                "delegate",
                "Ministry of Home Affairs",
                full,
            ),
            (
                "Đỗ Thị Lan",
                "Ms.",
                "Official, Information Technology Centre",
                "delegate",
                "Ministry of Home Affairs",
                waiting,
            ),
        ],
        "TH": [
            (
                "Siriporn Chaiyaporn",
                "Dr.",
                "Director, International Affairs",
                "head",
                "Office of the Civil Service Commission",
                full,
            ),
            (
                "Anan Wongsuwan",
                "Mr.",
                "Human Resource Officer",
                "delegate",
                "Office of the Civil Service Commission",
                full,
            ),
            (
                "Pimchanok Srisuk",
                "Ms.",
                "Human Resource Officer",
                "delegate",
                "Office of the Civil Service Commission",
                waiting,
            ),
        ],
        "MY": [
            ("Daniel Tan", "Mr.", "Assistant Secretary", "head", "Public Service Department", full),
            ("Nurul Huda", "Ms.", "Assistant Secretary", "delegate", "Public Service Department", full),
        ],
    }
    for code, people in rosters.items():
        for status in (full, waiting):
            chosen = [person[:5] for person in people if person[5] == status]
            if chosen:
                delegation(demo, "workshop23", code, chosen, status=status, language="vi" if code == "VN" else "en")


def load_conference_week(demo: Demo, accsm23: Chairmanship) -> None:
    first, last = CONFERENCE_WEEK
    in_pp = {
        "format": Meeting.Format.IN_PERSON,
        "status": Meeting.Status.PUBLISHED,
        "host_country": demo.states["KH"],
        "city": ("Phnom Penh", "Phnôm Pênh"),
        "venue": ("Sokha Phnom Penh Hotel", "Khách sạn Sokha Phnôm Pênh"),
        "description": ILLUSTRATIVE,
        "registration_opens": pp(demo, CONFERENCE_WEEK_DEADLINE - 45),
        "registration_deadline": pp(demo, CONFERENCE_WEEK_DEADLINE, 17),
    }
    week = meeting(
        demo,
        "week23",
        accsm23,
        Meeting.Kind.CONFERENCE_WEEK,
        ("ACCSM 23 conference week, Phnom Penh", "Tuần hội nghị ACCSM 23 tại Phnôm Pênh"),
        pp(demo, first, 9),
        pp(demo, last, 17),
        PHNOM_PENH,
        invites_plus_three=True,
        invites_observers=True,
        **in_pp,
    )
    meeting(
        demo,
        "som23",
        accsm23,
        Meeting.Kind.SOM,
        ("23rd ACCSM Senior Officials Meeting (SOM 23)", "Hội nghị quan chức cấp cao ACCSM lần thứ 23 (SOM 23)"),
        pp(demo, first + 1, 9),
        pp(demo, first + 1, 12),
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
    meeting(
        demo,
        "som23p3",
        accsm23,
        Meeting.Kind.SOM_PLUS_THREE,
        ("8th ACCSM+3 Senior Officials Meeting (SOM+3)", "Hội nghị quan chức cấp cao ACCSM+3 lần thứ 8 (SOM+3)"),
        pp(demo, first + 1, 14),
        pp(demo, first + 1, 17),
        PHNOM_PENH,
        parent=week,
        invites_plus_three=True,
        **in_pp,
    )
    meeting(
        demo,
        "forum23",
        accsm23,
        Meeting.Kind.FORUM,
        ("ACCSM 23 Forum on Good Governance", "Diễn đàn về Quản trị đất nước tốt ACCSM 23"),
        pp(demo, first + 2, 9),
        pp(demo, first + 2, 16),
        PHNOM_PENH,
        parent=week,
        invites_plus_three=True,
        invites_dialogue_partners=True,
        theme=("A civil service for the post-2025 ASEAN Community", "Nền công vụ vì Cộng đồng ASEAN sau năm 2025"),
        **{**in_pp, "status": Meeting.Status.DRAFT},
    )
    meeting(
        demo,
        "hcs23",
        accsm23,
        Meeting.Kind.HCS,
        (
            "23rd ACCSM Heads of Civil Service Meeting",
            "Hội nghị những người đứng đầu các nền công vụ ACCSM lần thứ 23",
        ),
        pp(demo, last, 9),
        pp(demo, last, 12),
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
    travel = {"arrival": pp(demo, first, 15), "departure": pp(demo, last + 1, 11)}
    delegation(
        demo,
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
    delegation(
        demo,
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
    delegation(
        demo,
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
    delegation(
        demo,
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


def load_start_of_accsm_24(demo: Demo) -> Chairmanship:
    """Indonesia follows Cambodia in the alphabetical rotation; its chairmanship starts at the handover."""
    start = accsm_23_term_end(demo.today)
    accsm24 = chairmanship(
        demo,
        24,
        "ID",
        "Ministry of State Apparatus Utilization and Bureaucratic Reform, Indonesia",
        "Bộ Tăng cường Bộ máy Nhà nước và Cải cách Hành chính In-đô-nê-xi-a",
        start,
        start + dt.timedelta(days=2 * 365),
    )
    meeting(
        demo,
        "prep24",
        accsm24,
        Meeting.Kind.PREPARATORY,
        ("Preparatory Meeting of ACCSM 24", "Cuộc họp trù bị ACCSM 24"),
        on(demo.today, PREPARATORY_24, JAKARTA, 9),
        on(demo.today, PREPARATORY_24, JAKARTA, 12),
        JAKARTA,
        format=Meeting.Format.VIRTUAL,
        status=Meeting.Status.PUBLISHED,
        host_country=demo.states["ID"],
        online_link="https://meet.example.org/accsm24-preparatory",
        description=ILLUSTRATIVE,
        registration_opens=on(demo.today, -7, JAKARTA, 9),
        registration_deadline=on(demo.today, PREPARATORY_24_DEADLINE, JAKARTA, 17),
        delegates_allowed=3,
        agenda=[
            (
                "Priorities of Indonesia's ACCSM 24 chairmanship",
                "Các ưu tiên trong nhiệm kỳ Chủ tịch ACCSM 24 của In-đô-nê-xi-a",
            ),
            (
                "First year of the post-2025 ACCSM Work Plan",
                "Năm đầu thực hiện Kế hoạch làm việc ACCSM sau năm 2025",
            ),
        ],
    )
    delegation(
        demo,
        "prep24",
        "ID",
        [
            (
                "Dewi Kartika Sari",
                "Ms.",
                "Director, International Cooperation",
                "head",
                "Ministry of State Apparatus Utilization and Bureaucratic Reform",
            )
        ],
        status=Participant.Status.REGISTERED,
    )
    return accsm24
