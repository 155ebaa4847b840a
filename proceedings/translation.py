from modeltranslation.translator import TranslationOptions, register

from .models import ActionItem, Decision, ItemRecord, WrittenProcedure


@register(ItemRecord)
class ItemRecordTranslation(TranslationOptions):
    fields = ("summary",)


@register(Decision)
class DecisionTranslation(TranslationOptions):
    fields = ("text",)


@register(ActionItem)
class ActionItemTranslation(TranslationOptions):
    fields = ("description",)


@register(WrittenProcedure)
class WrittenProcedureTranslation(TranslationOptions):
    fields = ("title", "body")
