"""Settings for the test suite: the normal settings, faster hashing, plain static files."""

from ejcms.config.settings import *  # noqa: F403
from ejcms.config.settings import STORAGES

# The suite runs with the second factor required, as production does.
EJCMS_TWO_FACTOR = True
# The suite calls the API far faster than people do; tests/api/test_rate_limits.py sets the
# limits it checks.
EJCMS_API_RATE = "100000/min"
EJCMS_API_RATE_ANON = "100000/min"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# WhiteNoise serves from the finders in tests; an empty root keeps it from warning.
WHITENOISE_USE_FINDERS = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405

# A second alias on the test database, as a read replica is in production
# (EJCMS_DATABASE_REPLICA_URL): tests/core/test_db_router.py installs the router and checks
# that the statistics read through this connection. Without the router nothing uses it.
DATABASES = {
    **DATABASES,  # noqa: F405
    "replica": {**DATABASES["default"], "TEST": {"MIRROR": "default"}},  # noqa: F405
}
DATABASE_ROUTERS = []
