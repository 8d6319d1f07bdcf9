#!/usr/bin/env python3
"""Runs a command on a pseudo-terminal of the given size, as a terminal
emulator would (TERM=xterm-256color), answers nothing, reads everything the
command writes and prints how many bytes that was. Ends the command by its
pid when it outlives the time limit.

    pty-run.py COLUMNSxROWS SECONDS COMMAND...
"""
import fcntl
import os
import pty
import select
import signal
import struct
import sys
import termios
import time

columns, rows = map(int, sys.argv[1].split("x"))
limit = float(sys.argv[2])
command = sys.argv[3:]

pid, master = pty.fork()
if pid == 0:
    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    os.environ["TERM"] = "xterm-256color"
    for name in ("LINES", "COLUMNS"):
        os.environ.pop(name, None)
    os.execvp(command[0], command)

received = 0
deadline = time.monotonic() + limit
while time.monotonic() < deadline:
    ready, _, _ = select.select([master], [], [], 0.2)
    if not ready:
        continue
    try:
        chunk = os.read(master, 65536)
    except OSError:  # the command ended and the terminal closed
        break
    if not chunk:
        break
    received += len(chunk)
else:
    os.kill(pid, signal.SIGKILL)
_, status = os.waitpid(pid, 0)
print(received)
sys.exit(os.waitstatus_to_exitcode(status) if os.waitstatus_to_exitcode(status) >= 0 else 1)
