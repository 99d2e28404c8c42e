from django.contrib.auth import views as auth_views
from django.urls import path

from wards import views

app_name = "wards"

urlpatterns = [
    path("dang-nhap/", views.LoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(next_page="/"), name="logout"),
    path("vao/", views.landing, name="landing"),
]
