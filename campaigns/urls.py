from django.urls import path

from campaigns import leader_views, views, webhooks

app_name = "campaigns"

urlpatterns = [
    path("l/<str:code>", views.link, name="link"),
    path("tu-choi/<str:code>/", views.opt_out, name="opt_out"),
    path("chien-dich/duyet/", leader_views.approvals, name="approvals"),
    path("chien-dich/duyet/<int:pk>/", leader_views.approval, name="approval"),
    path("chien-dich/ket-qua/<int:pk>/", leader_views.leader_results, name="leader_results"),
    path("webhooks/twilio/<str:key>/", webhooks.twilio_status, name="webhook_twilio"),
    path(
        "webhooks/twilio/<str:key>/tin-den/", webhooks.twilio_inbound, name="webhook_twilio_inbound"
    ),
    path("webhooks/zalo/<str:key>/", webhooks.zalo_events, name="webhook_zalo"),
    path("webhooks/esms/<str:key>/", webhooks.esms_report, name="webhook_esms"),
]
