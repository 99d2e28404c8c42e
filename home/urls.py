from django.urls import path

from home import views

app_name = "home"

urlpatterns = [
    path("ngon-ngu/<str:code>/", views.switch_language, name="switch_language"),
    path("favicon.ico", views.favicon, name="favicon"),
]
