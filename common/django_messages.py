"""Django's and Django REST framework's own messages, and the audit trail's action names, in the portal's
Vietnamese.

Django ships Vietnamese for these, but some read wrongly ("Enter a whole number." as "Nhập một số tổng thể.",
"a whole-ish number") or in other words than the portal's ("email" where the portal says "thư điện tử",
"tập tin" for "tệp"). Listing the msgids here puts them in locale/vi/LC_MESSAGES/django.po, and LOCALE_PATHS
wins over Django's own catalogue. Django REST framework ships Vietnamese for only 21 of its messages, so the
API answered "Authentication credentials were not provided." to a Vietnamese client; django-auditlog ships
no Vietnamese at all.
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
# Its app and model in the admin ("log entry" is "Mục đăng nhập", a sign-in entry, in Django's Vietnamese).
AUDIT_ADMIN = (gettext_noop("Audit log"), gettext_noop("log entry"), gettext_noop("log entries"))
# The admin's header and title ("Trang quản trị cho Django").
ADMIN_SITE = (gettext_noop("Django administration"), gettext_noop("Django site admin"))

# Django REST framework: what an API client reads in an error's "message" and "fields".
API_MESSAGES = (
    gettext_noop("Authentication credentials were not provided."),
    gettext_noop("Incorrect authentication credentials."),
    gettext_noop("You do not have permission to perform this action."),
    gettext_noop('Method "{method}" not allowed.'),
    gettext_noop("Could not satisfy the request Accept header."),
    gettext_noop('Unsupported media type "{media_type}" in request.'),
    gettext_noop("Request was throttled."),
    # DRF translates these two one by one (gettext_lazy), then picks one: two entries, not a plural one.
    gettext_noop("Expected available in {wait} second."),
    gettext_noop("Expected available in {wait} seconds."),
    gettext_noop("Malformed request."),
    gettext_noop("Invalid input."),
    gettext_noop("A server error occurred."),
    gettext_noop("This field may not be blank."),
    gettext_noop("This field may not be null."),
    gettext_noop("A valid integer is required."),
    gettext_noop("A valid number is required."),
    gettext_noop("Not a valid string."),
    gettext_noop("Must be a valid boolean."),
    gettext_noop('"{input}" is not a valid choice.'),
    gettext_noop("Ensure this field has no more than {max_length} characters."),
    gettext_noop("Ensure this value is greater than or equal to {min_value}."),
    gettext_noop("Ensure this value is less than or equal to {max_value}."),
    gettext_noop("Date has wrong format. Use one of these formats instead: {format}."),
    gettext_noop("Datetime has wrong format. Use one of these formats instead: {format}."),
    gettext_noop("Expected a date but got a datetime."),
    gettext_noop("Expected a datetime but got a date."),
    gettext_noop("Incorrect type. Expected pk value, received {data_type}."),
    gettext_noop('Expected a list of items but got type "{input_type}".'),
    gettext_noop("This list may not be empty."),
    gettext_noop("Invalid data. Expected a dictionary, but got {datatype}."),
    gettext_noop("The submitted data was not a file. Check the encoding type on the form."),
    gettext_noop("Invalid page."),
)
