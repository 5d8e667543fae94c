"""My ClassNet for judges who are not teachers (outside experts): their judging shows there."""

import pytest
from django.urls import reverse

from tests.factories import AssignmentFactory, CycleJudgeFactory, JudgeFactory, StageFactory

pytestmark = pytest.mark.django_db


def test_an_outside_judge_sees_their_entries_to_score(client):
    judge = JudgeFactory()  # no teacher profile
    stage = StageFactory()
    AssignmentFactory(stage=stage, judge=CycleJudgeFactory(cycle=stage.cycle, user=judge))
    client.force_login(judge)

    body = client.get(reverse("teachers:dashboard")).content.decode()

    assert 'data-testid="judging-panel"' in body
    assert "1 entry to score" in body
    # The generic card is not shown beside the panel.
    assert 'id="judging"' not in body


def test_a_judge_without_a_cycle_gets_the_generic_card(client):
    client.force_login(JudgeFactory())

    body = client.get(reverse("teachers:dashboard")).content.decode()

    assert 'id="judging"' in body
    assert 'data-testid="judging-panel"' not in body
