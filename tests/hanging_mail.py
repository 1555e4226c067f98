"""An e-mail backend for tests with a real worker: Django's file backend, except that it
stops for good just before the n-th message a process sends (``NAFIDA_TEST_MAIL_HANG_AT``),
after writing the marker file ``NAFIDA_TEST_MAIL_MARKER``: the test kills the worker
there, mid-send, with a notification claimed and its mail not yet out."""

import os
import time
from pathlib import Path

from django.core.mail.backends.filebased import EmailBackend as FileBackend


class EmailBackend(FileBackend):
    given = 0  # messages given to this backend in this process

    def send_messages(self, email_messages):
        hang_at = int(os.environ.get("NAFIDA_TEST_MAIL_HANG_AT", "0"))
        for _message in email_messages:
            type(self).given += 1
            if type(self).given == hang_at:
                Path(os.environ["NAFIDA_TEST_MAIL_MARKER"]).write_text(str(os.getpid()))
                time.sleep(600)
        return super().send_messages(email_messages)
