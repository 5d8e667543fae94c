"""Demo data for the network's research survey (issue 8).

Staff create, build, open and close the surveys through surveys.building's services; the
dates go back afterwards (demo.common.backdate). The same every time (random.Random(2024)) and
safe to run again.

The survey. "ASEM-wide survey on school leadership in the digital era" ran for six weeks and is
closed: anonymous, meant for all verified teachers, with 296 responses. The demo registers about
130 verified teachers, but the survey counts the answers of the wider network too (teachers of
the partner schools who are not registered in the demo): so every verified demo teacher has an
invitation, most of them marked answered (which is all an anonymous survey records about a
person), and the responses themselves carry only the country, region and school kind, drawn from
the demo's schools. A response rate is therefore read from the invitations, never from the
number of responses. A second survey, "Teachers' use of AI in the classroom", is a draft that
staff can open from the hub.
"""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from schools.models import School
from surveys.models import Answer, Choice, Question, Response, Survey
from surveys.services.structure import question_save, section_save
from surveys.services.surveys import survey_close, survey_create, survey_open
from teachers.models import User

from .common import backdate, staff_user

LEADERSHIP_TITLE = "ASEM-wide survey on school leadership in the digital era"
AI_TITLE = "Teachers' use of AI in the classroom"
RESPONSES = 296
ANSWERED_SHARE = 0.8  # of the invited demo teachers
LIKERT_LOW, LIKERT_HIGH = "Strongly disagree", "Strongly agree"

K = Question.Kind
# Sections of (title, description, questions); a question is (kind, text, required, extra):
# choices for single/multiple, (min, max) for numbers.
LEADERSHIP_SECTIONS = [
    (
        "You and your school",
        "A little about your work, so that answers can be compared.",
        [
            (
                K.SINGLE,
                "What is your role at school?",
                True,
                [
                    "Classroom teacher",
                    "Head of department or subject coordinator",
                    "Deputy head",
                    "Head of school",
                    "Other",
                ],
            ),
            (K.NUMBER, "How many years have you been teaching?", True, (0, 50)),
            (
                K.MULTIPLE,
                "Which digital tools does your school use for teaching?",
                True,
                [
                    "A learning management system",
                    "Video conferencing",
                    "Shared documents",
                    "A device for every student",
                    "Interactive whiteboards",
                    "AI assistants",
                ],
            ),
        ],
    ),
    (
        "Leadership in the digital era",
        "How far do you agree with each statement?",
        [
            (
                K.LIKERT,
                "Our school leadership has a clear vision for digital learning.",
                True,
                None,
            ),
            (
                K.LIKERT,
                "I receive enough professional development on digital teaching.",
                True,
                None,
            ),
            (K.LIKERT, "Teachers take part in decisions about digital tools.", True, None),
        ],
    ),
    (
        "Looking ahead",
        "",
        [
            (
                K.SINGLE,
                "What is the biggest obstacle to digital teaching at your school?",
                True,
                [
                    "Equipment",
                    "Internet connection",
                    "Time to prepare",
                    "Training",
                    "Data protection concerns",
                ],
            ),
            (
                K.NUMBER,
                "How many hours of training on digital teaching did you receive last year?",
                False,
                (0, 300),
            ),
            (K.SHORT_TEXT, "In a few words: what should school leaders do first?", False, None),
            (
                K.LONG_TEXT,
                "Describe a digital initiative at your school that you are proud of.",
                False,
                None,
            ),
        ],
    ),
]

AI_SECTIONS = [
    (
        "How you use AI today",
        "",
        [
            (
                K.SINGLE,
                "How often do you use AI tools to prepare lessons?",
                True,
                ["Never", "About once a month", "Every week", "Every day"],
            ),
            (
                K.MULTIPLE,
                "What do you use them for?",
                False,
                [
                    "Planning lessons",
                    "Feedback on students' work",
                    "Translation",
                    "Making exercises",
                    "Administrative tasks",
                ],
            ),
            (K.LIKERT, "I can tell when an AI tool's answer is wrong.", True, None),
        ],
    ),
    (
        "Your school's approach",
        "",
        [
            (
                K.SINGLE,
                "Does your school have a policy on AI in the classroom?",
                True,
                ["Yes", "It is being written", "No", "I don't know"],
            ),
            (K.LONG_TEXT, "What support would help you most?", False, None),
        ],
    ),
]

