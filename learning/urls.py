from django.urls import path

from learning import media_views, views

app_name = "learning"

urlpatterns = [
    path("sw.js", media_views.service_worker, name="service_worker"),
    path("hoc/ngoai-tuyen/", views.offline, name="offline"),
    path("hoc/tim-kiem/", views.search, name="search"),
    path("hoc/tien-do/", views.progress, name="progress"),
    path("hoc/ma-bao-ve/", views.csrf_token, name="csrf_token"),
    path("hoc/bai/<int:lesson_id>/kiem-tra/", views.quiz_submit, name="quiz_submit"),
    path("hoc/bai/<int:lesson_id>/hoc-xong/", views.lesson_done, name="lesson_done"),
    path("hoc/toi-da-lam-duoc/", views.self_report, name="self_report"),
    path("hoc/chung-nhan/<int:topic_id>/", views.certificate, name="certificate"),
    path(
        "hoc/chung-nhan/<int:topic_id>/anh.png", views.certificate_image, name="certificate_image"
    ),
    path("hoc/video/<int:pk>/", media_views.video, name="video"),
    path("hoc/video/<int:pk>/<str:size>/", media_views.video, name="video_size"),
    path("hoc/phu-de/<int:pk>.vtt", media_views.video_captions, name="video_captions"),
]
