"""`thucydides explain`: a CAMEO code or PLOVER type in the terms of the data."""

from __future__ import annotations

from typer.testing import CliRunner

from thucydides.cli import app


def test_explain_a_cameo_code_gives_goldstein_quad_and_plover() -> None:
    result = CliRunner().invoke(app, ["explain", "190"])
    assert result.exit_code == 0
    assert "CAMEO 190" in result.stdout and "Goldstein -10.0" in result.stdout
    assert "quad class 4: material conflict" in result.stdout and "PLOVER ASSAULT" in result.stdout


def test_explain_a_plover_type_lists_its_cameo_codes() -> None:
    result = CliRunner().invoke(app, ["explain", "assault"])
    assert result.exit_code == 0 and result.stdout.startswith("PLOVER ASSAULT")
    assert "CAMEO 190 " in result.stdout


def test_explain_an_unknown_code_is_a_usage_error() -> None:
    result = CliRunner().invoke(app, ["explain", "999"])
    assert result.exit_code == 2 and "neither a CAMEO code nor a PLOVER type" in result.output
