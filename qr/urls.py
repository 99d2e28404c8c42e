from django.urls import path

from qr import views

app_name = "qr"

urlpatterns = [
    path("q/<str:code>", views.scan, name="scan"),
]
