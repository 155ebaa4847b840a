"""The reminder rules, by kind."""

from ..models import RuleKind
from .base import NothingToSend, Planned, RuleDefinition, Scope
from .digest import DailyDigest
from .meetings import DocumentsDue, MeetingApproaching, RegistrationDeadline
from .proceedings import ActionItemDue, ProcedureDeadline
from .workplan import WorkplanProgress

DEFINITIONS: dict[str, RuleDefinition] = {
    RuleKind.REGISTRATION_DEADLINE: RegistrationDeadline(),
    RuleKind.MEETING_APPROACHING: MeetingApproaching(),
    RuleKind.DOCUMENTS_DUE: DocumentsDue(),
    RuleKind.WORKPLAN_PROGRESS: WorkplanProgress(),
    RuleKind.DAILY_DIGEST: DailyDigest(),
    RuleKind.ACTION_ITEM_DUE: ActionItemDue(),
    RuleKind.PROCEDURE_DEADLINE: ProcedureDeadline(),
}

__all__ = ["DEFINITIONS", "NothingToSend", "Planned", "RuleDefinition", "Scope"]
