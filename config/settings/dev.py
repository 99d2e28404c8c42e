from .base import *  # noqa: F403
from .base import env, env_list

DEBUG = env("DEBUG", "1") == "1"
SECRET_KEY = env("SECRET_KEY", "dev-only-not-secret-6f1b2c7e9a")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],*.localhost")
DEMO_ALLOWED = True
