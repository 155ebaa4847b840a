"""ACCSM 20–23 as the sources tell it (../shared/seeds/; DOMAIN.md summarises them).

Where the seeds give only a month, the day is a plausible one and says so in the meeting's description;
ACCSM 23's first SOM (March 2025) is plausible, not sourced; what follows it is illustrative and lives in
demo.future. Vietnamese wording follows seed 003 wherever it has one.
"""

from __future__ import annotations

import datetime as dt

from meetings.models import Chairmanship, Meeting, Participant

from .base import BANGKOK, BRUNEI, HANOI, PHNOM_PENH, Demo, at
from .meetings import chairmanship, meeting
from .registrations import delegation


# --- ACCSM 20: Thailand ---------------------------------------------------------------------------
def load_accsm_20(demo: Demo) -> None:
    accsm20 = chairmanship(
        demo,
        20,
        "TH",
        "Office of the Civil Service Commission, Thailand",
        "Văn phòng Ủy ban Công vụ Thái Lan",
        dt.date(2019, 1, 1),
        dt.date(2020, 12, 31),
        handed=at(BANGKOK, 2020, 12, 31, 17),
    )
    meeting(
        demo,
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
        host_country=demo.states["TH"],
        description=(
            "Held online in November 2020 (the seeds give the month; the day is illustrative).",
            "Tổ chức trực tuyến vào tháng 11/2020.",
        ),
    )


