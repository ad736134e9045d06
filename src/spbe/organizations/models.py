"""Agencies (instansi), their units (OPD), users and their roles per agency."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person who signs in. Roles are held per agency through Membership."""

    full_name = models.CharField(_("full name"), max_length=200, blank=True)

    def __str__(self) -> str:
        return self.full_name or self.get_full_name() or self.username


class Agency(models.Model):
    """A government agency evaluated on its own: a regency, city, province or ministry."""

    class Kind(models.TextChoices):
        REGENCY = "regency", _("Regency (Kabupaten)")
        CITY = "city", _("City (Kota)")
        PROVINCE = "province", _("Province")
        MINISTRY = "ministry", _("Ministry or central agency")

    class Zone(models.TextChoices):
        WIB = "Asia/Jakarta", "WIB"
        WITA = "Asia/Makassar", "WITA"
        WIT = "Asia/Jayapura", "WIT"

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("short address"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    province = models.CharField(_("province"), max_length=100, blank=True)
    time_zone = models.CharField(_("time zone"), max_length=40, choices=Zone.choices, default=Zone.WIB)

    class Meta:
        ordering = ["name"]
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")

    def __str__(self) -> str:
        return self.name

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    @property
    def zone_label(self) -> str:
        return self.Zone(self.time_zone).label


class Unit(models.Model):
    """A department of an agency (perangkat daerah / OPD), e.g. Diskominfo or Bappeda."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="units", verbose_name=_("agency"))
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)

    class Meta:
        ordering = ["agency", "name"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        constraints = [models.UniqueConstraint(fields=["agency", "name"], name="unit_name_unique_per_agency")]

    def __str__(self) -> str:
        return self.short_name or self.name


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("SPBE coordinator")
    UNIT_OPERATOR = "unit_operator", _("Unit operator")
    INTERNAL_ASSESSOR = "internal_assessor", _("Internal assessor")
    EXTERNAL_ASSESSOR = "external_assessor", _("External assessor")
    VIEWER = "viewer", _("Viewer")


class Membership(models.Model):
    """A role a user holds in one agency; a unit operator also names their unit.

    An external assessor's membership is their assignment to that agency.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user"))
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("agency"))
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, null=True, blank=True, related_name="members", verbose_name=_("unit")
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "agency", "role"],
                condition=models.Q(unit__isnull=True),
                name="membership_unique",
            ),
            models.UniqueConstraint(
                fields=["user", "agency", "role", "unit"],
                condition=models.Q(unit__isnull=False),
                name="membership_unique_per_unit",
            ),
            models.CheckConstraint(
                condition=(models.Q(role="unit_operator", unit__isnull=False) | ~models.Q(role="unit_operator")),
                name="unit_operator_has_unit",
            ),
        ]

    def __str__(self) -> str:
        unit = f" ({self.unit})" if self.unit_id else ""
        return f"{self.user} - {self.get_role_display()}{unit} - {self.agency}"


class Invitation(models.Model):
    """An invitation by e-mail to join an agency: its person waits, inactive, until the link is used.

    The link carries a token signed with the site's key over the row's id and ``nonce``; sending
    the invitation again draws a new nonce, so only the newest link works. It works once (then
    ``accepted_at`` is set) and until ``expires_at``.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("user"))
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("agency"))
    email = models.EmailField(_("e-mail"), max_length=254)
    invited_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("invited by")
    )
    nonce = models.CharField(max_length=64)
    created_at = models.DateTimeField(_("invited"), auto_now_add=True)
    sent_at = models.DateTimeField(_("last sent"))
    times_sent = models.PositiveSmallIntegerField(_("times sent"), default=1)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)

    class Meta:
        ordering = ["-sent_at", "-id"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "agency"],
                condition=models.Q(accepted_at__isnull=True),
                name="invitation_one_open_per_person_and_agency",
            )
        ]

    def __str__(self) -> str:
        return f"{self.email} -> {self.agency}"
