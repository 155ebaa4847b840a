"""The admin is not a second write path: a model whose changes carry rules is either read-only there or
written through its app's service, exactly as from the portal's own pages.

- `ReadOnlyAdminMixin` / `ReadOnlyInlineMixin`: shown, never added, changed or deleted (a POST is a 403).
- `ServiceAdminMixin`: `save_model` and `delete_model` call the admin's `service_save` / `service_delete`,
  which call the service with the signed-in user as the actor. A service's refusal (`DomainError`) is shown
  on the admin's form beside the field it names, with what was typed; a refused delete is a message on the
  change form. Never a 500.
"""

from __future__ import annotations

from django.contrib import messages
from django.db import models
from django.http import HttpResponseRedirect
from django.urls import reverse

from .errors import DomainError
from .forms import add_domain_error

_REFUSAL = "_accsm_admin_refusal"


class ReadOnlyAdminMixin:
    """For a ModelAdmin: the rows are changed only by the portal's services."""

    actions = None

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInlineMixin(ReadOnlyAdminMixin):
    """For an InlineModelAdmin: history or parts of the parent that its services write."""

    extra = 0
    can_delete = False

    def get_readonly_fields(self, request, obj=None):
        # Every listed field, so that non-editable ones (timestamps, the uploader) can be listed too.
        return (*super().get_readonly_fields(request, obj), *(self.fields or ()))


class _Refused(Exception):
    def __init__(self, error: DomainError):
        self.error = error
        super().__init__(str(error.message))


class ServiceAdminMixin:
    """For a ModelAdmin whose saves and deletes go through the app's services.

    Subclasses define `service_save(request, obj, form, change)` (returning the saved row) and, where deleting
    is allowed, `service_delete(request, obj)`. Bulk deletion is not offered: each delete asks the service.
    """

    def service_save(self, request, obj: models.Model, form, change: bool) -> models.Model:
        raise NotImplementedError

    def service_delete(self, request, obj: models.Model) -> None:
        raise NotImplementedError

    def save_model(self, request, obj, form, change):
        try:
            saved = self.service_save(request, obj, form, change)
        except DomainError as error:
            raise _Refused(error) from None
        if saved is not None and saved is not obj:
            # The admin goes on with its own instance (change message, redirect): give it the saved row's id.
            obj.pk, obj._state.adding, obj._state.db = saved.pk, False, saved._state.db

    def delete_model(self, request, obj):
        self.service_delete(request, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def get_deleted_objects(self, objs, request):
        # The service decides what may be deleted (and deletes what goes with it), not the related models' admins.
        deleted, counts, _perms_needed, protected = super().get_deleted_objects(objs, request)
        return deleted, counts, set(), protected

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        refusal = getattr(request, _REFUSAL, None)
        if refusal is None:
            return form

        class RefusedForm(form):
            def clean(self):
                cleaned_data = super().clean()
                add_domain_error(self, refusal)
                return cleaned_data

        RefusedForm.__name__ = form.__name__
        return RefusedForm

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        """A refused save rolls back (the admin's transaction) and the view runs again on the same POST, now
        with the service's refusal as the form's error, so the page shows what was typed and why it was refused."""
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except _Refused as refused:
            setattr(request, _REFUSAL, refused.error)
            return super().changeform_view(request, object_id, form_url, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        try:
            return super().delete_view(request, object_id, extra_context)
        except DomainError as error:
            self.message_user(request, str(error.message), level=messages.ERROR)
            opts = self.opts
            return HttpResponseRedirect(
                reverse(f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_change", args=[object_id])
            )
