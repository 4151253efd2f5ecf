from django.urls import path

from accord.delegations import views

app_name = "delegations"

urlpatterns = [
    path("", views.registration_list, name="registration_list"),
    path("meetings/<int:meeting>/", views.registration_detail, name="registration_detail"),
    path("meetings/<int:meeting>/setup/", views.registration_setup, name="registration_setup"),
    path("meetings/<int:meeting>/nomination/", views.nomination, name="nomination"),
    path("meetings/<int:meeting>/letters/", views.letter_upload, name="letter_upload"),
    path("meetings/<int:meeting>/credentials/", views.credentials_report, name="credentials_report"),
    path("meetings/<int:meeting>/participants.<str:fmt>", views.participants, name="participants"),
    path("meetings/<int:meeting>/badges.xlsx", views.badges, name="badges"),
    path("meetings/<int:meeting>/delegations.xlsx", views.delegation_table, name="delegation_table"),
    path("meetings/<int:meeting>/publish/", views.registration_publish, name="registration_publish"),
    path("meetings/<int:meeting>/finalize/", views.registration_finalize, name="registration_finalize"),
    path("delegates/<int:pk>/approve/", views.delegate_approve, name="delegate_approve"),
    path("delegates/<int:pk>/return/", views.delegate_return, name="delegate_return"),
    path("delegates/<int:pk>/withdraw/", views.delegate_withdraw, name="delegate_withdraw"),
    path("delegations/<int:pk>/credentials/", views.delegation_credentials, name="delegation_credentials"),
    path("letters/<int:pk>/", views.letter_download, name="letter_download"),
]
