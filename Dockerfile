FROM python:3.11-slim

# The system, before any of the project: WeasyPrint draws the newsletter's PDF with Pango, and
# the tracker runs as a user of its own who may write only in /app/var.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home tracker \
    && install -d -o tracker /app/var

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    VAR_DIR=/app/var

WORKDIR /app
# The whole tree less what .dockerignore names, so a new app is in the image without a line here.
COPY . .
RUN bin/build-image

USER tracker
EXPOSE 8000
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
