from .base import *  # noqa: F403
from .base import Q_CLUSTER

DEBUG = False
SECRET_KEY = "test-only-not-secret"
ALLOWED_HOSTS = ["*"]
DEMO_ALLOWED = True
DEMO_HOUSEHOLDS_PER_AREA = 8
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tasks run in-process in tests unless a test starts a real cluster itself.
Q_CLUSTER = {**Q_CLUSTER, "sync": True}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Off in tests, so a test that changes a page sees it; tests of the cache turn it on.
ANONYMOUS_PAGE_CACHE_SECONDS = 0
PROVINCE_REPORT_CACHE_SECONDS = 0
