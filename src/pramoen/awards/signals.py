"""What the awards app tells the apps above it (judging), without importing them.

Receivers run synchronously, inside the sender's transaction: a receiver that fails rolls the
sender's write back too.
"""

from django.dispatch import Signal

# Staff confirmed an entry's eligibility screening.
# Arguments: entry (awards.Entry), eligible (bool), actor, reason (str: the failed checks, or "").
entry_screened = Signal()
