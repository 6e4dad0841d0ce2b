"""A minimal one-command typer app: the baseline for timing ``norrort-cost --help``."""

import typer

app = typer.Typer()


@app.command()
def hello(name: str = "world") -> None:
    """Greet someone."""
    typer.echo(f"Hello {name}")


if __name__ == "__main__":
    app()