# Likert means by region (and a nudge for vocational schools on the first statement): Asian
# schools report a clearer vision from their leaders, European teachers more say in decisions.
LIKERT_MEANS = {
    "asia": [3.8, 3.1, 3.0],
    "europe": [3.3, 2.7, 3.7],
}
MULTIPLE_LIKELIHOOD = [0.7, 0.8, 0.9, 0.35, 0.55, 0.2]
OBSTACLE_WEIGHTS = {"asia": [4, 3, 3, 3, 1], "europe": [2, 1, 5, 3, 4]}
ROLE_WEIGHTS = [70, 14, 7, 4, 5]

FIRST_STEPS = [
    "Give teachers time to try things out",
    "Train us before buying new tools",
    "Ask teachers what they need",
    "A clear plan for the next three years",
    "Reliable Wi-Fi in every classroom",
    "Share what works between schools",
    "Protect students' data first",
    "Lead by example and use the tools themselves",
    "Fewer platforms, used well",
    "Time in the timetable for collaboration",
]
INITIATIVES = [
    "Our students run a weekly video call with a partner class in another country. They plan "
    "the agenda themselves and present their projects in English.",
    "We built a shared digital library of lesson plans in three languages. Any teacher can add "
    "to it, and new colleagues start from it.",
    "A group of older students trains the younger ones and their teachers in using the school's "
    "learning platform. It started small and now every class takes part.",
    "Students measure air quality around the school with simple sensors and publish the data "
    "online, comparing it with a school in Asia.",
    "Every Friday afternoon teachers meet for thirty minutes to show each other one digital "
    "tool they tried in class that week.",
    "Our vocational students repair donated laptops and give them to families who need one for "
    "homework.",
    "We wrote a short, clear policy on AI tools together with students and parents.",
]


def _add_sections(survey: Survey, sections: list, *, staff: User) -> list[Question]:
    """Staff build the survey: its sections and questions (surveys.building's services)."""
    questions = []
    for title, description, items in sections:
        section = section_save(survey=survey, title=title, description=description, by=staff)
        for kind, text, required, extra in items:
            questions.append(
                question_save(
                    by=staff,
                    section=section,
                    kind=kind,
                    text=text,
                    required=required,
                    choices=extra if kind in (K.SINGLE, K.MULTIPLE) else (),
                    scale_low_label=LIKERT_LOW if kind == K.LIKERT else "",
                    scale_high_label=LIKERT_HIGH if kind == K.LIKERT else "",
                    number_min=extra[0] if kind == K.NUMBER else None,
                    number_max=extra[1] if kind == K.NUMBER else None,
                )
            )
    return questions


def _likert(rng: random.Random, mean: float) -> int:
    return max(1, min(5, round(rng.gauss(mean, 0.95))))


def _answers_for(rng: random.Random, questions, choices, school: dict) -> tuple[list, list]:
    """One respondent's answers: Answer rows (unsaved) and, for multiple choice, the chosen
    Choice objects (a list beside each Answer, or None)."""
    region = school["country__region"]
    role, years, tools, *likerts, obstacle, hours, first_step, initiative = questions
    rows: list[tuple[Answer, list | None]] = []
    rows.append(
        (Answer(question=role, choice=rng.choices(choices[role.pk], ROLE_WEIGHTS)[0]), None)
    )
    rows.append((Answer(question=years, number=max(1, min(40, round(rng.gauss(14, 8))))), None))
    picked = [
        c for c, p in zip(choices[tools.pk], MULTIPLE_LIKELIHOOD, strict=True) if rng.random() < p
    ] or [choices[tools.pk][2]]
    rows.append((Answer(question=tools), picked))
    for index, question in enumerate(likerts):
        mean = LIKERT_MEANS[region][index]
        if index == 0 and school["kind"] == "vocational":
            mean -= 0.3
        rows.append((Answer(question=question, number=_likert(rng, mean)), None))
    rows.append(
        (
            Answer(
                question=obstacle,
                choice=rng.choices(choices[obstacle.pk], OBSTACLE_WEIGHTS[region])[0],
            ),
            None,
        )
    )
    if rng.random() < 0.85:
        mean_hours = 22 if region == "asia" else 16
        rows.append(
            (
                Answer(question=hours, number=max(0, min(120, round(rng.gauss(mean_hours, 10))))),
                None,
            )
        )
    if rng.random() < 0.3:
        rows.append((Answer(question=first_step, text=rng.choice(FIRST_STEPS)), None))
    if rng.random() < 0.08:
        rows.append((Answer(question=initiative, text=rng.choice(INITIATIVES)), None))
    return rows


