from celery import shared_task


@shared_task(name="tasks.health.ping")
def ping() -> str:
    """Answer 'pong': lets a test or an operator prove a worker consumes from the broker."""
    return "pong"
