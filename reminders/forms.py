from django import forms
from django.utils.translation import gettext_lazy as _

from common.forms import VersionedForm

from .models import ReminderRule, RuleKind
from .services.management import InvalidOffsets, clean_days_before


class DaysBeforeField(forms.CharField):
    """Days before as the form shows them ("7, 1") and as the database keeps them ([7, 1])."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 100)
        kwargs.setdefault("help_text", _("Whole days before the date, separated by commas, e.g. 7, 1."))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(str(day) for day in value)
        return value

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            return clean_days_before(part for part in value.replace(";", ",").split(",") if part.strip())
        except InvalidOffsets as error:
            raise forms.ValidationError(error.message) from None


class RuleForm(VersionedForm):
    days_before = DaysBeforeField(label=_("Days before"), required=True)
    interval_days = forms.IntegerField(
        label=_("Remind when the last progress update is older than (days)"), min_value=1, max_value=3650
    )
    send_time = forms.TimeField(
        label=_("Time of day"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=_("In the venue's time zone for meeting reminders; in the secretariat's (%(tz)s) for the others."),
    )
    is_paused = forms.BooleanField(label=_("Paused (no reminders of this kind are sent)"), required=False)

    def __init__(self, *args, rule: ReminderRule, time_zone: str, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "days_before": rule.days_before,
                "interval_days": rule.interval_days,
                "send_time": rule.send_time,
                "is_paused": rule.is_paused,
            },
        )
        super().__init__(*args, read_at=rule, **kwargs)
        self.fields["send_time"].help_text = self.fields["send_time"].help_text % {"tz": time_zone}
        if not rule.uses_days_before:
            del self.fields["days_before"]
        if not rule.uses_interval:
            del self.fields["interval_days"]
        elif rule.kind == RuleKind.ACTION_ITEM_DUE:
            self.fields["interval_days"].label = _("After the due date, remind again every (days)")


class MeetingRuleForm(VersionedForm):
    days_before = DaysBeforeField(
        label=_("Days before, for this meeting"),
        required=False,
        help_text=_("Leave empty to use the rule's days (%(days)s)."),
    )
    is_paused = forms.BooleanField(label=_("Paused for this meeting"), required=False)

    def __init__(self, *args, rule: ReminderRule, setting=None, **kwargs):
        kwargs.setdefault("prefix", rule.kind)
        kwargs.setdefault(
            "initial",
            {
                "days_before": setting.days_before if setting else None,
                "is_paused": setting.is_paused if setting else False,
            },
        )
        super().__init__(*args, read_at=setting, **kwargs)  # none yet: the rule's days, nothing to overwrite
        self.rule = rule
        field = self.fields["days_before"]
        field.help_text = field.help_text % {"days": ", ".join(str(day) for day in rule.days_before)}
