"""Settings of the web processes the load benchmark starts: production-like, plus the bare view
that serves as the baseline (bench.api_urls)."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.api_urls"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
CONN_MAX_AGE = 60
DATABASES["default"]["CONN_MAX_AGE"] = CONN_MAX_AGE  # noqa: F405
# No collectstatic in a scratch run: static URLs are plain, as with DEBUG on.
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
