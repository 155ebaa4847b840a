"""The three ASEAN declarations the seeds name, and each one's track as far as they tell it."""

import datetime as dt

from documents.models import DeclarationStep, Document

# English title, Vietnamese title, the key of its meeting (demo.history) or None, status.
DECLARATIONS = [
    (
        (
            "ASEAN Declaration on the Role of the Civil Service as a Catalyst for Achieving the ASEAN "
            "Community Vision 2025"
        ),
        "Tuyên bố ASEAN về vai trò của nền công vụ là chất xúc tác để đạt được Tầm nhìn Cộng đồng ASEAN 2025",
        None,
        Document.Status.ADOPTED,
    ),
    (
        "ASEAN Declaration on Promoting Civil Service's Response to New Challenges",
        "Tuyên bố ASEAN về thúc đẩy sự ứng phó của nền công vụ trước các thách thức mới",
        "prep21",
        Document.Status.CIRCULATED,
    ),
    (
        (
            "ASEAN Declaration on Strengthening Governments' Strategies on Mental Health and Well-being to "
            "Achieve Work-Life Balance in the Public Sector"
        ),
        (
            "Tuyên bố ASEAN về tăng cường chiến lược của chính phủ về sức khỏe tinh thần và hạnh phúc nhằm đạt "
            "được cân bằng giữa công việc và cuộc sống trong khu vực công"
        ),
        "hcs22",
        Document.Status.CIRCULATED,
    ),
]

# The declaration (its English title starts so), step, meeting key or None, date, note in English, in Vietnamese.
DECLARATION_STEPS = [
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
        (
            "Viet Nam (MOHA) reported on the drafting and an estimated timeline for approval by the heads of "
            "civil service agencies; the member states discussed it."
        ),
        (
            "Việt Nam (Bộ Nội vụ) báo cáo về việc xây dựng Tuyên bố và lộ trình dự kiến để những người đứng đầu "
            "cơ quan công vụ các nước ASEAN thông qua; các nước thành viên đã thảo luận."
        ),
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
        "Việt Nam tổ chức hội thảo tập huấn lần thứ ba theo Kế hoạch hành động của Bộ Nội vụ thực hiện Tuyên bố.",
    ),
]
