"""What an edition tells the apps above it (which it must not import): its status changed.

Sent inside edition_set_status's transaction, with the edition locked; receivers (connected in
their AppConfig.ready) do their part in the same transaction."""

from django.dispatch import Signal

# sender=Edition; edition=, previous= and status= (the values of Edition.Status)
edition_status_changed = Signal()
