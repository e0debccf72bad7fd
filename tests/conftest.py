import uuid
from contextlib import contextmanager
from io import StringIO

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import DataError, IntegrityError, transaction
from django.utils import translation

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


@contextmanager
def kept_until_the_module_ends(django_db_blocker):
    """A transaction around what a module's tests share, rolled back after its last test.

    Each test runs in a savepoint of it, as any database test does, so what one test changes
    the next one does not see. The tests must use the database (`django_db` mark or `db`), but
    not with `transaction=True`: those commit, and what is shared this way never is. A module
    uses one such fixture at most.
    """
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo world, loaded once per module: loading it takes seconds."""
    with kept_until_the_module_ends(django_db_blocker):
        with django_db_blocker.unblock():
            call_command("load_demo", stdout=StringIO())
        yield


@pytest.fixture(scope="module")
def shared_world(django_db_setup, django_db_blocker) -> World:
    """`world`, built once for a module whose tests change only the database, never its objects."""
    with kept_until_the_module_ends(django_db_blocker):
        with django_db_blocker.unblock():
            built = build_world()
        yield built


MODULE_FIXTURES = {"demo", "shared_world"}


def uses_module_fixture(item: pytest.Item) -> bool:
    """True when the test uses one of the fixtures above (not a folder's own `demo`, as in e2e)."""
    fixtures = getattr(item, "_fixtureinfo", None)
    for name in MODULE_FIXTURES if fixtures else ():
        definitions = fixtures.name2fixturedefs.get(name)
        if definitions and definitions[-1].func.__module__ == __name__:
            return True
    return False


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_collection_modifyitems(items):
    """In each module, the tests on a module fixture run after the others, so that the others
    never see its rows (they stay from the first of those tests to the module's end).

    Done after every other plugin has ordered the tests (pytest-django, --failed-first).
    """
    yield
    ordered, start = [], 0
    for end in range(1, len(items) + 1):
        if end == len(items) or items[end].path != items[start].path:
            run = items[start:end]
            ordered += [item for item in run if not uses_module_fixture(item)]
            ordered += [item for item in run if uses_module_fixture(item)]
            start = end
    items[:] = ordered


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


@pytest.fixture(autouse=True)
def each_test_starts_in_the_default_language():
    """A request leaves its reader's language active on the thread, as a server's thread keeps it
    until its next request. Queryset writes of a translated field follow it (modeltranslation
    turns `update(title=…)` into the active language's column), so a test after a French
    reader's request would write the French version: each test starts in the original's."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def each_test_draws_its_own_pages(monkeypatch):
    """Kept pages are keyed on what they show, but a test may change what a page shows in ways
    no deployment does (a patched function, a setting): each test starts with none kept."""
    from common import page_cache

    stamp = uuid.uuid4().hex
    monkeypatch.setattr(page_cache, "code_stamp", lambda: stamp)
