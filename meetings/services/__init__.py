"""Writes that matter, one module per concern: schedule (meetings and agendas), chairmanship. Views, the API,
the admin and tasks call these; nothing else writes. Registration's writes are registrations.services."""
