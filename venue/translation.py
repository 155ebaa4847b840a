from modeltranslation.translator import TranslationOptions, register

from .models import CertificateSignatory


@register(CertificateSignatory)
class CertificateSignatoryTranslation(TranslationOptions):
    fields = ("signatory_title",)
