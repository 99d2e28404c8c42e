"""Django settings for the channel tests when nothing configured them yet (pytest-django
off or not set up). Imported by the test_channel_* modules; not a conftest on purpose."""

import django
from django.conf import settings

if not settings.configured:
    settings.configure(
        DEBUG=False,
        SECRET_KEY="channel-tests-only",
        ALLOWED_HOSTS=["*"],
        USE_I18N=True,
        USE_TZ=True,
        LANGUAGE_CODE="vi",
        TIME_ZONE="Asia/Ho_Chi_Minh",
        INSTALLED_APPS=[],
        DATABASES={},
    )
    django.setup()
