"""The edition report's figures and tables, composed from the apps' own selectors.

A report composes those answers and never reaches into another app's internals (DESIGN.md):
every count below comes from conferences' and awards' selectors (their figures modules)
or awards.results, each one aggregate
(GROUP BY) query, so the cost does not grow with the number of teachers or collaborations.

Definitions (the PDF's notes repeat them):

- editions held: editions with status held or archived whose number is at most this one's
  (the editions organised up to and including it);
- participants: the edition's applications attended (checked in); when nobody was checked in on
  ClassNet, approved + attended. "About" N: rounded to the nearest 10 when 50 or more, exact
  below. Their countries are those of their schools;
- entries: the SUBMITTED entries of the edition's award cycle (drafts, withdrawn and
  disqualified left out); their distinct member schools, those schools' countries, the distinct
  member teachers (Membership.teacher), and students = the sum of the entries' student counts;
- initiated: public (non-draft) collaborations whose "initiated at" is this edition, "for" the
  year after the edition's; the headline counts those "initiated by Asian and European
  schools": the ones with member schools in both regions.
"""

from __future__ import annotations

import datetime
import zoneinfo
from dataclasses import dataclass, field

from django.contrib.humanize.templatetags.humanize import ordinal

from awards.models import AwardCycle
from awards.selectors.figures import cycle_of_edition
from awards.selectors.results import cycle_figures, winners_by_category
from conferences.models import Edition
from conferences.selectors import figures as conference_selectors
from conferences.selectors.editions import edition_figures as conference_edition_figures
from conferences.selectors.figures import earlier_edition_records
from schools.models import Region, SchoolKind

HEADLINE = (
    "{editions_held} editions organised; the {nth} ClassNet Conference, {dates}, {city}: "
    "about {participants_rounded} teachers from {participant_countries} ASEM partner countries; "
    "{entries} school collaborations organised by {entry_schools} schools from "
    "{entry_countries} countries contested for the ClassNet Awards, engaging {entry_teachers} "
    "teachers and {entry_students} students; {initiated_bi_regional} project collaborations "
    "initiated by Asian and European schools for {next_year}."
)

NO_AWARDS = "no school collaborations contested for the ClassNet Awards"
NOT_RECORDED = "Not recorded"

NOTES = [
    "Editions organised: editions held or archived, up to and including this one.",
    "Participants: teachers whose application was marked attended (checked in); when nobody was "
    "checked in on ClassNet, those approved or attended. 'About' rounds to the nearest 10 from "
    "50 upwards. Countries are those of the participants' schools.",
    "Returning participants: took part (approved or attended) in an earlier edition held; "
    "'not recorded' when no earlier edition has participant records on ClassNet, and counted "
    "from the first edition with records when only some have.",
    "Award entries: entries submitted to the edition's ClassNet Awards (drafts, withdrawn and "
    "disqualified entries left out); schools, countries and teachers are the distinct members "
    "of the entered collaborations; students are the sum of the entries' student counts.",
    "Collaborations initiated: public collaborations recorded as initiated at this edition; "
    "'by Asian and European schools': those of them with member schools in both regions.",
]


def number(value: int) -> str:
    """1110 -> "1,110"."""
    return f"{value:,}"


def about(value: int) -> int:
    """Rounded to the nearest 10 from 50 upwards (half up); exact below."""
    if value >= 50:
        return (value + 5) // 10 * 10
    return value


def dates(start: datetime.date, end: datetime.date) -> str:
    """ "27-30 November 2018", "30 November - 2 December 2018", "30 December 2018 - 2 January
    2019", "27 November 2018" for one day."""
    if start == end:
        return f"{start.day} {start:%B %Y}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}-{end.day} {end:%B %Y}"
    if start.year == end.year:
        return f"{start.day} {start:%B} - {end.day} {end:%B %Y}"
    return f"{start.day} {start:%B %Y} - {end.day} {end:%B %Y}"


@dataclass(frozen=True)
class Table:
    name: str  # sheet / section name, e.g. "Participants by country"
    columns: list[str]
    rows: list[list]
    empty: str = ""  # what to say when there are no rows


