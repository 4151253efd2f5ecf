from accord.core.api.routers import Router
from accord.registry.api import views

router = Router()
router.register("states", views.StateViewSet, basename="state")
router.register("organizations", views.OrganizationViewSet, basename="organization")
router.register("persons", views.PersonViewSet, basename="person")
router.register("posts", views.PostViewSet, basename="post")
router.register("memberships", views.MembershipViewSet, basename="membership")
router.register("aliases", views.AliasViewSet, basename="alias")
router.register("regional-groups", views.RegionalGroupViewSet, basename="regional-group")
urlpatterns = router.urls