# --- ACCSM 21: Viet Nam, the 2021–2022 roadmap -------------------------------------------------
def load_accsm_21(demo: Demo) -> None:
    vn = demo.states["VN"]
    accsm21 = chairmanship(
        demo,
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
    meeting(
        demo,
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
            (
                "By video conference, chaired by Deputy Minister of Home Affairs Nguyen Duy Thang. "
                "Participants: ACCSM focal points, senior officials and the ASEAN Secretariat."
            ),
            (
                "Họp trực tuyến, do Thứ trưởng Bộ Nội vụ Nguyễn Duy Thăng chủ trì. Thành phần: đầu mối phụ "
                "trách ACCSM, SOM và Ban Thư ký ASEAN."
            ),
        ),
        agenda=[
            (
                "Planned activities and expected results of Viet Nam's chairmanship (2021–2022)",
                "Các hoạt động dự kiến và kết quả mong đợi trong nhiệm kỳ Chủ tịch của Việt Nam (2021-2022)",
                "Chu Tuan Tu, Director, International Cooperation Department, MOHA",
            ),
            (
                (
                    "Development of the ASEAN Declaration on promoting civil service's response to new "
                    "challenges, and the timeline for its approval by the heads of civil service"
                ),
                (
                    "Xây dựng Tuyên bố ASEAN về thúc đẩy sự ứng phó của nền công vụ trước các thách thức mới "
                    "và lộ trình trình những người đứng đầu nền công vụ thông qua"
                ),
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
    meeting(
        demo,
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
                "Decisions of other ASEAN meetings since the 20th Conference of Heads of Civil Service (November 2020)",
                (
                    "Báo cáo các quyết định của các cuộc họp ASEAN khác kể từ Hội nghị những người đứng đầu nền "
                    "công vụ các nước ASEAN lần thứ 20 vào tháng 11/2020"
                ),
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
                (
                    "Measures supporting the civil service's response or adaptation to the new normal caused by "
                    "the COVID-19 pandemic"
                ),
                (
                    "Chia sẻ thông tin về các biện pháp để hỗ trợ phản ứng hoặc sự thích ứng của nền công vụ đối "
                    "với trạng thái bình thường mới do đại dịch COVID-19"
                ),
            ),
            (
                "Roadmap of Viet Nam's ACCSM 21 chairmanship (2021–2022)",
                "Lộ trình Chủ tịch ACCSM 21 của Việt Nam (2021-2022)",
                "MOHA Viet Nam",
                "Theme and roadmap noted: Meeting 2 in August 2021; the official events in Hanoi in August 2022.",
                (
                    "Ghi nhận chủ đề và lộ trình: Cuộc họp 2 vào tháng 8/2021; sự kiện chính thức tại Hà Nội vào "
                    "tháng 8/2022."
                ),
            ),
        ],
        **virtual,
    )
    meeting(
        demo,
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
            (
                "Meeting 2 of the roadmap (August 2021; the day is illustrative). Participants: focal points, "
                "senior officials and the ASEAN Secretariat."
            ),
            (
                "Cuộc họp 2 theo lộ trình (tháng 8 năm 2021). Thành phần: cán bộ đầu mối phụ trách ACCSM, SOM, "
                "Ban Thư ký ASEAN."
            ),
        ),
        **virtual,
    )
    meeting(
        demo,
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
    meeting(
        demo,
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
            (
                "The third of its kind under MOHA's action plan for the ASEAN Declaration on the Role of the "
                "Civil Service as a Catalyst for Achieving the ASEAN Community Vision 2025."
            ),
            (
                "Hội thảo thứ ba theo Kế hoạch hành động của Bộ Nội vụ thực hiện Tuyên bố ASEAN về vai trò của "
                "nền công vụ là chất xúc tác để đạt được Tầm nhìn Cộng đồng ASEAN 2025."
            ),
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
    meeting(
        demo,
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
    week = meeting(
        demo,
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
    meeting(
        demo,
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
    meeting(
        demo,
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
    meeting(
        demo,
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
    meeting(
        demo,
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
    meeting(
        demo,
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
    delegation(
        demo,
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
def load_accsm_22(demo: Demo) -> None:
    accsm22 = chairmanship(
        demo,
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
        "host_country": demo.states["BN"],
        "city": ("Bandar Seri Begawan", "Bandar Seri Begawan"),
        "invites_observers": True,
    }
    week = meeting(
        demo,
        "week22",
        accsm22,
        Meeting.Kind.CONFERENCE_WEEK,
        ("ACCSM 22 conference week, Bandar Seri Begawan", "Tuần hội nghị ACCSM 22 tại Bandar Seri Begawan"),
        at(BRUNEI, 2024, 8, 4, 9),
        at(BRUNEI, 2024, 8, 8, 17),
        BRUNEI,
        description=(
            (
                "Attended by heads and deputy heads, senior officials and experts of the civil service agencies "
                "of ASEAN, China, Japan, the Republic of Korea, Timor-Leste (observer) and the ASEAN Secretariat."
            ),
            (
                "Với sự tham dự của lãnh đạo, quan chức cấp cao và chuyên gia các cơ quan công vụ ASEAN, Trung "
                "Quốc, Nhật Bản, Hàn Quốc, Ti-mo Lét-xtê (quan sát viên) và Ban Thư ký ASEAN."
            ),
        ),
        invites_plus_three=True,
        **bsb,
    )
    meeting(
        demo,
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
                (
                    "ASEAN Network of Public Service Training Institutes (PSTI): report of the convenor 2023–2024 "
                    "and handover to Brunei Darussalam"
                ),
                (
                    "Mạng lưới các cơ sở đào tạo công vụ ASEAN (PSTI): báo cáo của nước điều phối 2023-2024 và "
                    "bàn giao cho Bru-nây Đa-rút-xa-lam"
                ),
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
    meeting(
        demo,
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
    meeting(
        demo,
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
    meeting(
        demo,
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
                (
                    "ASEAN Declaration on strengthening governments' strategies on mental health and well-being to "
                    "achieve work-life balance in the public sector"
                ),
                (
                    "Tuyên bố ASEAN về tăng cường chiến lược của chính phủ về sức khỏe tinh thần và hạnh phúc nhằm "
                    "đạt được cân bằng giữa công việc và cuộc sống trong khu vực công"
                ),
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
    meeting(
        demo,
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
    delegation(
        demo,
        "hcs22",
        "VN",
        [("Vu Chien Thang", "H.E.", "Vice Minister of Home Affairs", "head", "Ministry of Home Affairs")],
        status=Participant.Status.CONFIRMED,
    )


# --- ACCSM 23: Cambodia, from 2024 ---------------------------------------------------------------
def load_accsm_23(demo: Demo, *, term_end: dt.date) -> Chairmanship:
    """ACCSM 23 up to its first SOM; the rest of its term is illustrative (demo.future places it, and the
    term's end, relative to the day the demo is loaded)."""
    accsm23 = chairmanship(
        demo,
        23,
        "KH",
        "Ministry of Civil Service, Cambodia",
        "Bộ Công vụ Campuchia",
        dt.date(2024, 8, 8),
        term_end,
    )
    kh = demo.states["KH"]
    meeting(
        demo,
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
    return accsm23
