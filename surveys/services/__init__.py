"""Every write of the surveys app, one module per aggregate: surveys (set-up, opening,
reminding, closing), structure (sections and questions), answering (drafts and responses) and
invitations (the e-mails the tasks send)."""
