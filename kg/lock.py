"""Keep the writer and the readers of one on-disk store apart, and name the process that holds it.

Exports: StoreLock, LOCK_FILE, PID_FILE.

Oxigraph (RocksDB) refuses a second writer by itself, but opening a store read-only while another
process writes it is undefined behaviour. A POSIX record lock on `kg.lock` in the store directory
excludes both: a writer takes it exclusively, readers take it shared, so any number of readers
run together and a build waits for them (and they for it). The kernel drops the lock when its
process dies, even by SIGKILL, so a lock can never go stale; `kg.pid`, the writer's process id
(removed on close), only tells people and messages who holds the store, and a `kg.pid` left by a
killed process is simply overwritten.
"""

import errno
import fcntl
import os
import struct
import time
from pathlib import Path

from .errors import StoreError

LOCK_FILE = "kg.lock"
PID_FILE = "kg.pid"
_FLOCK = "hhqqi"          # struct flock: l_type, l_whence, l_start, l_len, l_pid
_held = {}                # realpath -> [fd, users, exclusive]: POSIX locks are per process


class StoreLock:
    """The lock of one store directory, held by this process until `release()`."""

    def __init__(self, directory, shared=False, wait=3.0):
        self.directory = Path(directory)
        self.shared = shared
        self._key = os.path.realpath(self.directory)
        self._acquire(wait)

    def _acquire(self, wait):
        entry = _held.get(self._key)
        if entry is None:
            fd = _open_lock_file(self.directory / LOCK_FILE, self.shared)
            if fd is None:          # read-only medium, and no writer ever made a lock file: nothing to fear
                self._key = None
                return
            entry = _held[self._key] = [fd, 0, False]
            try:
                _lock(fd, self.shared, wait, self.directory)
            except StoreError:
                del _held[self._key]
                os.close(fd)
                raise
        elif not self.shared and not entry[2]:
            _lock(entry[0], False, wait, self.directory)    # this process read it before; now it writes
        entry[1] += 1
        if not self.shared and not entry[2]:
            entry[2] = True
            _write_pid(self.directory / PID_FILE)

    def keep_across_exec(self):
        """Let the lock pass to the program this process execs next (POSIX locks survive execve
        while their file stays open), so `kg serve` keeps builds out while Oxigraph's server reads."""
        entry = _held.get(self._key) if self._key else None
        if entry is not None:
            os.set_inheritable(entry[0], True)
        return self

    def release(self):
        """Give the lock back (once every user in this process has); remove our pid file."""
        key, self._key = self._key, None
        entry = _held.get(key) if key else None
        if entry is None:
            return
        entry[1] -= 1
        if entry[1] > 0:
            return
        del _held[key]
        if entry[2]:
            _remove_pid(self.directory / PID_FILE)
        fcntl.lockf(entry[0], fcntl.LOCK_UN)
        os.close(entry[0])


def _open_lock_file(path, shared):
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except PermissionError:
        if not shared:
            raise
    except OSError as error:
        if not shared or error.errno not in (errno.EROFS, errno.ENOENT):
            raise
    try:
        return os.open(path, os.O_RDONLY)
    except OSError:
        return None


def _lock(fd, shared, wait, directory):
    kind = fcntl.LOCK_SH if shared else fcntl.LOCK_EX
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.lockf(fd, kind | fcntl.LOCK_NB)
            return
        except OSError as error:
            if error.errno not in (errno.EAGAIN, errno.EACCES):
                raise
        if time.monotonic() >= deadline:
            holder = _holder(fd, shared) or _pid_in(directory / PID_FILE)
            who = f"process {holder}" if holder else "another process"
            raise StoreError(f"store {directory} is in use by {who}; wait for it to finish or use another --store")
        time.sleep(0.1)


def _holder(fd, shared):
    """Return the id of a process whose lock conflicts with the one we want (fcntl F_GETLK)."""
    probe = struct.pack(_FLOCK, fcntl.F_RDLCK if shared else fcntl.F_WRLCK, os.SEEK_SET, 0, 0, 0)
    try:
        answer = fcntl.fcntl(fd, fcntl.F_GETLK, probe.ljust(64, b"\0"))
    except OSError:
        return None
    kind, _, _, _, pid = struct.unpack(_FLOCK, answer[:struct.calcsize(_FLOCK)])
    return pid if kind != fcntl.F_UNLCK and pid > 0 else None


def _pid_in(path):
    try:
        return int(path.read_text().strip())
    except (OSError, ValueError):
        return None


def _write_pid(path):
    try:
        path.write_text(f"{os.getpid()}\n")
    except OSError:
        pass


def _remove_pid(path):
    if _pid_in(path) == os.getpid():
        path.unlink(missing_ok=True)
