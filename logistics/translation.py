from modeltranslation.translator import TranslationOptions, register

from .models import Hotel


@register(Hotel)
class HotelTranslation(TranslationOptions):
    fields = ("name", "address")
