from django.urls import path

from homeservice.views import api, public, staff

app_name = "homeservice"

urlpatterns = [
    path("nho-giup/", public.help_form, name="help"),
    path("doi/viec-nho/", staff.field, name="field"),
    path("doi/viec-nho/bang/", staff.board, name="board"),
    path("doi/viec-nho/<id:pk>/", staff.detail, name="detail"),
    path("doi/viec-nho/<id:pk>/giao/", staff.reassign, name="reassign"),
    path("api/viec-nho/sync", api.sync, name="sync"),
    path("doi/ho/<id:pk>/hoan-canh/", staff.vulnerability, name="vulnerability"),
    path(
        "doi/ho/<id:pk>/hoan-canh/<id:mark>/go/",
        staff.vulnerability_remove,
        name="vulnerability_remove",
    ),
]
