FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    VAR_DIR=/app/var

WORKDIR /app
COPY pyproject.toml README.md ./
COPY config ./config
COPY common ./common
COPY partners ./partners
COPY projects ./projects
COPY deliverables ./deliverables
COPY meetings ./meetings
COPY tasks ./tasks
COPY manage.py ./
RUN pip install . \
    && DEBUG=false SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput \
    && useradd --create-home tracker && mkdir -p /app/var && chown -R tracker /app/var

USER tracker
EXPOSE 8000
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
