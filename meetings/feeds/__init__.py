"""The schedule as feeds: iCalendar (/calendar/…ics, `ical` and `views`, URLs in `urls`, namespace
`calendar`) and the Atom feed of changes (/api/v1/changes.atom, `atom`, routed in accsm_portal/api_urls.py)."""
