"""What every form of the portal shares with the services it calls."""

from django import forms

from .errors import DomainError
from .models import version_of


def add_domain_error(form: forms.Form, error: DomainError) -> None:
    """Show a service's refusal beside the field it names, or above the form."""
    form.add_error(error.field if error.field in form.fields else None, str(error.message))


class VersionedForm(forms.Form):
    """Mixed into an edit form: it carries the version of the row it was read at (`version_of`), so the
    service can refuse a save made over someone else's (common.errors.EditedMeanwhile). On that refusal
    the page shows the form again with what the user typed and the current version, so saving again
    after a look goes through."""

    version = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)  # a ModelForm's: `class EditForm(VersionedForm, forms.ModelForm)`
        instance = getattr(self, "instance", None)
        if not self.is_bound and instance is not None and instance.pk:
            self.initial["version"] = version_of(instance)

    def show_edited_meanwhile(self, error) -> None:
        self.data = self.data.copy()
        self.data["version"] = error.current_version
        add_domain_error(self, error)