@dataclass
class EditionFigures:
    edition: Edition
    editions_held: int
    participants: int
    participant_countries: int
    returning: int
    has_cycle: bool
    entries: int
    entry_schools: int
    entry_countries: int
    entry_teachers: int
    entry_students: int
    initiated: int
    initiated_bi_regional: int
    by_country: list[dict] = field(default_factory=list)  # [{country, region, teachers}]
    # Earlier editions held, how many of them have participant records, the first that has.
    earlier_editions: int = 0
    earlier_recorded: int = 0
    first_recorded: int | None = None
    cycle: AwardCycle | None = None
    tables: list[Table] = field(default_factory=list)

    @property
    def next_year(self) -> int:
        return self.edition.starts_on.year + 1

    @property
    def returning_recorded(self) -> bool:
        """False when earlier editions were held but none has participant records: nobody can
        say who came back (the 14th after 13 editions held before the portal)."""
        return not self.earlier_editions or bool(self.earlier_recorded)

    @property
    def returning_share(self) -> str:
        if not self.returning_recorded:
            return NOT_RECORDED
        if not self.participants:
            return "0%"
        return f"{round(100 * self.returning / self.participants)}%"

    @property
    def returning_figure(self) -> str:
        """ "10 (10%)"; "Not recorded"; "10 (10%) since the 13th" when only the editions from
        the 13th have participant records."""
        if not self.returning_recorded:
            return NOT_RECORDED
        figure = f"{number(self.returning)} ({self.returning_share})"
        if self.earlier_recorded < self.earlier_editions and self.first_recorded:
            figure += f" since the {ordinal(self.first_recorded)}"
        return figure

    def sentence(self) -> str:
        """The headline, word for word HEADLINE; with no submitted entries (or no award cycle)
        its award clause says so instead of counting zeros."""
        edition = self.edition
        text = HEADLINE
        if not self.entries:
            start = text.index("{entries}")
            end = text.index("; {initiated_bi_regional}")
            text = text[:start] + NO_AWARDS + text[end:]
        return text.format(
            editions_held=number(self.editions_held),
            nth=ordinal(edition.number),
            dates=dates(edition.starts_on, edition.ends_on),
            city=edition.city,
            participants_rounded=number(about(self.participants)),
            participant_countries=number(self.participant_countries),
            entries=number(self.entries),
            entry_schools=number(self.entry_schools),
            entry_countries=number(self.entry_countries),
            entry_teachers=number(self.entry_teachers),
            entry_students=number(self.entry_students),
            initiated_bi_regional=number(self.initiated_bi_regional),
            next_year=self.next_year,
        )

    def key_figures(self) -> list[tuple[str, str]]:
        """(label, value) pairs for the summary."""
        awards = (
            [
                ("Award entries (submitted)", number(self.entries)),
                ("Schools in the entries", number(self.entry_schools)),
                ("Countries in the entries", number(self.entry_countries)),
                ("Teachers in the entries", number(self.entry_teachers)),
                ("Students in the entries", number(self.entry_students)),
            ]
            if self.has_cycle
            else [("ClassNet Awards", "No award cycle at this edition")]
        )
        return [
            ("Editions organised", number(self.editions_held)),
            ("Participants (teachers)", number(self.participants)),
            ("Participants' countries", number(self.participant_countries)),
            ("Returning participants", self.returning_figure),
            *awards,
            (f"Collaborations initiated for {self.next_year}", number(self.initiated)),
            ("Initiated by Asian and European schools", number(self.initiated_bi_regional)),
        ]


def _award_table(cycle) -> Table:
    rows = []
    if cycle is not None:
        for group in winners_by_category(cycle=cycle):
            for level in group["levels"]:
                for award in level["awards"]:
                    entry = award.entry
                    rows.append(
                        [
                            group["category"].name,
                            level["level"].name,
                            entry.collaboration.title,
                            "; ".join(s.name for s in entry.schools),
                            "; ".join(c.name for c in entry.countries),
                        ]
                    )
    if cycle is None:
        empty = "There was no ClassNet Awards cycle at this edition."
    elif not rows:
        empty = "No awards have been given in this edition's ClassNet Awards yet."
    else:
        empty = ""
    return Table(
        "Award results",
        ["Category", "Level", "Collaboration", "Schools", "Countries"],
        rows,
        empty,
    )


