"""Writes of the people app: ``accounts`` (invite, roles, deactivate), ``batches`` (accounts from
the registry, as a job) and ``registrations`` (self-registration approved by staff)."""
