"""A Celery worker that kills itself with SIGKILL, as `kill -9` would, at one step of a
reminder run: python -m tests.faults.killable_worker STEP N -- <celery worker options>.

Steps: before-claim, after-claim (claimed and committed, nothing sent), after-mail (the Nth
mail handed to the server, not yet recorded as sent), after-marking (the Nth chunk recorded).
"""

import os
import signal
import sys

import django


def die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def install(step: str, n: int) -> None:
    from reminders import services

    calls = 0

    def counted(original):
        def wrapper(*args, **kwargs):
            nonlocal calls
            result = original(*args, **kwargs)
            calls += 1
            if calls == n:
                die()
            return result

        return wrapper

    if step == "before-claim":
        services.claim_all = lambda *args, **kwargs: die()
    elif step == "after-claim":
        services.send_digests = lambda report: die()
    elif step == "after-mail":
        services.deliver = counted(services.deliver)
    elif step == "after-marking":
        services.send_chunk = counted(services.send_chunk)
    else:
        raise SystemExit(f"unknown step {step!r}")


if __name__ == "__main__":
    step, n, *worker_options = sys.argv[1:]
    django.setup()
    install(step, int(n))
    from config.celery import app

    app.worker_main(["worker", *worker_options])
