"""Django settings for the poster rendering tests, imported by them (not a root conftest).

Under the project's pytest-django run the real settings (DJANGO_SETTINGS_MODULE) are
used. Run alone with ``-p no:django --noconftest`` the QR layer needs nothing but the
template engine, so minimal settings are configured here.
"""

import os

import django
from django.apps import apps
from django.conf import settings

TEMPLATE_DIR = "/work/main/qr/templates"

if not settings.configured and not os.environ.get("DJANGO_SETTINGS_MODULE"):
    settings.configure(
        TEMPLATES=[
            {
                "BACKEND": "django.template.backends.django.DjangoTemplates",
                "DIRS": [TEMPLATE_DIR],
            }
        ],
        INSTALLED_APPS=[],
        LANGUAGE_CODE="vi",  # as in production: catches floats localised as "10,5"
    )
if not apps.ready:
    django.setup()
