"""A Celery worker that kills itself with SIGKILL, as `kill -9` would, at one step of a
reminder run or of a newsletter sending: python -m tests.faults.killable_worker STEP N --
<celery worker options>.

Steps: before-claim (nothing claimed yet), after-claim (claimed and committed, nothing sent),
after-mail (the Nth mail handed to the server, not yet recorded as sent), after-marking (the
Nth mail's "sent" mark sent to the database, its answer not yet read). Both families' hooks
are set; a run reaches only its own.
"""

import os
import signal
import sys

import django


def die(*args, **kwargs) -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def counted(original, n: int):
    calls = 0

    def wrapper(*args, **kwargs):
        nonlocal calls
        result = original(*args, **kwargs)
        calls += 1
        if calls == n:
            die()
        return result

    return wrapper


def install(step: str, n: int) -> None:
    from django.core.mail import EmailMessage

    from common import mailing
    from reminders import services

    if step == "before-claim":
        services.claim_all = die  # the reminders to send
        mailing.claim_pending = die  # the newsletter deliveries to send
    elif step == "after-claim":
        services.send_digests = die
        mailing.claim_pending = counted(mailing.claim_pending, 1)
    elif step == "after-mail":
        EmailMessage.send = counted(EmailMessage.send, n)
    elif step == "after-marking":
        mailing.hand_over = counted(mailing.hand_over, n)
    else:
        raise SystemExit(f"unknown step {step!r}")


if __name__ == "__main__":
    step, n, *worker_options = sys.argv[1:]
    django.setup()
    install(step, int(n))
    from config.celery import app

    app.worker_main(["worker", *worker_options])
