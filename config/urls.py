from django.conf import settings
from django.conf.urls.static import static
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.documents import urls as wagtaildocs_urls

from home.serving import serve as serve_page
from wards import views as ward_views

urlpatterns = [
    # One sign-in, one throttle: Wagtail's own login page is the same view as /dang-nhap/.
    path("admin/login/", ward_views.LoginView.as_view()),
    path(
        "admin/reports/site-history/",
        ward_views.province_only(LogEntriesView.as_view()),
    ),
    path(
        "admin/reports/site-history/results/",
        ward_views.province_only(LogEntriesView.as_view(results_only=True)),
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("wards.urls")),
    path("", include("learning.urls")),
    path("", include("qr.urls")),
    path("", include("teams.urls")),
    path("", include("campaigns.urls")),
    path("", include("stats.urls")),
    path("", include("homeservice.urls")),
    path("", include("assistant.urls")),
    path("", include("feedback.urls")),
    path("", include("home.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
else:
    # Media for a one-machine trial; a province deployment serves media from object storage.
    from django.views.static import serve

    urlpatterns += [path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]

urlpatterns += [
    *(pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"),
    # Wagtail's own pattern and name, so page URLs reverse as before; home.serving routes them.
    re_path(wagtail_urls.serve_pattern, serve_page, name="wagtail_serve"),
]

handler404 = "home.views.page_not_found"
handler500 = "home.views.server_error"
