"""The conference pages, a module per part: public (the editions, applying, withdrawing), offers
(the waitlist offer's link), workshops, participants (staff list, check-in, certificate),
selection and staff (the staff area's editions and programme). Every view declares its access
(core.permissions); the rules are in conferences/rules.py. emails keeps the old addresses of the
e-mail texts' pages, which the general editor (core/emails) now serves."""
