"""The Vietnamese catalogue says each ACCSM term one way, as Viet Nam's Ministry of Home Affairs writes it
(../shared/seeds/003: "Hội nghị quan chức cấp cao (SOM)", "Ban Thư ký ASEAN", "đầu mối", "nền công vụ",
"Kế hoạch làm việc ACCSM"), and the same way in every app.

A catalogue entry merged from an older branch brings old wording back silently; these tests say which
entry and what it should say.
"""

import re

import pytest

from tests.untranslated import CATALOGUES, PLACEHOLDER, catalogue_entries

OURS = CATALOGUES[0]

# An English term in a msgid, and the Vietnamese its translation must use.
GLOSSARY = [
    (r"\bfocal points?\b", "đầu mối"),
    (r"\bdelegations?\b", "đoàn"),
    (r"\bASEAN Secretariat\b", "Ban Thư ký ASEAN"),
    (r"\bSenior Officials Meeting\b", "Hội nghị quan chức cấp cao"),
    (r"\bwork plans?\b", "kế hoạch làm việc"),
    (r"\bchairmanships?\b", "nhiệm kỳ"),
    (r"\bmember states?\b", "nước thành viên"),
    (r"\bcivil service\b", "công vụ"),
    (r"\bagendas?\b", "chương trình"),
    (r"\binitiatives?\b", "sáng kiến"),
    (r"\bpriority areas?\b", "lĩnh vực ưu tiên"),
    (r"\bNote Verbale\b", "công hàm"),
    (r"\bwaiting list\b", "danh sách chờ"),
    (r"\bhead of delegation\b", "trưởng đoàn"),
]
# Wording that must not come back, and what to write instead.
FORBIDDEN = [
    (r"quan chức cao cấp", "SOM: “Hội nghị quan chức cấp cao”"),
    (r"quốc gia thành viên", "member state: “nước thành viên”"),
    (r"kế hoạch công tác", "work plan: “Kế hoạch làm việc” (ACCSM Work Plan 2021–2025)"),
    (r"tiêu điểm|điểm đầu mối|điểm liên lạc", "focal point: “đầu mối”"),
    (r"phái đoàn", "delegation: “đoàn”"),
    (r"\bban thư ký\b", "secretariat: “Ban Thư ký” (capitalised)"),
    (r"(?i)\bbạn\b", "you: “anh/chị”, as everywhere else in the portal"),
    (r"(?i)tập tin", "file: “tệp”"),
    (r"(?i)\be-?mail\b", "email: “thư điện tử”"),
    (r"(?i)lấy ý kiến|lưu hành", "circulated: “đã phát hành”"),
    (
        r"(?i)(?<!q)(oá|oà|oả|oã|oạ|oé|oè|oẻ|oẽ|oẹ|uý|uỳ|uỷ|uỹ|uỵ)(?!\w)",
        "tone marks: “xóa”, “hóa”, “khóa” (as the seeds write “hiện đại hóa”)",
    ),
]
# A meeting in general is a "cuộc họp"; "hội nghị" belongs to the formal meetings' names only.
FORMAL = re.compile(
    r"(?i)hội nghị (quan chức cấp cao|những người đứng đầu|SOM|trực tuyến quan chức)|tuần hội nghị|hội nghị này đã quyết định"
)
FORMAL_IN_ENGLISH = re.compile(r"Senior Officials|SOM|Heads of Civil Service|HCS|conference week")


def listing(what: str, wrong: list[tuple[str, str]]) -> str:
    return what + ":\n" + "\n".join(f"  {msgid!r}\n    → {msgstr!r}" for msgid, msgstr in wrong)


def entries():
    return [(ids[0], " ".join(strs)) for ids, strs in catalogue_entries(OURS) if ids[0]]


# The navigation bar's group names (msgctxt "navigation"), short so that the bar holds on one line at 1280 px;
# the pages they open keep the glossary's full wording.
NAVIGATION_SHORT_LABELS = {("Work plan", "Kế hoạch"), ("Audit", "Nhật ký")}


@pytest.mark.parametrize(
    ("english", "vietnamese"), GLOSSARY, ids=[english.replace("\\b", "").replace("s?", "") for english, _ in GLOSSARY]
)
def test_each_term_has_one_vietnamese_wording(english, vietnamese):
    wrong = [
        (msgid, msgstr)
        for msgid, msgstr in entries()
        if (msgid, msgstr) not in NAVIGATION_SHORT_LABELS
        and re.search(english, PLACEHOLDER.sub("", msgid), re.IGNORECASE)
        and vietnamese.casefold() not in msgstr.casefold()
    ]
    assert wrong == [], listing(f"these translations should say “{vietnamese}”", wrong)


@pytest.mark.parametrize(("pattern", "instead"), FORBIDDEN, ids=[instead.split(":")[0] for _, instead in FORBIDDEN])
def test_no_translation_uses_a_wording_the_portal_dropped(pattern, instead):
    wrong = [(msgid, msgstr) for msgid, msgstr in entries() if re.search(pattern, PLACEHOLDER.sub("", msgstr))]
    assert wrong == [], listing(f"write {instead}", wrong)


def test_a_meeting_in_general_is_a_cuoc_hop():
    wrong = [
        (msgid, msgstr)
        for msgid, msgstr in entries()
        if re.search(r"(?i)\bmeetings?\b", msgid)
        and not FORMAL_IN_ENGLISH.search(msgid)
        and "hội nghị" in FORMAL.sub("", msgstr).casefold()
    ]
    assert wrong == [], listing(
        "a meeting in general is a “cuộc họp”; “hội nghị” only in a formal meeting's name", wrong
    )


# Entries corrected in review that no glossary rule covers. The .po merge driver keeps the merging branch's
# wording, so an older branch can silently bring the old one back: this names it. To reword one on purpose,
# change it here too.
REVIEWED = {
    "Postponed": "Đã hoãn",
    "Statement": "Bài phát biểu",
    "Revision": "Lần sửa đổi",
    "Online link": "Đường dẫn họp trực tuyến",
    "API and calendar feeds": "API và nguồn cấp lịch",
    "Approved": "Đã thông qua",
    "Completed": "Đã hoàn thành",
    "%(taken)s of %(allowance)s places": "%(taken)s/%(allowance)s suất",
    "%(field)s (Vietnamese)": "%(field)s (tiếng Việt)",
    # Emails to participants (often senior officials) say "Quý vị"; the pages, "anh/chị".
    "The secretariat has confirmed your participation in the meeting below.": (
        "Ban Thư ký đã xác nhận việc Quý vị tham dự cuộc họp dưới đây."
    ),
    "The focal point of %(country)s has registered you for the meeting below. The secretariat will confirm your "
    "participation.": (
        "Đầu mối của %(country)s đã đăng ký cho Quý vị tham dự cuộc họp dưới đây. Ban Thư ký sẽ xác nhận việc "
        "tham dự của Quý vị."
    ),
    "If any of this is wrong, please tell your country's focal point.": (
        "Nếu có thông tin nào chưa đúng, xin báo cho đầu mối của nước Quý vị."
    ),
    "Your registration for it needs no further action.": (
        "Quý vị không cần thực hiện thêm thao tác nào đối với đăng ký của mình."
    ),
    "Enter a whole number.": "Hãy nhập một số nguyên.",
    "Authentication credentials were not provided.": "Chưa gửi thông tin xác thực (mã truy cập API).",
    "log entry": "mục nhật ký",
}


def test_reviewed_translations_keep_their_wording():
    catalogue = dict(entries())
    assert {msgid: catalogue.get(msgid) for msgid in REVIEWED} == REVIEWED
