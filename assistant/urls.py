from django.urls import path

from assistant import views

app_name = "assistant"
urlpatterns = [
    path("tim-kiem/", views.search, name="search"),
    path("tim-kiem/khong-dung/", views.wrong, name="wrong"),
]
