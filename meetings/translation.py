from modeltranslation.translator import TranslationOptions, register

from .models import AgendaItem, Chairmanship, InvitationLetterTemplate, Meeting, MemberState


@register(MemberState)
class MemberStateTranslation(TranslationOptions):
    fields = ("name",)


@register(Chairmanship)
class ChairmanshipTranslation(TranslationOptions):
    fields = ("theme", "chairing_agency")


@register(Meeting)
class MeetingTranslation(TranslationOptions):
    fields = ("title", "theme", "description", "venue", "city")


@register(AgendaItem)
class AgendaItemTranslation(TranslationOptions):
    fields = ("title", "session", "room", "outcome")


@register(InvitationLetterTemplate)
class InvitationLetterTemplateTranslation(TranslationOptions):
    fields = ("letterhead", "place", "body", "signatory_name", "signatory_title")
