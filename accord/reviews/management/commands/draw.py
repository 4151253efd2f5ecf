"""`accord draw`: the drawing of lots from the console, through the same services as the pages.

    accord draw --mechanism uncac-irm --cycle 2 --select [--seed S]
    accord draw --mechanism uncac-irm --cycle 2 --late-parties
    accord draw --mechanism uncac-irm --cycle 2 --year 2016 [--seed S]
    accord draw --redraw REVIEW_ID [--exceptional --reason "..."]
    accord draw --verify DRAW_ID
    accord draw --mechanism uncac-irm --cycle 2 --list

It acts as `--as USERNAME` (default: the first superuser); `--dry-run`
shows the result and saves nothing.
"""

import json

from auditlog.context import set_actor
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from accord.reviews import draws, services
from accord.reviews.choices import DrawKind
from accord.reviews.models import CountryReview, Cycle, Draw


class Command(BaseCommand):
    help = _("Draw lots for a review cycle: the states under review, their reviewing states, a redraw.")

    def add_arguments(self, parser) -> None:
        mode = parser.add_mutually_exclusive_group(required=True)
        mode.add_argument("--select", action="store_true", help=_("Draw the year each state is reviewed in."))
        mode.add_argument(
            "--late-parties",
            action="store_true",
            help=_("Put the parties not yet selected into the year after the last."),
        )
        mode.add_argument("--year", type=int, help=_("Draw the reviewing states of this year's reviews."))
        mode.add_argument("--redraw", type=int, metavar="REVIEW_ID", help=_("Redraw one review's reviewers."))
        mode.add_argument(
            "--verify", type=int, metavar="DRAW_ID", help=_("Re-run a stored draw and compare.")
        )
        mode.add_argument("--list", action="store_true", help=_("List the draws of a cycle."))
        parser.add_argument("--mechanism", help=_("Reference key of the mechanism, e.g. uncac-irm."))
        parser.add_argument("--cycle", type=int, help=_("Number of the cycle within the mechanism."))
        parser.add_argument("--seed", help=_("Seed of the draw (default: a random one, recorded)."))
        parser.add_argument(
            "--exceptional",
            action="store_true",
            help=_("The redraw is requested in exceptional circumstances."),
        )
        parser.add_argument("--reason", default="", help=_("Why the redraw is requested."))
        parser.add_argument(
            "--as",
            dest="as_user",
            metavar="USERNAME",
            help=_("Act as this user (default: the first superuser)."),
        )
        parser.add_argument("--dry-run", action="store_true", help=_("Show the result, save nothing."))
        parser.add_argument("--format", choices=["table", "json"], default="table")

    def handle(self, *args, **options) -> None:
        self.format = options["format"]
        if options["verify"] is not None:
            return self._verify(options["verify"])
        if options["list"]:
            return self._list(self._cycle(options))
        user = self._user(options["as_user"])
        try:
            with transaction.atomic(), set_actor(user):
                draw = self._run(options, user)
                self._show(draw)
                if options["dry_run"]:
                    transaction.set_rollback(True)
        except PermissionDenied as exc:
            raise CommandError(str(exc) or _("Only the secretariat draws lots.")) from None
        except draws.DrawImpossibleError as exc:
            raise CommandError(
                _("The draw is impossible ({rule}): {message}").format(rule=exc.rule, message=exc.messages[0])
            ) from None
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        if options["dry_run"]:
            self.stderr.write(_("Dry run: nothing was saved."))

    def _run(self, options: dict, user) -> Draw:
        seed = options["seed"]
        if options["redraw"] is not None:
            review = CountryReview.objects.filter(pk=options["redraw"]).first()
            if review is None:
                raise CommandError(_("There is no review no. {review}.").format(review=options["redraw"]))
            return services.request_redraw(
                review,
                acting_user=user,
                exceptional=options["exceptional"],
                reason=options["reason"],
                seed=seed,
            )
        cycle = self._cycle(options)
        if options["select"]:
            return services.run_selection(cycle, acting_user=user, seed=seed)
        if options["late_parties"]:
            return services.add_late_parties(cycle, acting_user=user, seed=seed)
        return services.run_reviewer_draw(cycle, options["year"], acting_user=user, seed=seed)

    def _cycle(self, options: dict) -> Cycle:
        if not options["mechanism"] or options["cycle"] is None:
            raise CommandError(_("Name the cycle: --mechanism KEY --cycle NUMBER."))
        cycle = (
            Cycle.objects.select_related("mechanism")
            .filter(mechanism__slug=options["mechanism"], number=options["cycle"])
            .first()
        )
        if cycle is None:
            raise CommandError(
                _("Mechanism “{mechanism}” has no cycle {number}.").format(
                    mechanism=options["mechanism"], number=options["cycle"]
                )
            )
        return cycle

    def _user(self, username: str | None):
        users = get_user_model().objects
        if username:
            user = users.filter(username=username).first()
            if user is None:
                raise CommandError(_("There is no user “{username}”.").format(username=username))
            return user
        user = users.filter(is_superuser=True, is_active=True).order_by("pk").first()
        if user is None:
            raise CommandError(
                _(
                    "There is no superuser to act as: pass --as USERNAME or create one (accord createsuperuser)."
                )
            )
        return user

    # -- output --

    def _show(self, draw: Draw) -> None:
        report = draws.describe(draw)
        if self.format == "json":
            self.stdout.write(json.dumps(_as_json(draw, report), ensure_ascii=False, indent=1))
            return
        year = f" {draw.year}" if draw.year else ""
        self.stdout.write(
            _("Draw no. {draw}: {kind}{year}, {cycle}; seed {seed}.").format(
                draw=draw.pk, kind=draw.get_kind_display(), year=year, cycle=draw.cycle, seed=draw.seed
            )
        )
        for note in report.notes:
            self.stdout.write(self.style.WARNING(note))
        if draw.kind == DrawKind.SELECTION:
            for drawn_year, states in report.years:
                names = ", ".join(str(getattr(s, "name", s)) for s in states)
                self.stdout.write(f"{drawn_year} ({len(states)}): {names}")
            return
        width = max((len(_state_name(row.state, row.code)) for row in report.rows), default=0)
        header = _("State under review")
        width = max(width, len(header))
        reviewing = _("Reviewing states")
        self.stdout.write(f"{header:<{width}}  {reviewing}")
        for row in report.rows:
            parts = []
            for label, reviewers in row.by_instrument:
                names = ", ".join(
                    _state_name(state, code) + ("" if same else " *") for state, code, same in reviewers
                )
                parts.append(f"{label}: {names}" if len(row.by_instrument) > 1 else names)
            self.stdout.write(f"{_state_name(row.state, row.code):<{width}}  {'; '.join(parts)}")
        self.stdout.write(
            _(
                "* from another regional group. Most reviews per reviewing state: {max}, spread {spread}."
            ).format(max=report.max_load, spread=report.spread)
        )

    def _verify(self, pk: int) -> None:
        draw = Draw.objects.select_related("cycle__mechanism", "review__state").filter(pk=pk).first()
        if draw is None:
            raise CommandError(_("There is no draw no. {draw}.").format(draw=pk))
        result = draws.verify(draw)
        if self.format == "json":
            self.stdout.write(
                json.dumps(
                    result.as_dict(draw),
                    ensure_ascii=False,
                    indent=1,
                )
            )
            if not result.ok:
                raise CommandError(_("The draw does not verify."))
            return
        if result.error:
            raise CommandError(result.error)
        for line in (*result.differences, *result.record_differences):
            self.stdout.write(self.style.WARNING(line))
        if not result.ok:
            raise CommandError(
                _("Draw no. {draw} does not verify: see the differences above.").format(draw=pk)
            )
        self.stdout.write(
            self.style.SUCCESS(_("Draw no. {draw}: re-run gives the same result.").format(draw=draw.pk))
        )

    def _list(self, cycle: Cycle) -> None:
        rows = list(cycle.draws.select_related("performed_by", "review__state").order_by("created_at", "pk"))
        if self.format == "json":
            self.stdout.write(
                json.dumps(
                    [
                        {
                            "id": d.pk,
                            "kind": d.kind,
                            "year": d.year,
                            "seed": d.seed,
                            "review": d.review_id,
                            "performed_by": d.performed_by.get_username(),
                            "created_at": d.created_at.isoformat(),
                        }
                        for d in rows
                    ],
                    ensure_ascii=False,
                    indent=1,
                )
            )
            return
        if not rows:
            self.stdout.write(_("No draws in {cycle} yet.").format(cycle=cycle))
            return
        for d in rows:
            about = f" — {d.review.state.name}" if d.review_id else ""
            self.stdout.write(
                f"{d.pk:>5}  {d.created_at:%Y-%m-%d %H:%M}  {d.get_kind_display()}"
                f"{' ' + str(d.year) if d.year else ''}{about}  seed {d.seed}  {d.performed_by.get_username()}"
            )


def _state_name(state, code: str) -> str:
    return state.name if state is not None else code


def _as_json(draw: Draw, report: draws.DrawReport) -> dict:
    out = {
        "draw": draw.pk,
        "kind": draw.kind,
        "year": draw.year,
        "seed": draw.seed,
        "notes": report.notes,
    }
    if draw.kind == DrawKind.SELECTION:
        out["result"] = draw.result
    else:
        mine = draw.review.state.iso3 if draw.review_id else None
        out["result"] = [
            a for a in draw.result.get("assignments", []) if mine is None or a["reviewee"] == mine
        ]
    return out
