"""The open data API, exercised by schemathesis from /openapi.json: whatever a client sends,
valid by the schema or not, the portal never answers with a server error, and what it answers
conforms to the schema it publishes."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import APIOperation, Case, GenerationMode
from schemathesis.checks import not_a_server_error, response_schema_conformance

from luoshi.web import create_app
from tests.web.conftest import DemoLedger

# Generated requests per operation and mode; the portal's API has a dozen GET operations.
EXAMPLES = 40


@pytest.fixture(scope="module")
def operations(demo_ledger: DemoLedger) -> list[APIOperation]:
    """Every operation the portal's published schema lists, called in process (ASGI)."""
    app = create_app(demo_ledger.settings(), demo=True)
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    return [result.ok() for result in schema.get_all_operations()]


def test_the_schema_lists_the_open_data_api(operations: list[APIOperation]) -> None:
    paths = {operation.path for operation in operations}
    assert {
        "/reports/{report_id}/ledger.json",
        "/search.json",
        "/reports/{report_id}/figures.csv",
    } <= paths


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_no_request_makes_the_api_fail(
    operations: list[APIOperation], mode: GenerationMode
) -> None:
    # schemathesis.pytest's own parametrize needs pytest < 9 for fixtures; its strategies do not.
    for operation in operations:
        if mode is GenerationMode.NEGATIVE and not list(operation.iter_parameters()):
            continue  # nothing a client sends to /index.json can be invalid

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        )
        def requested(case: Case) -> None:
            checks = [not_a_server_error]
            if mode is GenerationMode.POSITIVE:
                checks.append(response_schema_conformance)
            case.call_and_validate(checks=checks)

        requested()
