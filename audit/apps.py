from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The entry's own timestamp says when; the record's timestamps would only repeat it in every change.
UNTRACKED_FIELDS = ("created_at", "updated_at")


def reverse_relation_names(model) -> list[str]:
    return [field.name for field in model._meta.get_fields() if field.auto_created and not field.concrete]


class AuditConfig(AppConfig):
    """Pages over django-auditlog's trail: the secretariat's browser and a focal point's country view."""

    name = "audit"
    verbose_name = _("Audit trail")

    def ready(self):
        from auditlog.registry import auditlog

        from . import receivers  # noqa: F401

        # auditlog would record reverse relations ("participants: meetings.Participant.None") in every
        # created or deleted record, and the timestamps in every change. Each app registers its models in its own ready(); this app comes last
        # in INSTALLED_APPS and registers them again without those (tests/audit checks every model).
        for model in auditlog.get_models():
            options = auditlog.get_model_fields(model)
            exclude = sorted({*options["exclude_fields"], *reverse_relation_names(model), *UNTRACKED_FIELDS})
            auditlog.register(
                model,
                include_fields=options["include_fields"],
                exclude_fields=exclude,
                mapping_fields=options["mapping_fields"],
                mask_fields=options["mask_fields"],
                mask_callable=options["mask_callable"],
                m2m_fields=auditlog._registry[model]["m2m_fields"],  # not in get_model_fields()
                **auditlog.get_serialize_options(model),
            )
