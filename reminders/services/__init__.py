"""Writes of the reminders app: planning (planner), sending (dispatcher), and the secretariat's changes
to rules and reminders (management)."""
