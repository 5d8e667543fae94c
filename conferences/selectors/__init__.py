"""Reads of the conferences, a module per aggregate: editions, programme, applications,
selection, waitlist, participants, workshops, reminders, and figures (what reports compose).
Import from the module that defines the name."""
