"""Helpers every app shares: domain errors, the audit context, search, base models, languages."""
