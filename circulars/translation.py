from modeltranslation.translator import TranslationOptions, register

from .models import Circular


@register(Circular)
class CircularTranslation(TranslationOptions):
    fields = ("subject", "body")
