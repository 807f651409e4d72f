import os
import stat

import pytest

from kg.files import atomic_write


def test_written_file_has_the_permissions_of_a_plain_open(tmp_path):
    target = tmp_path / "page.html"
    with atomic_write(target) as out:
        out.write("<p>x</p>")
    plain = tmp_path / "plain.html"
    plain.write_text("x")
    assert stat.S_IMODE(os.stat(target).st_mode) == stat.S_IMODE(os.stat(plain).st_mode)
    assert target.read_text() == "<p>x</p>"


def test_failure_keeps_the_old_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "page.html"
    target.write_text("old")
    with pytest.raises(RuntimeError):
        with atomic_write(target) as out:
            out.write("half")
            raise RuntimeError("crash")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["page.html"]
