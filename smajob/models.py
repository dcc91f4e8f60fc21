"""Imports every feature's models so that metadata is complete (Alembic, create_all)."""

# ruff: noqa: F401
from smajob.accounts.models import LoginAttempt, PasswordResetToken, User, UserSession
from smajob.api.models import ApiRequestCount, ApiToken
from smajob.audit.models import AuditEvent
from smajob.billing.models import Invoice, InvoiceLine, InvoiceSequence
from smajob.businesses.models import Business
from smajob.candidates.models import (
    Candidate,
    CandidateEvent,
    MentoringContact,
    ReadinessCheck,
    ReadinessItem,
)
from smajob.content.models import Story
from smajob.hours.models import ConfirmLink, HoursEntry, HoursEvent, HoursReminder
from smajob.mail.models import OutboxMessage
from smajob.matching.models import MatchProposal, MatchRun, MatchWeights, PairExclusion
from smajob.municipalities.models import Municipality
from smajob.outcomes.models import Outcome
from smajob.payroll.models import PayrollLine, PayrollRun
from smajob.placements.models import Placement, PlacementTerms
from smajob.postcodes.models import Postcode
from smajob.rates.models import Rate
from smajob.results.models import (
    ClaimBatch,
    HoursRequirementRule,
    ResultClaim,
    WindowExtension,
)
from smajob.system.models import JobRun
from smajob.tasks.models import ListVersion, Task, TaskCategory, TaskEvent
