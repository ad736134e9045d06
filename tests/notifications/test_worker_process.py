"""The real worker: `manage.py db_worker` in its own process delivers the outbox, across a restart."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

ENQUEUE = """
from django.db import transaction
from spbe.notifications.services import notification_enqueue
from spbe.organizations.models import User
user = User.objects.create_user(username="op1", email="op1@uji.go.id")
with transaction.atomic():
    context = {"indicator": "5", "assessment": "Kab. Uji 2026"}
    notification_enqueue(kind="approved", recipients=[user.pk], context=context)
"""

STATE = """
from spbe.notifications.models import Notification
n = Notification.objects.get()
print(n.mail_state, n.attempts)
"""


def run(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_the_worker_process_delivers_after_the_mail_server_comes_back(tmp_path: Path) -> None:
    mail_dir = tmp_path / "mail"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.notifications.worker_settings",
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "src")]),
        "SPBE_WORKER_TEST_DB": str(tmp_path / "worker.sqlite3"),
        "SPBE_WORKER_TEST_MAIL": str(mail_dir),
        "SPBE_NOTIFY_RETRY_SECONDS": "1",
    }
    env.pop("DATABASE_URL", None)
    run(env, "migrate", "--noinput", "--verbosity", "0")
    run(env, "shell", "-c", ENQUEUE)
    worker = ["db_worker", "--batch", "--no-reload", "--no-startup-delay", "--interval", "0.2"]
    # First run: the mail server is down; the attempt is counted and a retry queued, nothing sent.
    run({**env, "SPBE_WORKER_TEST_MAIL_DOWN": "1"}, *worker)
    assert run(env, "shell", "-c", STATE).splitlines()[-1].split() == ["pending", "1"]
    assert not mail_dir.exists() or not any(mail_dir.iterdir())
    # The worker restarts with the server back: the queued retry (due a second later) delivers it once.
    subprocess.run([sys.executable, "-c", "import time; time.sleep(1.5)"], check=True, timeout=10)
    run(env, *worker)
    run(env, *worker)  # and a further restart repeats nothing
    assert run(env, "shell", "-c", STATE).splitlines()[-1].split() == ["sent", "2"]
    sent = [p.read_text() for p in mail_dir.iterdir()]
    assert len(sent) == 1
    assert "Indikator 5 dari Kab. Uji 2026 disetujui" in sent[0]
    assert "Message-ID: <notification-1@spbe-suite>" in sent[0]
