"""View bases shared by every app's pages."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ImproperlyConfigured
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django.views.generic import ListView

from accord.core.api.throttling import UserRateThrottle
from accord.core.collation import by_name
from accord.core.forms import PasswordChangeForm
from accord.core.tokens import issue_token, revoke_tokens, tokens_visible_to


class FilteredListView(ListView):
    """A list a user may see, filtered by a FilterSet, paginated, htmx-aware.

    An htmx request (typing in the search box) gets only the `#results`
    partial of the same template, so the page and the fragment cannot drift.
    """

    filterset_class = None
    paginate_by = 50
    #: Lists of named records (states, organizations) in the reader's alphabetical order.
    alphabetical = False

    def get_queryset(self):
        if self.filterset_class is None:
            raise ImproperlyConfigured(f"{type(self).__name__} needs a filterset_class.")
        queryset = super().get_queryset().visible_to(self.request.user)
        self.filterset = self.filterset_class(
            self.request.GET or None, queryset=queryset, request=self.request
        )
        if self.filterset.is_bound and not self.filterset.is_valid():
            return queryset.none()
        results = self.filterset.qs
        if self.alphabetical and not results.query.order_by:
            results = results.order_by(by_name(), "pk")
        return results

    def paginate_queryset(self, queryset, page_size):
        """An out-of-range or malformed page number shows the nearest page, not a 404."""
        paginator = self.get_paginator(queryset, page_size, allow_empty_first_page=True)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filterset"] = self.filterset
        return context

    def get_template_names(self) -> list[str]:
        names = super().get_template_names()
        if getattr(self.request, "htmx", False) and not self.request.htmx.boosted:
            return [f"{name}#results" for name in names]
        return names


class SecretariatRequiredMixin:
    """Editing pages: the secretariat only; others get a 403 page, anonymous users the login."""

    def dispatch(self, request, *args, **kwargs):
        from django.contrib.auth.views import redirect_to_login
        from django.core.exceptions import PermissionDenied

        from accord.core.roles import is_secretariat

        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_secretariat(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class EditPageMixin(SecretariatRequiredMixin):
    """Create and update pages of the secretariat: one template, a title, a way back."""

    template_name = "core/form.html"
    list_url_name = ""

    def get_context_data(self, **kwargs):
        from django.urls import reverse
        from django.utils.translation import gettext as _

        context = super().get_context_data(**kwargs)
        obj = getattr(self, "object", None)
        if obj is not None and obj.pk:
            context["form_title"] = _("Edit: %(object)s") % {"object": obj}
            context["cancel_url"] = obj.get_absolute_url()
        else:
            context["form_title"] = _("New %(model)s") % {"model": self.model._meta.verbose_name}
            context["cancel_url"] = reverse(self.list_url_name) if self.list_url_name else "/"
        return context

    def save_object(self, form):
        """Write the form's record and return it.

        A page whose record has a service function overrides this to call it
        with `form.instance` (the form only validates), so that the page and
        the API write through one path.
        """
        return form.save()

    def form_valid(self, form):
        from django.contrib import messages
        from django.core.exceptions import ValidationError
        from django.http import HttpResponseRedirect
        from django.utils.translation import gettext as _

        from accord.core.concurrency import StaleEditError

        try:
            self.object = self.save_object(form)
        except StaleEditError as conflict:
            return self.stale_edit(form, conflict)
        except ValidationError as error:
            form.add_error(None, error.messages)
            return self.form_invalid(form)
        messages.success(self.request, _("Saved: %(object)s") % {"object": self.object})
        return HttpResponseRedirect(self.get_success_url())

    def stale_edit(self, form, conflict):
        """Someone saved first: the same page, 409, the user's input kept and now based on their version.

        Saving again is then a decision taken knowingly; the message names
        the fields where the input differs from the record as it now is.
        """
        from django.utils.translation import gettext as _

        if conflict.current is None:
            form.add_error(None, conflict.messages)
            return self.render_to_response(self.get_context_data(form=form), status=409)
        self.object = conflict.current
        kwargs = self.get_form_kwargs()
        kwargs["data"] = kwargs["data"].copy()
        kwargs["data"]["version"] = str(conflict.current.version)
        retry = self.get_form_class()(**kwargs)
        retry.is_valid()
        differing = [str(retry.fields[name].label) for name in retry.changed_data if name != "version"]
        retry.add_error(
            None, conflict.messages[0] + " " + _("Your input is kept below: compare it and save again.")
        )
        if differing:
            retry.add_error(
                None,
                _("Your input differs from the saved record in: {fields}.").format(
                    fields=", ".join(differing)
                ),
            )
        return self.render_to_response(self.get_context_data(form=retry), status=409)


def switch_language(request, code: str):
    """Remember the visitor's language in the language cookie and go back.

    A plain link rather than Django's POST `set_language`, so that public pages
    carry no CSRF token and can be cached for every anonymous visitor alike.
    """
    from django.conf import settings
    from django.http import HttpResponseRedirect
    from django.utils.http import url_has_allowed_host_and_scheme

    if code not in dict(settings.LANGUAGES):
        code = settings.LANGUAGE_CODE
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE or "Lax",
        secure=settings.LANGUAGE_COOKIE_SECURE,
    )
    return response


# The public front page is the wiring's choice (settings.LOGOUT_REDIRECT_URL, the portal's home):
# core sits below every app (DESIGN.md §5) and names none of their pages.
FRONT_PAGE = lazy(lambda: resolve_url(settings.LOGOUT_REDIRECT_URL), str)()


class PasswordChangeView(auth_views.PasswordChangeView):
    """Every signed-in user changes their own password here; the admin's page is for staff only."""

    form_class = PasswordChangeForm
    template_name = "core/form.html"
    success_url = FRONT_PAGE
    extra_context = {"form_title": gettext_lazy("Change password"), "cancel_url": FRONT_PAGE}

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Your password has been changed."))
        return response


