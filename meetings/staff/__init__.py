"""The secretariat's workspace in the browser: dashboard, meetings, agendas and chairmanships, under
/<lang>/secretariat/ (a meeting's registrations and exports are registrations.staff, in the same namespace).
Pages are thin: writes go through `meetings.services`."""
