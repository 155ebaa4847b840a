"""Writes that matter, one module per concern: registration (delegations and participants), schedule
(meetings and agendas). Views, the API, the admin and tasks call these; nothing else writes."""
