"""The Awards' e-mails (entries, judges, results), registered with core/emails: staff edit
their wording under /staff/emails/. The services send them by their template names
(send_templated_email(template="award_results", ...)); the results have two wordings, for a
winning entry and for the others."""

import datetime
import zoneinfo
from collections.abc import Mapping

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from collaborations.models import Collaboration
from core.emails.registry import Email, register
from core.emails.values import local, on_its_clock
from teachers.models import User

from .models import Award, AwardCategory, AwardCycle, AwardLevel, CycleJudge, Entry

GROUP = gettext_lazy("Awards")
DASHBOARD = "https://classnet.example/awards/judging/"
ZONE = zoneinfo.ZoneInfo("Asia/Tokyo")


def _entries(count: int) -> str:
    return ngettext("%(count)d entry", "%(count)d entries", count) % {"count": count}


def _sample_cycle() -> AwardCycle:
    return AwardCycle(title="ClassNet Awards 2030", judges_per_entry=3)


def _sample_entry() -> Entry:
    return Entry(
        cycle=_sample_cycle(),
        collaboration=Collaboration(title="Water in our cities"),
        category=AwardCategory(name="Science and the environment"),
    )


# --- entries ---------------------------------------------------------------------------------

ENTRY = {
    "name": gettext_lazy("the lead teacher's full name"),
    "collaboration": gettext_lazy("the entered collaboration's title"),
    "cycle": gettext_lazy("the award cycle, e.g. “ClassNet Awards 2030”"),
    "url": gettext_lazy("link to the entry"),
}


def _entry_values(context: Mapping) -> dict[str, str]:
    deadline = context.get("deadline")
    return {
        "name": context["teacher"].full_name,
        "collaboration": context["collaboration"].title,
        "cycle": str(context["cycle"]),
        "category": context["entry"].category.name,
        "until": (
            _("until %(deadline)s") % {"deadline": local(deadline, "j M Y, H:i T")}
            if deadline
            else _("while entries are open")
        ),
        "reason": context.get("reason", ""),
        "url": context.get("url", ""),
    }


def _entry_sample(options: Mapping[str, str]) -> dict:
    entry = _sample_entry()
    return {
        "entry": entry,
        "cycle": entry.cycle,
        "collaboration": entry.collaboration,
        "teacher": User(full_name="Aiko Tanaka", email="aiko@school.example"),
        "deadline": datetime.datetime(2030, 3, 31, 12, 0, tzinfo=datetime.UTC),
        "reason": "The evidence is copied from another project's report.",
        "url": "https://classnet.example/awards/entries/7/",
    }


# --- judges ----------------------------------------------------------------------------------


def _invited_values(context: Mapping) -> dict[str, str]:
    judge, inviter = context["judge"], context.get("inviter")
    return {
        "name": judge.user.full_name or "",
        "invited": (
            _("%(inviter)s invites you") % {"inviter": inviter} if inviter else _("You are invited")
        ),
        "cycle": str(context["cycle"]),
        "judges_per_entry": str(context["cycle"].judges_per_entry),
        "email": judge.user.email,
        "url": context.get("url", ""),
    }


def _invited_sample(options: Mapping[str, str]) -> dict:
    cycle = _sample_cycle()
    return {
        "judge": CycleJudge(
            cycle=cycle, user=User(full_name="Jonas Berg", email="jonas@x.example")
        ),
        "cycle": cycle,
        "inviter": User(full_name="Mira Staff", email="mira@asef.example"),
        "url": "https://classnet.example/awards/judging/invitations/sample-link/",
    }


def _assigned_values(context: Mapping) -> dict[str, str]:
    closes_at, opens_at, zone = context.get("closes_at"), context.get("opens_at"), context["zone"]
    if context.get("is_open"):
        scoring = _("Scoring is open now")
        if closes_at:
            scoring += _(" until %(when)s (%(zone)s time)") % {
                "when": on_its_clock(closes_at, "l j F Y, H:i"),
                "zone": zone,
            }
        scoring += "."
    else:
        scoring = _(
            "You can read the entries and the rubric now; scoring starts when the stage opens"
        )
        if opens_at:
            scoring += _(", planned for %(when)s") % {"when": on_its_clock(opens_at, "l j F Y")}
        scoring += "."
    return {
        "name": context["name"],
        "entries": _entries(context["count"]),
        "stage": str(context["stage"]),
        "cycle": str(context["cycle"]),
        "scoring": scoring,
        "url": context.get("url", ""),
    }


def _assigned_sample(options: Mapping[str, str]) -> dict:
    return {
        "name": "Jonas Berg",
        "cycle": "ClassNet Awards 2030",
        "stage": _("Shortlist"),
        "count": 4,
        "is_open": True,
        "opens_at": None,
        "closes_at": datetime.datetime(2030, 5, 15, 23, 59, tzinfo=ZONE),
        "zone": ZONE.key,
        "url": DASHBOARD,
    }


