"""Django's own form messages, and the audit trail's action names, in the portal's Vietnamese.

Django ships Vietnamese for these, but some read wrongly ("Enter a whole number." as "Nhập một số tổng thể.",
"a whole-ish number") or in other words than the portal's ("email" where the portal says "thư điện tử",
"tập tin" for "tệp"). Listing the msgids here puts them in locale/vi/LC_MESSAGES/django.po, and LOCALE_PATHS
wins over Django's own catalogue. django-auditlog ships no Vietnamese at all: its action names are here too.
Nothing imports this module: makemessages reads it.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

FORM_MESSAGES = (
    gettext_noop("Enter a whole number."),
    gettext_noop("Enter a number."),
    gettext_noop("Enter a valid email address."),
    gettext_noop("Enter a valid URL."),
    gettext_noop("Enter a valid date."),
    gettext_noop("Enter a valid time."),
    gettext_noop("Enter a valid date/time."),
    gettext_noop("Enter a valid value."),
    gettext_noop("Ensure this value is less than or equal to %(limit_value)s."),
    gettext_noop("Ensure this value is greater than or equal to %(limit_value)s."),
    gettext_noop("Select a valid choice. That choice is not one of the available choices."),
    gettext_noop("Select a valid choice. %(value)s is not one of the available choices."),
    gettext_noop("No file was submitted."),
    gettext_noop("The submitted file is empty."),
    gettext_noop("No file was submitted. Check the encoding type on the form."),
    # What a database constraint says when no form checked the rule first (the forms should).
    gettext_noop("Constraint “%(name)s” is violated."),
    ngettext_lazy(
        "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
        "limit_value",
    ),
    ngettext_lazy(
        "Ensure this value has at least %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at least %(limit_value)d characters (it has %(show_value)d).",
        "limit_value",
    ),
)

# django-auditlog's LogEntry.Action labels, shown on the audit trail.
AUDIT_ACTIONS = (gettext_noop("create"), gettext_noop("update"), gettext_noop("delete"), gettext_noop("access"))
