"""Celery jobs: one module per job family, each task a few lines calling one service."""
