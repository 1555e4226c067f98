"""Settings, read from the environment.

With DEBUG off (the default) every default is the safe one: secure cookies, HSTS, no
debug pages, and a missing SECRET_KEY stops the start-up. The zero-setup default
(``make demo``) turns DEBUG on and uses SQLite and Celery's filesystem broker.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("NAFIDA_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set in the environment when DEBUG is off."
        )
    SECRET_KEY = "insecure-development-key-only-for-debug"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # allauth's list of passkeys (mfa/webauthn/authenticator_list.html) loads humanize.
    "django.contrib.humanize",
    # Django's own widget templates, for FORM_RENDERER below.
    "django.forms",
    "guardian",
    "simple_history",
    "axes",
    "csp",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "accounts",
    "requests_app",
    "appeals",
    "proactive",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # A forged session cookie with a NUL character: no session rather than a 500.
    "config.middleware.NulSessionKeyMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Nothing served to a signed-in person is kept by a cache (issue 11, point 8).
    "config.middleware.PersonalDataNotCachedMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "csp.middleware.CSPMiddleware",
    # Carries allauth's login stages (e-mail verification, second factor) across requests.
    "allauth.account.middleware.AccountMiddleware",
    # Logs out staff sessions idle for NAFIDA_STAFF_IDLE_MINUTES.
    "accounts.middleware.StaffIdleTimeoutMiddleware",
    # A NUL character in an address, a query or a form: 400 in the page's language
    # (after the language, the security headers and the CSP are in place).
    "config.middleware.RefuseNulMiddleware",
    # Last, as django-axes requires.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.workspace",
            ],
        },
    },
]

# Forms are rendered with the project's templates, so that templates/django/forms/widgets/
# input.html and textarea.html give every free-text field dir="auto" in one place.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'nafida.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Wait for a writer rather than failing at once when the worker and the web
    # process write at the same time.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out login before the password is even checked.
    "axes.backends.AxesStandaloneBackend",
    # Logs in by e-mail address (django-allauth); also Django's ModelBackend underneath.
    "allauth.account.auth_backends.AuthenticationBackend",
    # Answers user.has_perm(perm, body) from guardian's rows, an index kept for the
    # administration: rights on a body are decided by accounts.permissions alone.
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Guardian: no anonymous user row; object permissions are granted on bodies only.
ANONYMOUS_USER_NAME = None
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "requests:mine"
# Where staff work once past their second factor: named here so that ``accounts``, below
# the apps that define the page, never names it itself. Officers, heads of bodies and
# Commission members land there after logging in (accounts.adapter).
WORKSPACE_URL = "workspace:dashboard"
LOGOUT_REDIRECT_URL = "home"
# A password-reset link is valid for three days.
PASSWORD_RESET_TIMEOUT = 3 * 24 * 3600

# Accounts (django-allauth): log in with the e-mail address (no username), which must be
# verified before the first login; no page tells whether an address has an account.
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {"login": "accounts.forms.LoginForm", "signup": "accounts.forms.SignUpForm",
                 "reset_password": "accounts.forms.ResetPasswordForm",
                 "reset_password_from_key": "accounts.forms.ResetPasswordKeyForm",
                 "change_password": "accounts.forms.ChangePasswordForm",
                 "add_email": "accounts.forms.AddEmailForm"}
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
# One address per account (the user's e-mail), which its owner may change once the new
# one is verified.
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
# The link in the mail opens a page with a button: only its POST confirms (a mail
# scanner that follows the link confirms nothing).
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
# Once confirmed, the profile, where the art. 14 identity that pre-fills requests is kept.
ACCOUNT_SIGNUP_REDIRECT_URL = "accounts:profile"
ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = 3
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
# allauth's rate limits (per address, per account, per user), kept in the cache. Failed
# logins: django-axes (below) locks one account from one address after 5; allauth stops
# one address that tries many accounts (10 failures a minute), and one account tried
# from one address (10 in 15 minutes: its "key" is the account and the address,
# accounts.adapter), so that a stranger failing on purpose cannot lock an officer out
# everywhere (the second factor guards staff against guesses spread over addresses).
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,10/15m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "confirm_email": "1/3m/key",
}
# The second factor (allauth.mfa): an authenticator app (TOTP) with recovery codes, or a
# passkey / security key (WebAuthn). Staff must have one (accounts.two_factor).
MFA_FORMS = {"authenticate": "accounts.forms.MFAAuthenticateForm",
             "reauthenticate": "accounts.forms.MFAReauthenticateForm",
             "activate_totp": "accounts.forms.ActivateTOTPForm"}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_PASSKEY_LOGIN_ENABLED = True
# The name shown next to the account in the authenticator app.
MFA_TOTP_ISSUER = "Nafida"
# A first second factor is set up through a one-time link mailed to the account's
# verified address (accounts.enrolment), valid this many hours.
NAFIDA_MFA_ENROLMENT_LINK_HOURS = int(os.environ.get("NAFIDA_MFA_ENROLMENT_LINK_HOURS", "24"))
# WebAuthn needs HTTPS except on localhost during development.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG

# Login throttling (django-axes): after 5 failures for one account from one address,
# that pair is locked out for 15 minutes; a success resets the count.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# allauth authenticates with the credentials {"email": …, "password": …}; its login form
# posts the address as "login".
AXES_USERNAME_CALLABLE = "accounts.adapter.axes_username"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# A staff session (officers, heads of bodies, the Commission) without activity for this
# long is logged out (accounts.middleware; 0: never); requesters' sessions are not.
NAFIDA_STAFF_IDLE_MINUTES = int(os.environ.get("NAFIDA_STAFF_IDLE_MINUTES", "30"))
# The client's address behind the deployment's reverse proxies (accounts.client_ip): the
# number of proxies in front of Django that append to X-Forwarded-For. 0: the header is
# ignored (a client could write anything in it) and REMOTE_ADDR counts. django-axes and
# allauth's rate limits read the same address.
NAFIDA_TRUSTED_PROXY_COUNT = int(os.environ.get("NAFIDA_TRUSTED_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "accounts.client_ip.client_ip"
ALLAUTH_TRUSTED_PROXY_COUNT = NAFIDA_TRUSTED_PROXY_COUNT
GUARDIAN_MONKEY_PATCH_USER = False

# Arabic is the default language and is written right to left.
LANGUAGE_CODE = "ar"
LANGUAGES = [
    ("ar", _("Arabic")),
    ("fr", _("French")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Africa/Casablanca"
USE_I18N = True
USE_TZ = True
# Dates are read day first in every language, and only in forms that cannot be misread
# (dd/mm/yyyy, ISO): config/formats/. Its lists are also the fallback, which Arabic reads
# (Django's Arabic formats have no input formats of their own).
FORMAT_MODULE_PATH = ["config.formats"]
from config.formats import DATE_INPUT_FORMATS, DATETIME_INPUT_FORMATS  # noqa: E402,F401

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
# Uploaded documents are not public: they live outside the static/public tree and
# are served only through permission-checked views.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Uploaded requests, letters and documents: outside MEDIA_ROOT, served only by views
# that check permissions.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", VAR_DIR / "private"))
NAFIDA_MAX_UPLOAD_BYTES = int(os.environ.get("NAFIDA_MAX_UPLOAD_BYTES", str(10 * 1024 * 1024)))
# What an accepted upload may hold once opened (requests_app.uploads): pixels of an image,
# of a PDF's image or of a page rendered at 150 dpi (A0 is 35 million); pages of a PDF;
# bytes a PDF's compressed streams inflate to, all together.
NAFIDA_MAX_IMAGE_PIXELS = int(os.environ.get("NAFIDA_MAX_IMAGE_PIXELS", str(40_000_000)))
NAFIDA_MAX_PDF_PAGES = int(os.environ.get("NAFIDA_MAX_PDF_PAGES", "500"))
NAFIDA_MAX_PDF_DECODED_BYTES = int(os.environ.get("NAFIDA_MAX_PDF_DECODED_BYTES", str(512 * 1024 * 1024)))
NAFIDA_SWEEP_BATCH = int(os.environ.get("NAFIDA_SWEEP_BATCH", "1000"))
# Pause between two batches of a sweep (seconds), to spare a busy database.
NAFIDA_SWEEP_PAUSE_SECONDS = float(os.environ.get("NAFIDA_SWEEP_PAUSE_SECONDS", "0"))
# A notification claimed by a worker that died is taken over after this many seconds.
NAFIDA_NOTIFICATION_LEASE_SECONDS = int(os.environ.get("NAFIDA_NOTIFICATION_LEASE_SECONDS", "300"))
NAFIDA_MAX_REDACTED_PAGES = int(os.environ.get("NAFIDA_MAX_REDACTED_PAGES", "200"))
# The text layer given back by OCR to a released redacted copy (requests_app/redaction.py):
# its languages, the seconds allowed for one page, the longest document read.
NAFIDA_OCR_LANGUAGES = tuple(os.environ.get("NAFIDA_OCR_LANGUAGES", "ara+fra").split("+"))
NAFIDA_OCR_TIMEOUT_SECONDS = int(os.environ.get("NAFIDA_OCR_TIMEOUT_SECONDS", "120"))
NAFIDA_OCR_MAX_PAGES = int(os.environ.get("NAFIDA_OCR_MAX_PAGES", "30"))
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# Preparing a document's public copy (requests_app/preparation.py, a Celery task): the
# seconds it may take (a soft limit ends it with a message to the officer, the hard one
# ends the worker's process 30 s later), and the pixels that all pages of a redacted
# version may make together at the render resolution; past them the resolution is lowered,
# down to NAFIDA_REDACTION_MIN_DPI, and then the document is refused.
NAFIDA_REDACTION_TIME_LIMIT = int(os.environ.get("NAFIDA_REDACTION_TIME_LIMIT", "600"))
NAFIDA_REDACTION_MAX_PIXELS = int(os.environ.get("NAFIDA_REDACTION_MAX_PIXELS", str(600_000_000)))
NAFIDA_REDACTION_DPI = int(os.environ.get("NAFIDA_REDACTION_DPI", "150"))
NAFIDA_REDACTION_MIN_DPI = int(os.environ.get("NAFIDA_REDACTION_MIN_DPI", "72"))

# E-mail: console in the zero-setup default, SMTP when EMAIL_HOST is set.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = os.environ.get(
        "EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend"
    )
    EMAIL_FILE_PATH = Path(os.environ.get("NAFIDA_MAIL_DIR", VAR_DIR / "mail"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Nafida <no-reply@nafida.ma>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The address of this site, for links in e-mails.
NAFIDA_SITE_URL = os.environ.get("NAFIDA_SITE_URL", "http://localhost:8000")
# How long an invitation to serve as information officer (and its link) stays open.
NAFIDA_INVITATION_DAYS = int(os.environ.get("NAFIDA_INVITATION_DAYS", "14"))
# Law 09-08 (personal data): who runs this platform (with each body, a controller of the
# requesters' data), and the number of the CNDP's receipt of the declaration or of its
# authorisation, printed in the notice on the request form and the receipt. Unset, the
# notice leaves the number out and `manage.py check --deploy` warns (requests_app.checks).
NAFIDA_OPERATOR = os.environ.get("NAFIDA_OPERATOR", "Nafida")
NAFIDA_CNDP_AUTHORISATION = os.environ.get("NAFIDA_CNDP_AUTHORISATION", "")
# Issue 13, point 6: officers are prompted to publish what this many answered requests to
# their body, decided within the last NAFIDA_PROMPT_WINDOW_DAYS days (a setting of this
# system, not a period of the law), asked in similar words (NAFIDA_PROMPT_SIMILARITY: the
# share of words two subjects have in common, from 0 to 1).
NAFIDA_PROMPT_THRESHOLD = int(os.environ.get("NAFIDA_PROMPT_THRESHOLD", "3"))
NAFIDA_PROMPT_WINDOW_DAYS = int(os.environ.get("NAFIDA_PROMPT_WINDOW_DAYS", "365"))
NAFIDA_PROMPT_SIMILARITY = float(os.environ.get("NAFIDA_PROMPT_SIMILARITY", "0.5"))

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["CACHE_URL"],
    }
    if os.environ.get("CACHE_URL")
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}

# Security: safe unless DEBUG is on.
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SESSION_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = False
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
X_FRAME_OPTIONS = "DENY"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content-Security-Policy (django-csp): everything from this origin, no inline script,
# no framing, forms post only here. No asset comes from a CDN.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# Celery. The zero-setup default is kombu's filesystem transport: a real broker that
# needs no server, good for one machine. Production sets CELERY_BROKER_URL to Redis
# (redis://host:6379/0) or RabbitMQ (amqp://user:pass@host:5672//).
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "filesystem://")
if CELERY_BROKER_URL.startswith("filesystem://"):
    _broker_dir = VAR_DIR / "broker"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "queue"),
        "data_folder_out": str(_broker_dir / "queue"),
        "processed_folder": str(_broker_dir / "processed"),
        "control_folder": str(_broker_dir / "control"),
        "store_processed": False,
    }
    # The filesystem broker needs its folders before the first message is sent.
    for _folder in ("queue", "processed", "control"):
        (_broker_dir / _folder).mkdir(parents=True, exist_ok=True)
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND") or None
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULE = {
    # Designations start and end on dates (art. 12): rights are read from them on the day
    # of each check; this only refreshes guardian's rows, an index for the administration.
    "sync-designation-permissions": {
        "task": "accounts.tasks.sync_designation_permissions",
        "schedule": 3600.0,
    },
    "clock-sweep": {
        "task": "requests_app.outbox.tasks.run_clock_sweep",
        "schedule": float(os.environ.get("NAFIDA_SWEEP_SECONDS", "900")),
    },
    # Officers who chose a daily digest get one e-mail a day listing their notices.
    "officers-digest": {
        "task": "requests_app.outbox.tasks.send_digests",
        "schedule": crontab(hour=int(os.environ.get("NAFIDA_DIGEST_HOUR", "7")), minute=0),
    },
    # Publications the open-data portal could not take yet, tried again (proactive.portal).
    "portal-pending-datasets": {
        "task": "proactive.portal.tasks.retry_pending_datasets",
        "schedule": float(os.environ.get("NAFIDA_CKAN_SWEEP_SECONDS", "600")),
    },
    "release-ended-assignments": {
        "task": "requests_app.tasks.release_ended_assignments",
        "schedule": 3600.0,
    },
    # The register's and the datasets' addresses, each checked again once its interval
    # has passed (proactive.links), a few per host and minute.
    "check-links": {
        "task": "proactive.links.tasks.check_links",
        "schedule": float(os.environ.get("NAFIDA_LINK_CHECK_SECONDS", "600")),
    },
}

# The link checker (proactive.links): how long after its last check an address is due
# again, how long a server may take to answer, how many redirects are followed, how
# many requests one host receives in a minute at most, and how many records a round takes.
NAFIDA_LINK_CHECK_INTERVAL_HOURS = float(os.environ.get("NAFIDA_LINK_CHECK_INTERVAL_HOURS", "24"))
NAFIDA_LINK_CHECK_TIMEOUT_SECONDS = float(os.environ.get("NAFIDA_LINK_CHECK_TIMEOUT_SECONDS", "10"))
NAFIDA_LINK_CHECK_MAX_REDIRECTS = int(os.environ.get("NAFIDA_LINK_CHECK_MAX_REDIRECTS", "5"))
NAFIDA_LINK_CHECK_PER_HOST_PER_MINUTE = int(os.environ.get("NAFIDA_LINK_CHECK_PER_HOST_PER_MINUTE", "6"))
NAFIDA_LINK_CHECK_BATCH = int(os.environ.get("NAFIDA_LINK_CHECK_BATCH", "200"))
# The open-data portal's CKAN Action API (proactive.portal.ckan). Empty: no portal, an
# officer may only link existing datasets. NAFIDA_CKAN_ORGANISATIONS: "body-code=org-name"
# pairs, comma-separated, for bodies whose record names no portal organisation; a body in
# neither publishes in the organisation named like its code.
NAFIDA_CKAN_URL = os.environ.get("NAFIDA_CKAN_URL", "").rstrip("/")
NAFIDA_CKAN_API_KEY = os.environ.get("NAFIDA_CKAN_API_KEY", "")
NAFIDA_CKAN_TIMEOUT = float(os.environ.get("NAFIDA_CKAN_TIMEOUT", "30"))
NAFIDA_CKAN_DATASET_URL = os.environ.get("NAFIDA_CKAN_DATASET_URL", "")
NAFIDA_CKAN_ORGANISATIONS = dict(
    pair.strip().split("=", 1) for pair in os.environ.get("NAFIDA_CKAN_ORGANISATIONS", "").split(",")
    if "=" in pair)
NAFIDA_CKAN_MAX_RETRIES = int(os.environ.get("NAFIDA_CKAN_MAX_RETRIES", "5"))
NAFIDA_CKAN_RETRY_SECONDS = int(os.environ.get("NAFIDA_CKAN_RETRY_SECONDS", "60"))
NAFIDA_CKAN_RETRY_MAX_SECONDS = int(os.environ.get("NAFIDA_CKAN_RETRY_MAX_SECONDS", "3600"))
NAFIDA_CKAN_LEASE_SECONDS = int(os.environ.get("NAFIDA_CKAN_LEASE_SECONDS", "600"))

# How often (seconds) a process re-reads the Holiday table's version to see a change
# made by another process; a change in this process invalidates at once.
LEGAL_CALENDAR_RECHECK_SECONDS = int(os.environ.get("LEGAL_CALENDAR_RECHECK_SECONDS", "30"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # django-axes reports every login at INFO; failures and lockouts are WARNING.
    "loggers": {"axes": {"level": os.environ.get("AXES_LOG_LEVEL", "WARNING")}},
}
