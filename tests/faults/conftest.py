import pytest

from tests.processes import MailSink, RedisServer


@pytest.fixture
def mail_sink():
    with MailSink() as sink:
        yield sink


@pytest.fixture
def redis_server(tmp_path):
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()
