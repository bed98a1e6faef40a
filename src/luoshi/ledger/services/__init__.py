"""The ledger's service layer: every operation the CLI and the portal offer.

Each mutating call takes the acting user, checks the policy in one place
(``policy.authorize``), writes an ``AuditEvent`` in the same transaction and
bumps the changed rows' version.
"""
