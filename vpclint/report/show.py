"""``--show-files`` and ``--show-settings``: what a run would lint, and with which
settings, without linting anything (ruff's options of the same names)."""

from __future__ import annotations

import json

HIDDEN_FIELDS = ("layers",)  # the command line's selection shows in `rules` instead


def config_shown(settings) -> str:
    from vpclint.config import shown

    return shown(settings.source) if settings.source else "(no config file)"


def files(targets) -> str:
    """One line per file: ``path<TAB>kind<TAB>config file``, in the order linted."""
    return "".join(
        f"{target.display}\t{target.kind}\t{config_shown(target.settings)}\n" for target in targets
    )


def settings_dict(settings) -> dict:
    from vpclint.rules.registry import load_file_rules

    load_file_rules()
    values = {"config-file": config_shown(settings), "rules": sorted(settings.enabled_codes)}
    for field in settings.FIELDS:
        if field in HIDDEN_FIELDS or field == "source":
            continue
        value = getattr(settings, field)
        values[field.replace("_", "-")] = list(value) if isinstance(value, tuple) else value
    return values


def settings(paths_and_settings, format_name: str | None) -> str:
    """The resolved settings of each path, as TOML-like text or (``json``) an object."""
    resolved = {path: settings_dict(found) for path, found in paths_and_settings}
    if format_name == "json":
        return json.dumps(resolved, indent=2, ensure_ascii=True) + "\n"
    out = []
    for path, values in resolved.items():
        out.append(f"# settings for {path}")
        out += [f"{key} = {json.dumps(value, ensure_ascii=False)}" for key, value in values.items()]
        out.append("")
    return "\n".join(out)
