"""What a collaboration tells the apps above it (which it must not import): its status changed.

Sent inside collaboration_set_status's transaction, with the collaboration locked; receivers
(connected in their AppConfig.ready) do their part in the same transaction."""

from django.dispatch import Signal

# sender=Collaboration; collaboration=, previous= and status= (the values of Collaboration.Status)
collaboration_status_changed = Signal()
