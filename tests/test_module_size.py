"""No module of the package grows past 500 lines (a project rule): a longer one is split by job."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent / "thucydides"
MAX_LINES = 500


def modules_over(limit: int, package_dir: Path = PACKAGE_DIR) -> dict[str, int]:
    """Path (relative to the package) -> line count, for each Python module longer than `limit`."""
    sizes = {str(path.relative_to(package_dir)): len(path.read_text(encoding="utf-8").splitlines())
             for path in sorted(package_dir.rglob("*.py"))}
    return {name: lines for name, lines in sizes.items() if lines > limit}


def test_no_module_exceeds_the_line_limit() -> None:
    assert modules_over(MAX_LINES) == {}


def test_the_check_sees_a_long_module(tmp_path: Path) -> None:
    (tmp_path / "short.py").write_text("x = 1\n" * MAX_LINES, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "long.py").write_text("x = 1\n" * (MAX_LINES + 1), encoding="utf-8")
    assert modules_over(MAX_LINES, tmp_path) == {"sub/long.py": MAX_LINES + 1}
