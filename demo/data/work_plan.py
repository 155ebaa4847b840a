"""The ACCSM Work Plan 2021–2025 (priority area 5, civil service modernisation) as the seeds tell it, the
progress reported at the meetings they describe, and the post-2025 plan being drafted (seed 002: "the
development of the ACCSM Work Plan for the post-2025 period", SOM 22)."""

import datetime as dt

from workplan.models import Initiative

PLAN_2021 = {
    "title_en": "ACCSM Work Plan 2021–2025",
    "title_vi": "Kế hoạch làm việc ACCSM 2021-2025",
    "period_start": dt.date(2021, 1, 1),
    "period_end": dt.date(2025, 12, 31),
}
PRIORITY_AREA = {"number": 5, "title_en": "Civil service modernisation", "title_vi": "Hiện đại hóa nền công vụ"}

# English title, Vietnamese title, English description, Vietnamese description, lead, co-leads, status,
# (planned start, planned end), the key of the meeting that approved it (demo.history) or None.
INITIATIVES = [
    (
        "ASEAN Resource Centres",
        "Các trung tâm nguồn ASEAN",
        (
            "Resource centres hosted by member states, each on one area of civil service practice; "
            "implementation reported at SOM 21."
        ),
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
        (
            "Viet Nam convened the network in 2023–2024 and handed the convenor role to Brunei Darussalam at "
            "SOM 22 (August 2024)."
        ),
        (
            "Việt Nam là nước điều phối mạng lưới giai đoạn 2023-2024 và đã bàn giao cho Bru-nây Đa-rút-xa-lam "
            "tại SOM 22 (tháng 8/2024)."
        ),
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
        (
            "Supports ACCSM as a specialised body on cross-pillar issues of good governance, including "
            "anti-corruption. Drafted by the ASEAN Secretariat in 2021; discussed at SOM 21 in Hanoi (2022)."
        ),
        (
            "Hỗ trợ vai trò của ACCSM là cơ quan chuyên trách về các vấn đề quản trị tốt liên trụ cột, bao gồm "
            "phòng, chống tham nhũng."
        ),
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

# (initiative's English title, date, percent complete, what was reported) — at meetings the seeds describe.
PROGRESS = [
    (
        "ASEAN Resource Centres",
        dt.date(2021, 4, 8),
        30,
        "Implementation of the ASEAN Resource Centres updated at the SOM of ACCSM 21 (video conference).",
    ),
    (
        "ASEAN Resource Centres",
        dt.date(2022, 8, 3),
        55,
        "Resource centres reported on their activities at the SOM in Hanoi, the first in-person meeting in two years.",
    ),
    (
        "ASEAN Network of Public Service Training Institutes (PSTI)",
        dt.date(2024, 8, 5),
        70,
        (
            "Viet Nam, convenor for 2023–2024, reported on the network's activities at SOM 22 and handed the "
            "convenor role to Brunei Darussalam."
        ),
    ),
    (
        "Workshop: Sharing experience on IT application in civil service modernization",
        dt.date(2021, 8, 31),
        100,
        "Workshop held after Meeting 2 of ACCSM 21, open to ACCSM+3.",
    ),
]

# Carried over into the post-2025 draft; the ASEAN Resource Centres are left for the demo secretariat to
# carry over on the page.
CARRIED_OVER = "ASEAN Network of Public Service Training Institutes (PSTI)"
CARRIED_OVER_PLANNED = (dt.date(2026, 1, 1), dt.date(2027, 12, 31))

PLAN_POST_2025 = {
    "title_en": "ACCSM Work Plan 2026–2030 (post-2025)",
    "title_vi": "Kế hoạch làm việc ACCSM 2026–2030 (sau năm 2025)",
    "period_start": dt.date(2026, 1, 1),
    "period_end": dt.date(2030, 12, 31),
}