@never_cache
@login_required
def token_list(request: HttpRequest) -> HttpResponse:
    """One's API tokens (the secretariat sees everyone's); a POST issues a new one, shown once."""
    secret = None
    if request.method == "POST":
        _token, secret = issue_token(request.user, acting_user=request.user)
    tokens = tokens_visible_to(request.user).order_by("user__username", "-created")
    context = {"tokens": tokens, "secret": secret, "token_days": settings.ACCORD_TOKEN_DAYS}
    return render(request, "core/token_list.html", context)


@login_required
@require_POST
def token_revoke(request: HttpRequest, key: str) -> HttpResponse:
    """Revoke a token the user may see (their own; the secretariat, anyone's); others are 404."""
    tokens = tokens_visible_to(request.user).filter(token_key=key)
    if not revoke_tokens(tokens, acting_user=request.user):
        raise Http404
    messages.success(request, _("The token %(key)s… has been revoked.") % {"key": key})
    return redirect("token_list")


SECURITY_TXT_DAYS = 180  # RFC 9116 asks for an expiry less than a year ahead; it moves with every day


def security_contacts() -> list[str]:
    """`ACCORD_SECURITY_CONTACT` as URIs: a bare address becomes `mailto:`."""
    from django.conf import settings

    return [c if ":" in c else f"mailto:{c}" for c in getattr(settings, "ACCORD_SECURITY_CONTACT", [])]


def security_txt(request):
    """`/.well-known/security.txt` (RFC 9116): whom to tell about a vulnerability; 404 when nobody is set."""
    import datetime

    from django.conf import settings
    from django.http import Http404, HttpResponse

    contacts = security_contacts()
    if not contacts:
        raise Http404
    from django.utils import timezone

    # The UTC date, as the timestamp is UTC (not the machine's local date).
    expires = datetime.datetime.combine(
        timezone.now().astimezone(datetime.UTC).date() + datetime.timedelta(days=SECURITY_TXT_DAYS),
        datetime.time(),
        datetime.UTC,
    )
    lines = [f"Contact: {contact}" for contact in contacts]
    lines += [
        f"Expires: {expires:%Y-%m-%dT%H:%M:%SZ}",
        "Preferred-Languages: " + ", ".join(code for code, _name in settings.LANGUAGES),
        f"Canonical: {settings.ACCORD_BASE_URL}/.well-known/security.txt",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


class PickerThrottle(UserRateThrottle):
    """Type-ahead requests, per user (per address when anonymous): `ACCORD_PICKER_RATE`."""

    scope = "picker"

    def get_cache_key(self, request, view):
        user = getattr(request, "user", None)
        ident = user.pk if user is not None and user.is_authenticated else self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}


def autocomplete(request: HttpRequest, kind: str) -> HttpResponse:
    """`?q=…&page=N`: the records of `kind` the reader may see that the text names, 20 at a time, as JSON.

    A kind's own parameters (`PickerKind.first`, such as a document's `?state=<id>`) put some records first.
    """
    from django.http import JsonResponse

    from accord.core.forms import whole_number
    from accord.core.pickers import MAX_QUERY_LENGTH, picker_page

    throttle = PickerThrottle()
    if not throttle.allow_request(request, None):
        response = JsonResponse({"detail": _("Too many requests; wait a moment.")}, status=429)
        response["Retry-After"] = str(int(throttle.wait() or 1))
        return response
    page = whole_number(request.GET.get("page", "1"), max_value=1000) or 1
    text = request.GET.get("q", "")[:MAX_QUERY_LENGTH]
    answer = picker_page(request.user, kind, text, page, key=request.GET.get("key", ""), first=request.GET)
    if answer is None:
        raise Http404
    response = JsonResponse(answer)
    response["Cache-Control"] = "private, no-store"
    return response
