"""Settings of the web processes the load benchmark starts: the product's, as the environment
of docker-compose's web process makes them (bench.load sets DEBUG off), plus the baselines'
URLs (bench.api_urls)."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.api_urls"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
