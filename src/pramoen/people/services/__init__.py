"""Writes of the people app: ``accounts`` (invite, roles, deactivate), ``batches`` (accounts from
the registry, as a job), ``registrations`` (self-registration approved by staff) and
``mail_templates`` (an ESA's own e-mail texts)."""
