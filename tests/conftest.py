from contextlib import contextmanager

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, transaction

from projects.roles import ensure_officer_group

from .factories import UserFactory
from .world import World, build_world


@contextmanager
def refused_by_database():
    """Expect the database itself to refuse a write that skipped the model's validation.

    PostgreSQL refuses an over-long value as a DataError, SQLite by the CHECK constraint.
    """
    with pytest.raises((IntegrityError, DataError)), transaction.atomic():
        yield


@contextmanager
def refused_by_validation(field: str, words: str):
    """Expect full_clean() to refuse, on `field`, with a message containing `words`."""
    with pytest.raises(ValidationError) as refusal:
        yield
    messages = refusal.value.message_dict.get(field, [])
    assert any(words in message for message in messages), refusal.value.message_dict


@pytest.fixture
def officer(db):
    user = UserFactory(username="officer", is_staff=True)
    user.groups.add(ensure_officer_group())
    return user


@pytest.fixture
def world(db) -> World:
    """OWN, the project of `coordinator` and `partner`; OTHER, a project they are not in."""
    return build_world()


@pytest.fixture(autouse=True)
def fresh_limits():
    """Counters of rate limits kept in the cache start from zero in every test."""
    cache.clear()


@pytest.fixture
def queued_mail(monkeypatch):
    """Run the mail tasks a page queues at once, as a worker would; the list of calls says
    which tasks were queued with what."""
    from tasks.accounts import send_password_reset_mail
    from tasks.newsletters import send_confirmation_mail

    calls = []
    for task in (send_password_reset_mail, send_confirmation_mail):

        def run(args, task=task, **options):
            calls.append((task.name, tuple(args)))
            task.run(*args)

        monkeypatch.setattr(task, "apply_async", run)
    return calls