def _seed_leadership(rng: random.Random, staff: User | None) -> None:
    now = timezone.now()
    opens_at = (now - datetime.timedelta(days=150)).replace(
        hour=8, minute=0, second=0, microsecond=0
    )
    closes_at = opens_at + datetime.timedelta(days=42)
    # Staff create it, build it and open it now (the invitations are written then), then it
    # closes; its dates go back to the six weeks it ran (demo.common.backdate).
    survey = survey_create(
        by=staff,
        title=LEADERSHIP_TITLE,
        introduction=(
            "How do schools across Asia and Europe lead the move to digital teaching? This "
            "survey asks teachers of the ClassNet network about their school's vision, their "
            "training and the obstacles they meet. It takes about ten minutes. Your answers are "
            "anonymous: nobody, staff included, can see who gave them."
        ),
        anonymous=True,
        audience=Survey.Audience.ALL,
        closes_at=now + datetime.timedelta(days=1),
    )
    questions = _add_sections(survey, LEADERSHIP_SECTIONS, staff=staff)
    survey_open(by=staff, survey=survey)
    choices: dict[int, list[Choice]] = {}
    for choice in Choice.objects.filter(question__section__survey=survey).order_by(
        "question__position", "position"
    ):
        choices.setdefault(choice.question_id, []).append(choice)

    # Invitations: every verified demo teacher; most answered, the rest were reminded.
    reminder = opens_at + datetime.timedelta(days=21)
    for invitation in survey.invitations.order_by("user__email"):
        answered_at = None
        if rng.random() < ANSWERED_SHARE:
            answered_at = opens_at + datetime.timedelta(minutes=rng.randrange(42 * 24 * 60))
        reminded = answered_at is None or answered_at > reminder
        backdate(
            invitation,
            invited_at=opens_at,
            reminded_at=reminder if reminded else None,
            answered_at=answered_at,
        )

    # Responses from the demo's schools, some countries answering more than others.
    schools = list(
        School.objects.filter(status=School.Status.VERIFIED)
        .order_by("country__code", "name")
        .values("country_id", "country__code", "country__region", "kind")
    )
    keenness = {
        code: rng.uniform(0.4, 2.0) for code in sorted({s["country__code"] for s in schools})
    }
    weights = [keenness[s["country__code"]] for s in schools]
    drawn = rng.choices(schools, weights, k=RESPONSES)
    # demo-direct: the responses are the wider network's, teachers with no account in the
    # demo (response_submit needs the respondent's account and invitation); anonymous, they
    # carry only country, region and school kind, as response_submit would write them.
    responses = Response.objects.bulk_create(
        Response(
            survey=survey,
            respondent=None,
            country_id=school["country_id"],
            region=school["country__region"],
            school_kind=school["kind"],
            submitted_at=opens_at + datetime.timedelta(minutes=rng.randrange(42 * 24 * 60)),
        )
        for school in drawn
    )
    if responses and responses[0].pk is None:  # a backend that returns no ids
        responses = list(survey.responses.order_by("pk"))

    rows = []
    for response, school in zip(responses, drawn, strict=True):
        for answer, picked in _answers_for(rng, questions, choices, school):
            answer.response = response
            rows.append((answer, picked))
    answers = Answer.objects.bulk_create([answer for answer, _picked in rows])
    if answers and answers[0].pk is None:
        answers = list(Answer.objects.filter(response__survey=survey).order_by("pk"))
    Through = Answer.choices.through
    Through.objects.bulk_create(
        Through(answer_id=answer.pk, choice_id=choice.pk)
        for answer, (_answer, picked) in zip(answers, rows, strict=True)
        for choice in picked or []
    )
    survey_close(by=staff, survey=survey)
    backdate(survey, opens_at=opens_at, closes_at=closes_at)


@transaction.atomic
def seed_surveys(editions: dict) -> None:
    """The closed leadership survey with its responses, and a draft to open (see the module)."""
    staff = staff_user()
    if not Survey.objects.filter(title=LEADERSHIP_TITLE).exists():
        _seed_leadership(random.Random(2024), staff)  # noqa: S311 - the same demo every time
    if not Survey.objects.filter(title=AI_TITLE).exists():
        survey = survey_create(
            by=staff,
            title=AI_TITLE,
            introduction=(
                "AI tools arrived in classrooms quickly. Tell us how you use them, what worries "
                "you and what would help. Five questions, anonymous."
            ),
            anonymous=True,
            audience=Survey.Audience.ALL,
        )
        _add_sections(survey, AI_SECTIONS, staff=staff)


# ---------------------------------------------------------------------------------------------
