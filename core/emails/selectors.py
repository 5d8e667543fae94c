from .models import EmailTemplate
from .registry import Email, registered


def current_text(email: Email) -> tuple[str, str, EmailTemplate | None]:
    """The subject and text the e-mail is sent with now: staff's, or the default."""
    template = EmailTemplate.objects.select_related("updated_by").filter(key=email.key).first()
    if template is not None:
        return template.subject, template.body, template
    return str(email.subject), str(email.body), None


def email_texts_overview() -> list[dict]:
    """Every registered e-mail for the staff list, grouped by app, each with staff's row if
    any (one query): [{"group", "label", "rows": [{"email", "template"}]}]."""
    templates = {t.key: t for t in EmailTemplate.objects.select_related("updated_by")}
    groups: list[dict] = []
    for email in registered():
        if not groups or groups[-1]["group"] != email.group:
            groups.append({"group": email.group, "label": email.group_label, "rows": []})
        groups[-1]["rows"].append({"email": email, "template": templates.get(email.key)})
    return groups
