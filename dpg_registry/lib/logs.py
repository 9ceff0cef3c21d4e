"""Log lines without personal data: e-mail addresses and IP addresses are masked in everything Django logs.

Messages, their arguments and tracebacks (a database error can quote the row it refused) all pass through.
"""

import logging
import re

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
IPV4 = re.compile(r"\b(?:\d{1,3}\.){3}\d{1,3}\b")
# Eight groups, or fewer around "::" (a clock time such as 12:30:45 is neither).
IPV6 = re.compile(r"\b(?:[0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}\b"
                  r"|(?:\b[0-9a-fA-F]{1,4}:){1,6}:(?:[0-9a-fA-F]{1,4}\b(?::[0-9a-fA-F]{1,4}\b)*)?|::1\b")


def redact(text: str) -> str:
    return IPV6.sub("[ip]", IPV4.sub("[ip]", EMAIL.sub("[e-mail]", text)))


class RedactingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))
