"""`thucydides explain CODE`: what a CAMEO code or a PLOVER type means, in the terms of the data
(Goldstein value, quad class, PLOVER type and mode), so an export can be read without the codebook."""

from __future__ import annotations

from typing import Annotated

import typer

QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict",
              4: "material conflict"}


def explain(code: str) -> list[str]:
    """Lines describing a CAMEO code (190) or PLOVER type (ASSAULT); KeyError when it is neither."""
    from thucydides.ontology import all_codes, is_valid, lookup, plover_ontology

    code = code.strip()
    if is_valid(code):
        c = lookup(code)
        plover = "/".join(x for x in (c.plover_type, c.plover_mode) if x) or "none"
        lines = [f"CAMEO {c.code}: {c.name}",
                 f"  Goldstein {c.goldstein:+.1f} (-10 most conflictual … +10 most cooperative)",
                 f"  quad class {c.quad_class}: {QUAD_NAMES.get(c.quad_class, '?')}",
                 f"  PLOVER {plover}"]
        if c.description:
            lines.append(f"  {c.description}")
        return lines
    kind = plover_ontology().types.get(code.upper())
    if kind is None:
        raise KeyError(code)
    codes = [c for c in all_codes().values() if c.plover_type == kind.name]
    lines = [f"PLOVER {kind.name}: {kind.description}"]
    if kind.modes:
        lines.append("  modes: " + ", ".join(kind.modes))
    lines += [f"  CAMEO {c.code} {c.name} (Goldstein {c.goldstein:+.1f}, quad {c.quad_class})" for c in codes]
    return lines


def register(app: typer.Typer) -> None:
    @app.command("explain")
    def explain_command(
        code: Annotated[str, typer.Argument(help="A CAMEO code (190, 0311) or a PLOVER type (ASSAULT).")],
    ) -> None:
        """Print what a CAMEO code or PLOVER type means: name, Goldstein value, quad class, PLOVER type."""
        try:
            lines = explain(code)
        except KeyError:
            raise typer.BadParameter(f"{code!r} is neither a CAMEO code nor a PLOVER type",
                                     param_hint="CODE") from None
        typer.echo("\n".join(lines))
