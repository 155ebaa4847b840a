from modeltranslation.translator import TranslationOptions, register

from .models import DeclarationStep, Document


@register(Document)
class DocumentTranslation(TranslationOptions):
    fields = ("title",)


@register(DeclarationStep)
class DeclarationStepTranslation(TranslationOptions):
    fields = ("note",)
