"""Fixtures of the cycle pages' tests: the Tokyo edition, its draft cycle, a judge of it
and a client logged in as a role."""

import datetime

import pytest

from tests.factories import (
    AwardCycleFactory,
    CountryFactory,
    CriterionFactory,
    CycleJudgeFactory,
    EditionFactory,
)

from ._helpers import DESCRIPTORS


@pytest.fixture
def tokyo():
    return EditionFactory(
        number=18,
        title="ESD and AI",
        city="Tokyo",
        country=CountryFactory(code="JP"),
        time_zone="Asia/Tokyo",
        starts_on=datetime.date(2030, 11, 25),
        ends_on=datetime.date(2030, 11, 29),
        status="published",
    )


@pytest.fixture
def cycle(tokyo):
    cycle = AwardCycleFactory(edition=tokyo, status="draft", title="Awards 2030")
    CriterionFactory(cycle=cycle, name="Teamwork", descriptors=DESCRIPTORS, is_primary=True)
    return cycle


@pytest.fixture
def cycle_judge(cycle):
    return CycleJudgeFactory(cycle=cycle).user


@pytest.fixture
def as_role(client, request):
    def log_in(role):
        if role != "anonymous":
            client.force_login(request.getfixturevalue(role))
        return client

    return log_in
