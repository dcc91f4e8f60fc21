"""Schemathesis against the live OpenAPI document: every operation, all checks, no 500s.

(Driven through hypothesis directly: schemathesis' pytest plugin does not support pytest 9 yet.)
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from smajob import clock
from smajob.api.tokens import create_token
from smajob.extensions import db
from tests import factories

EXAMPLES = 200


@pytest.fixture
def app_config():
    return {"API_RATE_LIMIT_PER_MINUTE": 1_000_000}


def test_every_operation_conforms_to_its_schema(app):
    user = factories.make_user(role="admin")
    _, plain = create_token(user, "schemathesis", now=clock.now())
    db.session.commit()
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert operations, "the spec declares no operations"
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        def check(case):
            case.call_and_validate(headers={"Authorization": f"Bearer {plain}"})

        check()