def _reminder_values(context: Mapping) -> dict[str, str]:
    return {
        "name": context["name"],
        "entries": _entries(context["remaining"]),
        "stage": str(context["stage"]),
        "cycle": str(context["cycle"]),
        "deadline": on_its_clock(context["deadline"], "l j F Y, H:i"),
        "deadline_day": on_its_clock(context["deadline"], "j F"),
        "zone": context["zone"],
        "url": context.get("url", ""),
    }


def _reminder_sample(options: Mapping[str, str]) -> dict:
    return {
        "name": "Jonas Berg",
        "cycle": "ClassNet Awards 2030",
        "stage": _("Shortlist"),
        "remaining": 2,
        "deadline": datetime.datetime(2030, 5, 15, 23, 59, tzinfo=ZONE),
        "zone": ZONE.key,
        "url": DASHBOARD,
    }


# --- results ---------------------------------------------------------------------------------

RESULTS = {
    "name": gettext_lazy("the lead teacher's full name"),
    "cycle": ENTRY["cycle"],
    "collaboration": ENTRY["collaboration"],
    "cycle_url": gettext_lazy("link to the winners"),
    "feedback_url": gettext_lazy("link to what the judges wrote for the entry"),
}


def _results_values(context: Mapping) -> dict[str, str]:
    award = context.get("award")
    return {
        "name": context.get("name") or "",
        "cycle": str(context["cycle"]),
        "collaboration": context["entry"].collaboration.title,
        "level": award.level.name if award else "",
        "citation": f'"{award.citation}"' if award and award.citation else "",
        "cycle_url": context.get("cycle_url", ""),
        "feedback_url": context.get("feedback_url", ""),
    }


def _results_sample(won: bool):
    def sample(options: Mapping[str, str]) -> dict:
        entry = _sample_entry()
        award = (
            Award(
                entry=entry,
                level=AwardLevel(name="Gold"),
                citation="A project that made a whole city look at its river.",
            )
            if won
            else None
        )
        return {
            "cycle": entry.cycle,
            "entry": entry,
            "name": "Aiko Tanaka",
            "award": award,
            "cycle_url": "https://classnet.example/awards/2030/",
            "feedback_url": "https://classnet.example/awards/entries/7/feedback/",
        }

    return sample


