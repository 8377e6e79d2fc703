"""Kiosk mode: an unattended exhibit that is locked, invites visitors, resets itself and
never stops (configuration, the shell around the explorer, fault log, systemd pings)."""
