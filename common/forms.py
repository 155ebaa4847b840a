"""What every form of the portal shares with the services it calls."""

from django import forms

from .errors import DomainError


def add_domain_error(form: forms.Form, error: DomainError) -> None:
    """Show a service's refusal beside the field it names, or above the form."""
    form.add_error(error.field if error.field in form.fields else None, str(error.message))
