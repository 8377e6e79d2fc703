"""The kiosk's rotating log of caught faults, in its state folder.

Nobody watches an exhibit's terminal: a fault that the shell recovers from must still be
findable a week later, and a log that grows for months fills the disk of a small box.
So: one file in the state folder, rotated at 1 MB with three old copies kept. Records
also go to stderr, which systemd sends to the journal.
"""

from __future__ import annotations

import logging
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path

LOG_NAME = "nnviz-kiosk.log"
MAX_BYTES = 1_000_000
BACKUPS = 3


def open_fault_log(state_dir: Path, *, echo: bool = True) -> logging.Logger:
    """A logger writing to ``state_dir/nnviz-kiosk.log`` (the folder is made if needed).

    When the folder cannot be written (a read-only system misconfigured), the log goes
    to stderr only: a kiosk that cannot log must still run.
    """
    logger = logging.getLogger(f"nnviz.kiosk.{state_dir}")
    logger.setLevel(logging.INFO)
    logger.propagate = False
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
        handler.close()
    formatter = logging.Formatter("%(asctime)s %(levelname)s %(message)s")
    try:
        state_dir.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = RotatingFileHandler(
            state_dir / LOG_NAME, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
        )
    except OSError as exc:
        handler = logging.StreamHandler(sys.stderr)
        echo = False
        print(f"nnviz: kiosk log folder {state_dir} not writable ({exc})", file=sys.stderr)
    handler.setFormatter(formatter)
    logger.addHandler(handler)
    if echo:
        stream = logging.StreamHandler(sys.stderr)
        stream.setFormatter(formatter)
        logger.addHandler(stream)
    return logger


def close_fault_log(logger: logging.Logger) -> None:
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
        handler.close()
