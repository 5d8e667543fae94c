from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class EmailTemplate(models.Model):
    """Staff's own wording of one registered e-mail; without a row the default text is used.

    Subject and body are plain text with placeholders such as {name} (the e-mail's app lists
    them in its emails.py); the HTML part is made from the text.
    """

    key = models.CharField(_("e-mail"), max_length=80, unique=True)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("text"), max_length=10000)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last edited by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("last edited"), auto_now=True)

    class Meta:
        ordering = ["key"]
        verbose_name = _("e-mail text")
        verbose_name_plural = _("e-mail texts")

    def __str__(self) -> str:
        return self.key
