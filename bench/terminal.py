"""Run a command with its output on a pseudo-terminal, as a user at a terminal would see it.

Exports: run_in_terminal.
"""

import fcntl
import os
import pty
import select
import struct
import subprocess
import termios


def run_in_terminal(command, cwd=None, rows=24, columns=100):
    """Run `command` on a new pseudo-terminal of the given size; return (exit code, text shown)."""
    main, secondary = pty.openpty()
    fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    process = subprocess.Popen(command, stdin=secondary, stdout=secondary, stderr=secondary, cwd=cwd, close_fds=True)
    os.close(secondary)
    shown = b""
    while True:
        ready, _, _ = select.select([main], [], [], 1)
        try:
            chunk = os.read(main, 65536) if ready else b""
        except OSError:  # the terminal closes when the process ends
            chunk = b""
        shown += chunk
        if not chunk and process.poll() is not None:
            break
    os.close(main)
    return process.wait(), shown.decode("utf-8", "replace")
