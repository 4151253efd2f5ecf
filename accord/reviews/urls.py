"""Pages of the review mechanism; each views module lists its own routes."""

from accord.reviews.views import draws, outputs, questionnaires, reviews

app_name = "reviews"

urlpatterns = [
    *reviews.urlpatterns,
    *draws.urlpatterns,
    *questionnaires.urlpatterns,
    *outputs.urlpatterns,
]
