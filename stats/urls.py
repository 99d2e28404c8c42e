from django.urls import path

from stats import views

app_name = "stats"

urlpatterns = [
    path("thong-ke/", views.dashboard, name="dashboard"),
    path("thong-ke/bao-cao.xlsx", views.xlsx, name="xlsx"),
    path("thong-ke/tom-tat.pdf", views.pdf, name="pdf"),
    path("thong-ke/phuong/<slug:slug>/", views.ward, name="ward"),
    path("thong-ke/phuong/<slug:slug>/bao-cao.xlsx", views.xlsx, name="ward_xlsx"),
    path("thong-ke/phuong/<slug:slug>/tom-tat.pdf", views.pdf, name="ward_pdf"),
]
