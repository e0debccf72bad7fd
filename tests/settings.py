"""Test-only overrides: fast password hashing and an isolated folder for what the run writes."""

import tempfile
from pathlib import Path

from config.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="tracker-test-media-"))
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
