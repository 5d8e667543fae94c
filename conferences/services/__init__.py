"""Every write of the conferences, a module per aggregate: applications, editions (and their
programme), places (the one lock), waitlist, participants (check-in), workshops, reminders and
selection (the bulk decision). Import from the module that defines the name."""
