"""vpclint: lint Cloudflare Workers VPC configuration before wrangler or the API does."""

# The one place the version is written: pyproject.toml reads it (dynamic version), and
# `vpclint --version`, the JSON and SARIF reports import it.
__version__ = "0.1.0"


def project_url(label: str) -> str | None:
    """The address labelled ``label`` in ``[project.urls]`` of the installed metadata, or
    None. The project publishes no address yet, so this is None today and nothing vpclint
    prints names an address that nothing serves; adding one to ``[project.urls]`` (and
    reinstalling) is the only change needed to have it shown."""
    from importlib.metadata import PackageNotFoundError, metadata

    try:
        entries = metadata("vpclint").get_all("Project-URL") or []
    except PackageNotFoundError:
        return None
    for entry in entries:
        name, _, url = entry.partition(",")
        if name.strip().lower() == label.lower() and url.strip():
            return url.strip()
    return None
