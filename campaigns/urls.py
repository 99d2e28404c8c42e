from django.urls import path

from campaigns import leader_views, views, webhooks
from campaigns.offline import views as offline_views

app_name = "campaigns"

urlpatterns = [
    path("l/<str:code>", views.link, name="link"),
    path("tu-choi/<str:code>/", views.opt_out, name="opt_out"),
    path("t/<str:code>", offline_views.visit, name="offline_visit"),
    # Spoken over a loudspeaker: no prefix to say ("vào phuongso.vn/loa7").
    path("loa<id:number>", offline_views.spoken, name="offline_spoken"),
    path("chien-dich/duyet/", leader_views.approvals, name="approvals"),
    path("chien-dich/duyet/<id:pk>/", leader_views.approval, name="approval"),
    path("chien-dich/ket-qua/<id:pk>/", leader_views.leader_results, name="leader_results"),
    # One view per kind of call; the channel's slug picks the plug-in that checks and parses it.
    path("webhooks/<slug:channel>/<str:key>/", webhooks.receipts, name="webhook"),
    path("webhooks/<slug:channel>/<str:key>/tin-den/", webhooks.inbound, name="webhook_inbound"),
]
