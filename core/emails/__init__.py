"""Every e-mail the portal sends: registered by its app, worded by staff or by default.

Each app declares its e-mails in `<app>/emails.py` (found like the admin's modules, when the
app registry is ready): a key such as "conferences.approved", what staff call it, when it goes,
its placeholders and default wording in the dumb {placeholder} language of `text.py`, how the
sender's context becomes placeholder values, and a sample for the preview. Staff may write their
own wording (an EmailTemplate row, edited under /staff/emails/); "reset" deletes the row.
"""
