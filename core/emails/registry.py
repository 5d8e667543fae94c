"""The registered e-mails: each app's `emails.py` calls register() with one Email per message.

An Email says what staff call it, when it goes, its placeholders (name -> what it becomes), its
default subject and text, how the sender's context becomes placeholder values, and a sample
context for the preview. `template` is the name the app's code sends it by
(send_templated_email(template="join_requested", ...)); where one name has two wordings (the
award results, won or not), `applies(context)` tells which one goes.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from django.utils.functional import Promise

Values = Callable[[Mapping], dict[str, str]]


def _no_options(options: Mapping[str, str]) -> dict:
    return {}


@dataclass(frozen=True)
class Email:
    key: str  # "<app>.<name>", e.g. "collaborations.join_requested"
    label: Promise | str
    when: Promise | str
    placeholders: Mapping[str, Promise | str]
    subject: Promise | str
    body: Promise | str
    values: Values  # the sender's context -> {placeholder: text}
    sample: Callable[[Mapping[str, str]], dict] = field(default=_no_options)
    # One sentence on whom the preview shows, for these options ("" for the plain sample).
    describe_sample: Callable[[Mapping[str, str]], str] = field(default=lambda options: "")
    template: str | None = None  # the name the app sends it by, if not the key itself
    applies: Callable[[Mapping], bool] | None = None
    group_label: Promise | str = ""  # the app, as staff see it ("Conferences")
    order: int = 100

    @property
    def group(self) -> str:
        return self.key.split(".", 1)[0]

    def placeholder_help(self) -> list[tuple[str, Promise | str]]:
        """("{name}", what it becomes) for each placeholder the e-mail may use."""
        return [(f"{{{name}}}", description) for name, description in self.placeholders.items()]

    def placeholder_values(self, context: Mapping) -> dict[str, str]:
        """The value of each of the e-mail's placeholders (empty where the context has none)."""
        values = self.values(context)
        return {name: str(values.get(name, "") or "") for name in self.placeholders}


_emails: dict[str, Email] = {}


def register(*emails: Email) -> None:
    """Add (or replace, when the module is imported again) e-mails to the registry."""
    for email in emails:
        if "." not in email.key:
            raise ValueError(f"an e-mail key is '<app>.<name>', not {email.key!r}")
        _emails[email.key] = email


def email(key: str) -> Email:
    """The registered e-mail; LookupError for one that is not registered."""
    try:
        return _emails[key]
    except KeyError:
        raise LookupError(f"no e-mail {key!r} is registered") from None


def registered() -> list[Email]:
    """Every e-mail, grouped by app in the order they were registered."""
    groups: dict[str, list[Email]] = {}
    for item in _emails.values():
        groups.setdefault(item.group, []).append(item)
    return [
        item
        for group in sorted(groups, key=lambda name: min(e.order for e in groups[name]))
        for item in sorted(groups[group], key=lambda e: e.order)
    ]


def for_template(name: str, context: Mapping) -> Email:
    """The e-mail the code's template name (or key) means, for this context."""
    candidates = [e for e in _emails.values() if name in (e.key, e.template)]
    for candidate in candidates:
        if candidate.applies is None or candidate.applies(context):
            return candidate
    raise LookupError(f"no e-mail is registered for the template {name!r}")


def known_placeholders(group: str) -> set[str]:
    """Every placeholder some e-mail of the app has (to tell "unknown" from "not here")."""
    return {name for e in _emails.values() if e.group == group for name in e.placeholders}