register(
    Email(
        key="awards.entry_submitted",
        template="award_entry_submitted",
        label=gettext_lazy("Entry received"),
        when=gettext_lazy("When a lead teacher submits a collaboration's entry."),
        placeholders={
            **ENTRY,
            "category": gettext_lazy("the entry's category"),
            "until": gettext_lazy(
                "how long it can still be changed: “until 31 Mar 2030, 12:00 UTC” or “while "
                "entries are open”"
            ),
        },
        subject=gettext_lazy('Entry received: "{collaboration}"'),
        body=gettext_lazy(
            "Dear {name},\n\n"
            'We received the entry of "{collaboration}" to the {cycle}, in the category '
            '"{category}".\n\n'
            "You can still edit it, add evidence or withdraw it {until}. After that, the judges "
            "score the entries and the results are published on the Awards page.\n\n"
            "Your entry: {url}\n\n"
            "The ClassNet team"
        ),
        values=_entry_values,
        sample=_entry_sample,
        group_label=GROUP,
        order=300,
    ),
    Email(
        key="awards.entry_disqualified",
        template="award_entry_disqualified",
        label=gettext_lazy("Entry disqualified"),
        when=gettext_lazy("When staff disqualify an entry, with their reason."),
        placeholders={**ENTRY, "reason": gettext_lazy("staff's reason")},
        subject=gettext_lazy('Your Awards entry: "{collaboration}"'),
        body=gettext_lazy(
            "Dear {name},\n\n"
            'ClassNet staff have disqualified the entry of "{collaboration}" to the {cycle}: it '
            "will not be judged.\n\n"
            "The reason:\n{reason}\n\n"
            "If you have questions, reply to this e-mail.\n\n"
            "Your entry: {url}\n\n"
            "The ClassNet team"
        ),
        values=_entry_values,
        sample=_entry_sample,
        group_label=GROUP,
        order=301,
    ),
    Email(
        key="awards.judge_invited",
        template="award_judge_invited",
        label=gettext_lazy("Invitation to judge"),
        when=gettext_lazy("When staff invite someone to judge a cycle."),
        placeholders={
            "name": gettext_lazy("the judge's full name (empty for a new account)"),
            "invited": gettext_lazy("“Mira Staff invites you”, or “You are invited”"),
            "cycle": ENTRY["cycle"],
            "judges_per_entry": gettext_lazy("how many judges score each entry"),
            "email": gettext_lazy("the address the judge signs in with"),
            "url": gettext_lazy("link to accept or decline"),
        },
        subject=gettext_lazy("Will you judge the {cycle}?"),
        body=gettext_lazy(
            "Hello {name},\n\n"
            "{invited} to judge the {cycle}: collaborations between classes in Asia and Europe "
            "compete for the ClassNet Awards, and each entry is scored by {judges_per_entry} "
            "judges on a shared rubric.\n\n"
            "Accept or decline here (sign in with {email}): {url}\n\n"
            "The ClassNet team"
        ),
        values=_invited_values,
        sample=_invited_sample,
        group_label=GROUP,
        order=310,
    ),
    Email(
        key="awards.judge_assigned",
        template="award_judge_assigned",
        label=gettext_lazy("Entries assigned to a judge"),
        when=gettext_lazy("When a judge is given entries to score in a stage."),
        placeholders={
            "name": gettext_lazy("the judge's full name"),
            "entries": gettext_lazy("how many entries, e.g. “4 entries” or “1 entry”"),
            "stage": gettext_lazy("the stage, e.g. “Shortlist”"),
            "cycle": ENTRY["cycle"],
            "scoring": gettext_lazy("a sentence on when scoring is open, on the edition's clock"),
            "url": gettext_lazy("link to the judging dashboard"),
        },
        subject=gettext_lazy("{entries} to judge in the {stage} of the {cycle}"),
        body=gettext_lazy(
            "Dear {name},\n\n"
            "The ClassNet team has assigned you {entries} to judge in the {stage} stage of the "
            "{cycle}.\n\n"
            "{scoring} Save drafts as you go; a scorecard counts once you submit it.\n\n"
            "If you cannot judge one of them fairly, declare the conflict of interest from your "
            "dashboard and we will give it to another judge.\n\n"
            "Your judging dashboard: {url}\n\n"
            "Thank you for judging the ClassNet Awards.\n\n"
            "The ClassNet team"
        ),
        values=_assigned_values,
        sample=_assigned_sample,
        group_label=GROUP,
        order=311,
    ),
    Email(
        key="awards.judge_reminder",
        template="award_judge_reminder",
        label=gettext_lazy("Reminder to a judge"),
        when=gettext_lazy(
            "Once, before a stage closes, to each judge with scorecards still to submit."
        ),
        placeholders={
            "name": gettext_lazy("the judge's full name"),
            "entries": gettext_lazy("how many entries are still to score, e.g. “2 entries”"),
            "stage": gettext_lazy("the stage, e.g. “Shortlist”"),
            "cycle": ENTRY["cycle"],
            "deadline": gettext_lazy("when the stage closes, e.g. “Wednesday 15 May 2030, 23:59”"),
            "deadline_day": gettext_lazy("the day it closes, e.g. “15 May”"),
            "zone": gettext_lazy("the edition's time zone, e.g. “Asia/Tokyo”"),
            "url": gettext_lazy("link to the judging dashboard"),
        },
        subject=gettext_lazy(
            "{entries} still to score for the {cycle} · {stage} closes {deadline_day}"
        ),
        body=gettext_lazy(
            "Dear {name},\n\n"
            "The {stage} stage of the {cycle} closes on {deadline} ({zone} time).\n\n"
            "You still have {entries} to score and submit. Drafts you saved are kept; a "
            "scorecard counts once it is submitted.\n\n"
            "Open my judging dashboard: {url}\n\n"
            "Thank you for judging the ClassNet Awards. If you cannot finish in time, please "
            "reply and tell us.\n\n"
            "The ClassNet team"
        ),
        values=_reminder_values,
        sample=_reminder_sample,
        group_label=GROUP,
        order=312,
    ),
    Email(
        key="awards.results_won",
        template="award_results",
        applies=lambda context: context.get("award") is not None,
        label=gettext_lazy("Results: the entry won"),
        when=gettext_lazy("When staff publish the results, to each winning entry's lead."),
        placeholders={
            **RESULTS,
            "level": gettext_lazy("the award won, e.g. “Gold”"),
            "citation": gettext_lazy("the jury's citation, in quotes (empty without one)"),
        },
        subject=gettext_lazy("Your collaboration won {level}: {cycle}"),
        body=gettext_lazy(
            "Dear {name},\n\n"
            "The results of the {cycle} are published.\n\n"
            'Congratulations: "{collaboration}" won {level}.\n'
            "{citation}\n\n"
            "The winners: {cycle_url}\n"
            "What the judges wrote for you: {feedback_url}\n\n"
            "The ClassNet team"
        ),
        values=_results_values,
        sample=_results_sample(won=True),
        group_label=GROUP,
        order=320,
    ),
    Email(
        key="awards.results_not_won",
        template="award_results",
        label=gettext_lazy("Results: the entry did not win"),
        when=gettext_lazy("When staff publish the results, to the lead of every other entry."),
        placeholders=RESULTS,
        subject=gettext_lazy("The results of the {cycle}"),
        body=gettext_lazy(
            "Dear {name},\n\n"
            "The results of the {cycle} are published.\n\n"
            '"{collaboration}" is not among the winners this time. Thank you for entering.\n\n'
            "The winners: {cycle_url}\n"
            "What the judges wrote for you: {feedback_url}\n\n"
            "The ClassNet team"
        ),
        values=_results_values,
        sample=_results_sample(won=False),
        group_label=GROUP,
        order=321,
    ),
)
