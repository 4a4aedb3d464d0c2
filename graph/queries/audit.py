"""Audit events written inside the change's own transaction (the outbox mirrored to SQL)."""

CREATE_AUDIT_EVENT = """
MERGE (e:AuditEvent {tenant: $tenant, key: $key})
SET e += $props
"""

LIST_AUDIT_OUTBOX = """
MATCH (e:AuditEvent {tenant: $tenant})
RETURN e {.*} AS event
ORDER BY e.at, e.key
LIMIT $limit
"""

DELETE_AUDIT_EVENTS = """
MATCH (e:AuditEvent {tenant: $tenant})
WHERE e.key IN $keys
DELETE e
"""
