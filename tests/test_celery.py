"""A real worker process takes a task from the configured broker and sends the result back."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.worker

PRODUCER = """
import sys
import django
django.setup()
from config import celery_app
from tasks.health import ping
result = ping.apply_async(queue=sys.argv[1])
print(celery_app.conf.broker_url.split(":")[0], result.get(timeout=60))
"""


def broker_environment(broker: str, var_dir: Path) -> dict[str, str]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "VAR_DIR": str(var_dir)}
    env.pop("REDIS_URL", None)
    if broker == "redis":
        redis_url = os.environ.get("REDIS_URL")
        if not redis_url:
            pytest.skip("REDIS_URL is not set; .ci/run sets it to test the Redis broker")
        env["REDIS_URL"] = redis_url
    return env


@pytest.mark.parametrize(("broker", "scheme"), [("embedded", "filesystem"), ("redis", "redis")])
def test_a_real_worker_runs_a_task_through_the_configured_broker(broker, scheme, tmp_path):
    env = broker_environment(broker, tmp_path)
    # A queue of its own, so no other worker on the same Redis can take the task.
    queue = f"test-{uuid.uuid4().hex}"
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--pool=solo",
            "--queues",
            queue,
            "--without-gossip",
            "--without-mingle",
            "--loglevel=INFO",
        ],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        producer = subprocess.run(
            [sys.executable, "-c", PRODUCER, queue],
            cwd=settings.BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=90,
        )
    finally:
        worker.terminate()
        worker_log, _ = worker.communicate(timeout=30)
    assert producer.returncode == 0, producer.stderr + worker_log
    assert producer.stdout.split() == [scheme, "pong"]
    assert "tasks.health.ping" in worker_log and "succeeded" in worker_log
    # The embedded broker keeps every folder it makes under VAR_DIR, none in the working tree.
    assert not (Path(settings.BASE_DIR) / "control").exists()
