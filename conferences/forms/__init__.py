"""Every input of the conferences, a module per aggregate: applications, editions (and their
programme), selection, participants, workshops, waitlist. Forms validate; services write.
(The e-mail texts' form is conferences/forms_emails.py.)"""
