from django.urls import path

from teams.api import api
from teams.views import field, leader, pwa

app_name = "teams"

urlpatterns = [
    path("doi/", field.today, name="today"),
    path("doi/ho/them/", field.household_add, name="household_add"),
    path("doi/ho/moi/", field.household_new, name="household_new"),
    path("doi/ho/<id:pk>/", field.household, name="household"),
    path("doi/ho/<id:pk>/them-nguoi/", field.resident_add, name="resident_add"),
    path("doi/hang-cho/", field.queue, name="queue"),
    path("doi/ngoai-tuyen/", field.offline, name="offline"),
    path("doi/sw.js", pwa.service_worker, name="service_worker"),
    path("doi/manifest.webmanifest", pwa.manifest, name="manifest"),
    path("doi/to-truong/", leader.leader, name="leader"),
    path("doi/to-truong/hen/<id:pk>/", leader.follow_up_update, name="follow_up_update"),
    path("doi/to-truong/xuat/", leader.export, name="export"),
    path("api/doi/", api.urls),
]
