"""Who takes part in ACCSM (DOMAIN.md, "Who takes part"), with the Vietnamese names of seed 003."""

from meetings.models import MemberState

G = MemberState.Group

# code, English, Vietnamese, group
MEMBER_STATES = [
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

# The member states with a demo focal point login (fp-vn for Viet Nam…): every one the demo invites.
FOCAL_POINT_STATES = ["BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "VN", "CN", "JP", "KR", "TL"]
