from tests.meetings.staff.conftest import chairmanship, staff_client  # noqa: F401  (the secretariat's fixtures)
