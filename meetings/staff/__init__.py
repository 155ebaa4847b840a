"""The secretariat's workspace in the browser: dashboard, meetings, agendas, registrations, exports and
chairmanships, under /<lang>/secretariat/. Pages are thin: writes go through `meetings.services`."""
