"""Helpers for the admin tests: post back what an admin change form shows, and check a read-only admin."""

from __future__ import annotations

from django import forms
from django.urls import reverse
from django.utils import timezone


def form_data(response, *, zone=None) -> dict:
    """What a browser posts back from the admin page in `response` when nothing is touched: every field's
    value (date-times split as the admin's widgets split them, in `zone`) and each inline's management form."""
    form = response.context["adminform"].form
    data = {}
    with timezone.override(zone or timezone.get_current_timezone()):
        for name, field in form.fields.items():
            bound = form[name]
            value = bound.value()
            if isinstance(field.widget, forms.MultiWidget):
                parts = field.widget.decompress(value)
                for index, (widget, part) in enumerate(zip(field.widget.widgets, parts, strict=True)):
                    if part is not None:
                        data[f"{bound.html_name}_{index}"] = widget.format_value(part)
            elif value is None or value is False:
                continue
            elif isinstance(value, list | tuple):
                data[bound.html_name] = [str(item) for item in value]
            else:
                data[bound.html_name] = value
    for inline in response.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        data.update({management.add_prefix(key): value for key, value in management.initial.items()})
    return data


def admin_url(obj, view: str) -> str:
    """The admin's change, delete or history page of `obj`, or the add page of its model."""
    opts = obj._meta
    name = f"admin:{opts.app_label}_{opts.model_name}_{view}"
    return reverse(name) if view == "add" else reverse(name, args=[obj.pk])


def assert_read_only(client, obj) -> None:
    """The admin shows `obj` but offers no way to add, change or delete one: the pages' services own them."""
    page = client.get(admin_url(obj, "change"))
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert client.post(admin_url(obj, "change"), form_data(page)).status_code == 403
    assert client.get(admin_url(obj, "add")).status_code == 403
    assert client.get(admin_url(obj, "delete")).status_code == 403
    assert client.post(admin_url(obj, "delete"), {"post": "yes"}).status_code == 403
    assert type(obj)._default_manager.filter(pk=obj.pk).exists()
