"""Schemathesis checks of Accord's own rules, loaded by `run_schemathesis.py` (SCHEMATHESIS_HOOKS).

Every error the API answers (4xx and 5xx) is JSON in the one documented
shape of docs/api.md: `{"code": str, "detail": str, "fields": {...}}`.
"""

import json

import schemathesis


@schemathesis.check
def error_in_documented_shape(ctx, response, case) -> bool | None:
    """A 4xx or 5xx answer is JSON with a string `code`, a string `detail` and a `fields` object."""
    if response.status_code < 400:
        return None
    content_type = ";".join(response.headers.get("content-type", []))
    if "json" not in content_type:
        raise AssertionError(f"Error {response.status_code} is not JSON but {content_type or 'untyped'}")
    try:
        body = json.loads(response.content)
    except ValueError as exc:
        raise AssertionError(f"Error {response.status_code} is not valid JSON: {exc}") from exc
    if not isinstance(body, dict):
        raise AssertionError(f"Error {response.status_code} is not a JSON object")
    problems = [
        f"`{key}` is not {kind.__name__}"
        for key, kind in (("code", str), ("detail", str), ("fields", dict))
        if not isinstance(body.get(key), kind)
    ]
    if problems:
        raise AssertionError(
            f"Error {response.status_code} not in the documented shape: {', '.join(problems)}"
        )
    return True
