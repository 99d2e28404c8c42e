from django.urls import path

from feedback import views

app_name = "feedback"

urlpatterns = [
    path("dg/<str:token>/", views.rate, name="rate"),
    path("danh-gia/", views.rate_inline, name="rate_inline"),
    path("danh-gia/cam-on/", views.thanks, name="thanks"),
    path("gop-y/", views.petition_new, name="petition"),
    path("gop-y/da-gui/", views.petition_sent, name="petition_sent"),
    path("ban-noi-phuong-lam/", views.public_answers, name="answers"),
]
