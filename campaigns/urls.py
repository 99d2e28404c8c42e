from django.urls import path

from campaigns import leader_views, views, webhooks

app_name = "campaigns"

urlpatterns = [
    path("l/<str:code>", views.link, name="link"),
    path("tu-choi/<str:code>/", views.opt_out, name="opt_out"),
    path("chien-dich/duyet/", leader_views.approvals, name="approvals"),
    path("chien-dich/duyet/<id:pk>/", leader_views.approval, name="approval"),
    path("chien-dich/ket-qua/<id:pk>/", leader_views.leader_results, name="leader_results"),
    # One view per kind of call; the channel's slug picks the plug-in that checks and parses it.
    path("webhooks/<slug:channel>/<str:key>/", webhooks.receipts, name="webhook"),
    path("webhooks/<slug:channel>/<str:key>/tin-den/", webhooks.inbound, name="webhook_inbound"),
]
