"""Writes of registration: delegations and participants (`registration`), the letter of invitation template
(`letters`). Pages, the API, the admin and tasks call these; nothing else writes."""
