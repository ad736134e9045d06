"""Sign-in settings (imported by base): lockout, passwords, second factor, idle sessions, e-mail, security log.

SPBE_LOGIN_FAILURE_LIMIT          failed logins before an account is locked (default 5)
SPBE_LOGIN_ADDRESS_FAILURE_LIMIT  failed logins before an address is locked (default 20: offices share one)
SPBE_LOGIN_COOLOFF_MINUTES        how long a lock lasts after the last failure (default 15)
SPBE_PROXY_COUNT                  reverse proxies in front of the app that set X-Forwarded-For (default 0)
SPBE_PASSWORD_MIN_LENGTH          shortest password accepted (default and minimum 12)
SPBE_OTP_REQUIRED                 1: superusers, staff and coordinators must use a second factor
                                  (default 0 here, 1 in production settings)
SPBE_IDLE_TIMEOUT_MINUTES         an idle session is logged out after this long (default 30)
SPBE_EMAIL_HOST, SPBE_EMAIL_PORT, SPBE_EMAIL_HOST_USER, SPBE_EMAIL_HOST_PASSWORD, SPBE_EMAIL_USE_TLS,
SPBE_DEFAULT_FROM_EMAIL           the SMTP server that sends password-reset e-mail
SPBE_INVITATION_DAYS              how long an invitation link works (default 7 days)
"""

from __future__ import annotations

import os
from datetime import timedelta


def env_flag(name: str, default: str) -> bool:
    return os.environ.get(name, default).strip().lower() in {"1", "true", "yes", "on"}


AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses locked-out accounts and addresses first
    "django.contrib.auth.backends.ModelBackend",
]

# --- lockout (django-axes) ---
AXES_FAILURE_LIMIT = max(int(os.environ.get("SPBE_LOGIN_FAILURE_LIMIT", "5")), 1)
SPBE_LOGIN_ADDRESS_FAILURE_LIMIT = max(int(os.environ.get("SPBE_LOGIN_ADDRESS_FAILURE_LIMIT", "20")), 1)
AXES_COOLOFF_TIME = timedelta(minutes=max(int(os.environ.get("SPBE_LOGIN_COOLOFF_MINUTES", "15")), 1))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # each on its own: the account, and the address
AXES_HANDLER = "spbe.accounts.lockout.AccountAndAddressHandler"
AXES_LOCKOUT_CALLABLE = "spbe.accounts.lockout.lockout_response"
AXES_CLIENT_STR_CALLABLE = "spbe.accounts.lockout.client_str"
AXES_RESET_ON_SUCCESS = False  # a login to one's own account must not wipe the failures against another
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # retrying while locked does not extend the lock
AXES_DISABLE_ACCESS_LOG = True  # no table of every login with username and address; the security log has ids
AXES_VERBOSE = False
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("SPBE_PROXY_COUNT", "0")) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR") if AXES_IPWARE_PROXY_COUNT else ("REMOTE_ADDR",)
)

# --- passwords ---
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    # Older hashes still verify, and are rehashed with argon2 at the next login.
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
SPBE_PASSWORD_MIN_LENGTH = max(int(os.environ.get("SPBE_PASSWORD_MIN_LENGTH", "12")), 12)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": SPBE_PASSWORD_MIN_LENGTH},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 60 * 60 * 2  # a reset link works for two hours

# --- second factor (django-otp, TOTP) ---
SPBE_OTP_REQUIRED = env_flag("SPBE_OTP_REQUIRED", "0")
OTP_TOTP_ISSUER = "SPBE Suite"

# --- sessions ---
SPBE_IDLE_TIMEOUT_MINUTES = max(int(os.environ.get("SPBE_IDLE_TIMEOUT_MINUTES", "30")), 1)

# --- e-mail (password reset) ---
EMAIL_HOST = os.environ.get("SPBE_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("SPBE_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("SPBE_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("SPBE_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_flag("SPBE_EMAIL_USE_TLS", "0")
DEFAULT_FROM_EMAIL = os.environ.get("SPBE_DEFAULT_FROM_EMAIL", "SPBE Suite <noreply@localhost>")

# --- invitations by e-mail (people management) ---
SPBE_INVITATION_DAYS = int(os.environ.get("SPBE_INVITATION_DAYS", "7"))

# --- security events: JSON lines on stderr, logger "spbe.security" ---
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json_lines": {"()": "spbe.accounts.security_log.JsonLinesFormatter"}},
    "handlers": {"security": {"class": "logging.StreamHandler", "formatter": "json_lines"}},
    "loggers": {
        "spbe.security": {"handlers": ["security"], "level": "INFO", "propagate": False},
        # axes' own lines repeat our events; keep only its errors.
        "axes": {"level": "ERROR"},
    },
}
