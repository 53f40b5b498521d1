from django.urls import path

from pramoen.awards import views

app_name = "awards"

urlpatterns = [
    path("campaigns/", views.campaign_list, name="campaign_list"),
    path("campaigns/new/", views.campaign_new, name="campaign_new"),
    path("campaigns/<int:pk>/", views.campaign_detail, name="campaign_detail"),
    path("campaigns/<int:pk>/edit/", views.campaign_edit, name="campaign_edit"),
    path("campaigns/<int:pk>/clone/", views.campaign_clone_view, name="campaign_clone"),
    path(
        "campaigns/<int:pk>/letters/<slug:kind>.<slug:fmt>",
        views.campaign_letter,
        name="campaign_letter",
    ),
]
