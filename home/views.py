import functools

from django.conf import settings
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # Rendered without context processors: the failure may be the database itself.
    return HttpResponseServerError(loader.get_template("500.html").render({}))


def switch_language(request, code):
    """A plain link switches language: no form, so public pages carry no CSRF cookie and cache well."""
    from django.conf import settings
    from django.http import HttpResponseRedirect
    from django.utils.http import url_has_allowed_host_and_scheme

    next_url = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if code in dict(settings.LANGUAGES):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME, code, max_age=365 * 24 * 3600, samesite="Lax"
        )
    return response


@functools.cache
def _favicon_bytes() -> bytes:
    return (settings.BASE_DIR / "site" / "static" / "favicon.ico").read_bytes()


def favicon(request):
    """Browsers ask for /favicon.ico at the root whatever the page says; answer, cached a day."""
    response = HttpResponse(_favicon_bytes(), content_type="image/x-icon")
    response["Cache-Control"] = "public, max-age=86400"
    return response
