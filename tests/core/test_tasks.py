"""The house task convention: explicit names, keyword ids, sent after commit, sent by name."""

import pytest
from django.db import transaction

from core.tasks import TransactionAwareTask, enqueue, task

RAN: list[dict] = []


@task(name="tests.record")
def record(*, item_id: int) -> None:
    RAN.append({"item_id": item_id})


@pytest.fixture(autouse=True)
def _clear():
    RAN.clear()
    yield
    RAN.clear()


def test_a_task_declared_the_house_way_has_its_name_and_the_transaction_aware_base():
    assert record.name == "tests.record"
    assert isinstance(record, TransactionAwareTask)


@pytest.mark.django_db(transaction=True)
def test_sent_inside_a_transaction_it_runs_only_after_the_commit():
    with transaction.atomic():
        record.delay(item_id=1)
        assert RAN == []

    assert RAN == [{"item_id": 1}]


@pytest.mark.django_db(transaction=True)
def test_sent_inside_a_transaction_that_rolls_back_it_never_runs():
    def send_then_fail():
        with transaction.atomic():
            record.delay(item_id=1)
            raise RuntimeError

    with pytest.raises(RuntimeError):
        send_then_fail()

    assert RAN == []


def test_positional_ids_are_refused():
    with pytest.raises(TypeError, match="keyword arguments only"):
        record.delay(1)


@pytest.mark.django_db(transaction=True)
def test_enqueue_sends_a_task_by_its_name_after_commit():
    with transaction.atomic():
        enqueue("tests.record", item_id=7)
        assert RAN == []

    assert RAN == [{"item_id": 7}]


@pytest.mark.django_db
def test_enqueue_refuses_a_name_no_task_has():
    with pytest.raises(KeyError):
        enqueue("tests.no_such_task", item_id=1)


@pytest.mark.django_db(transaction=True)
def test_sent_outside_a_transaction_it_runs_at_once_and_gives_its_result():
    result = record.delay(item_id=3)

    assert RAN == [{"item_id": 3}]
    assert result is not None
    assert result.successful()


@pytest.mark.django_db(transaction=True)
def test_a_broker_outage_outside_a_transaction_is_logged_not_raised(monkeypatch, caplog):
    from celery import Task

    def broker_down(*args, **kwargs):
        raise ConnectionRefusedError("Connection refused")

    monkeypatch.setattr(Task, "apply_async", broker_down)

    assert record.delay(item_id=4) is None
    assert RAN == []
    assert "Could not send task tests.record" in caplog.text
