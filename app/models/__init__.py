"""SQL models: tenants, users, memberships, tokens, invitation links, audit, job runs,
report artifacts, admission scenarios."""
from app.models.accounts import ApiToken, Membership, Role, User
from app.models.audit import AuditEvent
from app.models.health import StoreProbe
from app.models.invitation import Invitation, LinkKind
from app.models.jobs import JobRun, JobStatus, ReportArtifact
from app.models.scenario import Scenario
from app.models.tenant import Tenant

__all__ = ["ApiToken", "AuditEvent", "Invitation", "JobRun", "JobStatus", "LinkKind",
           "Membership", "ReportArtifact", "Role", "Scenario", "StoreProbe", "Tenant", "User"]
