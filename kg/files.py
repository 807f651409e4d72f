"""Write output files so a crash never leaves half a file: temporary file beside it, then rename.

Exports: atomic_write.
"""

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def atomic_write(path, mode="w", encoding="utf-8", newline=None):
    """Open a temporary file beside `path` for writing; rename it over `path` only on success.

    >>> with atomic_write("out/report.csv") as out:
    ...     out.write("a,b\\n")
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    binary = "b" in mode
    try:
        with os.fdopen(handle, mode, **({} if binary else {"encoding": encoding, "newline": newline})) as out:
            yield out
        # mkstemp creates the file private (0600); give it the permissions a plain open() would.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
