from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .models import OutgoingEmail


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    list_display = ["subject", "recipients", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["status", "created_at"]
    search_fields = ["subject", "message_id"]
    date_hierarchy = "created_at"
    actions = ["requeue"]
    exclude = ["attachments"]  # base64 content: shown as file names instead

    def get_readonly_fields(self, request, obj=None):
        names = [field.name for field in self.model._meta.fields if field.name != "attachments"]
        return [*names, "attached_files"]

    @admin.display(description=_("attachments"))
    def attached_files(self, obj: OutgoingEmail) -> str:
        return ", ".join(
            f"{attachment['filename']} ({attachment['mimetype']})" for attachment in obj.attachments
        )

    def has_add_permission(self, request) -> bool:
        return False

    @admin.display(description=_("to"))
    def recipients(self, obj: OutgoingEmail) -> str:
        return ", ".join(obj.to)

    @admin.action(description=_("Try failed e-mails again"))
    def requeue(self, request, queryset):
        count = sum(
            services.email_requeue(email_id=pk) for pk in queryset.values_list("pk", flat=True)
        )
        self.message_user(
            request,
            ngettext("%d e-mail queued again.", "%d e-mails queued again.", count) % count,
            messages.SUCCESS,
        )
