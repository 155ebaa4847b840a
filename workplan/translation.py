from modeltranslation.translator import TranslationOptions, register

from .models import Initiative, PriorityArea, WorkPlan


@register(WorkPlan)
class WorkPlanTranslation(TranslationOptions):
    fields = ("title",)


@register(PriorityArea)
class PriorityAreaTranslation(TranslationOptions):
    fields = ("title",)


@register(Initiative)
class InitiativeTranslation(TranslationOptions):
    fields = ("title", "description")
