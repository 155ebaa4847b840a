from modeltranslation.translator import TranslationOptions, register

from .models import AccreditationQuestion


@register(AccreditationQuestion)
class AccreditationQuestionTranslation(TranslationOptions):
    fields = ("text", "choices")
