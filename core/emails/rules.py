"""Who may edit the e-mails' wording: ASEF staff."""

import rules

from core.roles import is_asef_staff

rules.add_perm("emails.edit_email_templates", is_asef_staff)