def edition_figures(edition: Edition, *, tables: bool = True) -> EditionFigures:
    """Every figure of the edition report, and its tables unless tables=False (see
    add_tables). A fixed number of aggregate queries, whatever the size of the network."""
    cs = conference_selectors
    by_country = cs.participants_by_country(edition=edition)
    cycle = cycle_of_edition(edition=edition)
    awards = cycle_figures(cycle=cycle) if cycle is not None else None
    earlier = earlier_edition_records(edition=edition)
    initiated = conference_edition_figures(edition=edition)
    figures = EditionFigures(
        edition=edition,
        editions_held=cs.editions_held_up_to(edition=edition),
        participants=sum(row["teachers"] for row in by_country),
        participant_countries=len({row["country"] for row in by_country}),
        returning=cs.returning_participants(edition=edition),
        has_cycle=cycle is not None,
        entries=awards.entries if awards else 0,
        entry_schools=awards.schools if awards else 0,
        entry_countries=awards.countries if awards else 0,
        entry_teachers=awards.teachers if awards else 0,
        entry_students=awards.students if awards else 0,
        initiated=initiated.collaborations,
        initiated_bi_regional=initiated.bi_regional,
        by_country=by_country,
        earlier_editions=earlier["earlier"],
        earlier_recorded=earlier["recorded"],
        first_recorded=earlier["first"],
        cycle=cycle,
    )
    if tables:
        add_tables(figures)
    return figures


def add_tables(figures: EditionFigures) -> EditionFigures:
    """Fill figures.tables: participants by country, region and school kind, returning
    participants, workshop sign-ups, check-ins per day, award results."""
    cs = conference_selectors
    edition = figures.edition
    regions = dict(Region.choices)
    kinds = dict(SchoolKind.choices)
    figures.tables = [
        Table(
            "Participants by country",
            ["Country", "Region", "Teachers"],
            [
                [r["country"], str(regions.get(r["region"], r["region"])), r["teachers"]]
                for r in figures.by_country
            ],
            "No participants recorded.",
        ),
        Table(
            "Participants by region",
            ["Region", "Countries", "Teachers"],
            [
                [str(regions.get(r["region"], r["region"])), r["countries"], r["teachers"]]
                for r in cs.participants_by_region(edition=edition)
            ],
            "No participants recorded.",
        ),
        Table(
            "Participants by school kind",
            ["School kind", "Teachers"],
            [
                [str(kinds.get(r["kind"], r["kind"])), r["teachers"]]
                for r in cs.participants_by_school_kind(edition=edition)
            ],
            "No participants recorded.",
        ),
        Table(
            "Returning participants",
            ["Participants", "Took part in an earlier edition", "Share"],
            [
                [
                    figures.participants,
                    figures.returning if figures.returning_recorded else NOT_RECORDED,
                    figures.returning_share,
                ]
            ],
        ),
        Table(
            "Workshop sign-ups",
            ["Session", "Kind", "Starts (local time)", "Sign-ups"],
            [
                [
                    r["title"],
                    r["kind"].replace("_", " ").capitalize(),
                    _local(r["starts_at"], edition).strftime("%d %b %Y %H:%M"),
                    r["signups"],
                ]
                for r in cs.workshop_signups_per_session(edition=edition)
            ],
            "No workshop sign-ups recorded.",
        ),
        Table(
            "Check-ins per day",
            ["Day", "Check-ins"],
            [
                [f"{r['day'].day} {r['day']:%B %Y}", r["checkins"]]
                for r in cs.checkins_per_day(edition=edition)
            ],
            "No check-ins recorded.",
        ),
        _award_table(figures.cycle),
    ]
    return figures


def _local(moment: datetime.datetime, edition: Edition) -> datetime.datetime:
    try:
        return moment.astimezone(zoneinfo.ZoneInfo(edition.time_zone))
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return moment
