"""The APPSYNC_JS resolvers: linted with the AppSync ESLint plugin and run in Node.js.

Every case runs in one Node.js process per module (see ``outcomes``), against the stub of
``@aws-appsync/utils`` in appsync_utils_stub.mjs: ids are ``id-1``, ``id-2``... and the
time is ``NOW``.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from cdk_platform_patterns.graphql import code

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
RESOLVERS = REPO / "src" / "cdk_platform_patterns" / "graphql" / "resolvers"
NOW = "2026-12-01T12:00:00.000Z"

OWNED = {"ownerField": "owner", "ownerIndex": "byOwner", "adminGroups": ["admin"]}
SHARED = {"ownerField": None, "ownerIndex": None, "adminGroups": []}

ALICE = {"sub": "alice-sub", "username": "alice", "groups": None}
ADMIN = {"sub": "root-sub", "username": "root", "groups": ["admin", "staff"]}
STAFF = {"sub": "staff-sub", "username": "bob", "groups": ["staff"]}
BACKEND = {"accountId": "111122223333", "userArn": "arn:aws:sts::111122223333:assumed-role/x"}
IDENTITY_POOL_USER = {**BACKEND, "cognitoIdentityId": "us-east-1:abc"}

AS_ALICE = {"model": OWNED, "caller": {"owner": "alice-sub", "admin": False}}
AS_ADMIN = {"model": OWNED, "caller": {"owner": "root-sub", "admin": True}}
AS_BACKEND = {"model": OWNED, "caller": {"owner": None, "admin": True}}
SHARED_STASH = {"model": SHARED, "caller": {"owner": "alice-sub", "admin": False}}

ALICES_NOTE = {"id": "n1", "title": "mine", "owner": "alice-sub"}
BOBS_NOTE = {"id": "n2", "title": "his", "owner": "bob-sub"}
CONDITION_FAILED = {
    "message": "The conditional request failed",
    "type": "DynamoDB:ConditionalCheckFailedException",
}


def s(value: str) -> dict[str, str]:
    return {"S": value}


def case(file: str, handler: str, **ctx: Any) -> dict[str, Any]:
    return {"file": file, "handler": handler, "ctx": ctx}


def cases(rendered: dict[str, Path]) -> dict[str, dict[str, Any]]:
    get, lst = str(RESOLVERS / "get.js"), str(RESOLVERS / "list.js")
    create, update = str(RESOLVERS / "create.js"), str(RESOLVERS / "update.js")
    delete = str(RESOLVERS / "delete.js")
    pipeline, subscribe = str(rendered["pipeline"]), str(rendered["subscribe"])
    shared_pipeline, shared_subscribe = (
        str(rendered["shared-pipeline"]),
        str(rendered["shared-subscribe"]),
    )
    return {
        "pipeline user": case(pipeline, "request", identity=ALICE),
        "pipeline admin": case(pipeline, "request", identity=ADMIN),
        "pipeline other group": case(pipeline, "request", identity=STAFF),
        "pipeline backend": case(pipeline, "request", identity=BACKEND),
        "pipeline identity pool user": case(pipeline, "request", identity=IDENTITY_POOL_USER),
        "pipeline shared identity pool user": case(
            shared_pipeline, "request", identity=IDENTITY_POOL_USER
        ),
        "pipeline no identity": case(pipeline, "request", identity=None),
        "pipeline response": case(pipeline, "response", prev={"result": ALICES_NOTE}),
        "get request": case(get, "request", args={"id": "n1"}, stash=AS_ALICE),
        "get own": case(get, "response", result=ALICES_NOTE, stash=AS_ALICE),
        "get other's": case(get, "response", result=BOBS_NOTE, stash=AS_ALICE),
        "get other's as admin": case(get, "response", result=BOBS_NOTE, stash=AS_ADMIN),
        "get shared": case(get, "response", result=BOBS_NOTE, stash=SHARED_STASH),
        "get missing": case(get, "response", result=None, stash=AS_ALICE),
        "get error": case(
            get, "response", error={"message": "boom", "type": "DynamoDB:X"}, stash=AS_ALICE
        ),
        "list own": case(lst, "request", args={"limit": 5, "nextToken": "tok"}, stash=AS_ALICE),
        "list admin": case(lst, "request", args={}, stash=AS_ADMIN),
        "list shared": case(lst, "request", args={"limit": None}, stash=SHARED_STASH),
        "list too many": case(lst, "request", args={"limit": 1000}, stash=AS_ALICE),
        "list zero": case(lst, "request", args={"limit": 0}, stash=AS_ALICE),
        "list response": case(
            lst, "response", result={"items": [ALICES_NOTE], "nextToken": "t2"}, stash=AS_ALICE
        ),
        "list last page": case(lst, "response", result={"items": []}, stash=AS_ALICE),
        "create owned": case(
            create, "request", args={"input": {"title": "t", "owner": "mallory"}}, stash=AS_ALICE
        ),
        "create by backend": case(
            create, "request", args={"input": {"title": "t"}}, stash=AS_BACKEND
        ),
        "create shared": case(
            create, "request", args={"input": {"title": "t", "n": 2}}, stash=SHARED_STASH
        ),
        "create response": case(create, "response", result=ALICES_NOTE, stash=AS_ALICE),
        "update owned": case(
            update,
            "request",
            args={
                "input": {
                    "id": "n1",
                    "title": "new",
                    "body": None,
                    "owner": "mallory",
                    "createdAt": "x",
                }
            },
            stash=AS_ALICE,
        ),
        "update admin": case(
            update, "request", args={"input": {"id": "n2", "title": "new"}}, stash=AS_ADMIN
        ),
        "update denied": case(update, "response", error=CONDITION_FAILED, stash=AS_ALICE),
        "update response": case(update, "response", result=ALICES_NOTE, stash=AS_ALICE),
        "delete owned": case(delete, "request", args={"id": "n1"}, stash=AS_ALICE),
        "delete shared": case(delete, "request", args={"id": "n1"}, stash=SHARED_STASH),
        "delete denied": case(delete, "response", error=CONDITION_FAILED, stash=AS_ALICE),
        "delete response": case(delete, "response", result=ALICES_NOTE, stash=AS_ALICE),
        "subscribe request": case(subscribe, "request"),
        "subscribe user": case(subscribe, "response", identity=ALICE),
        "subscribe admin": case(subscribe, "response", identity=ADMIN),
        "subscribe backend": case(subscribe, "response", identity=BACKEND),
        "subscribe identity pool user": case(subscribe, "response", identity=IDENTITY_POOL_USER),
        "subscribe shared": case(shared_subscribe, "response", identity=ALICE),
    }


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """Run every case in one Node.js process and return the outcomes by case name."""
    directory = tmp_path_factory.mktemp("rendered")
    rendered = {}
    for label, name, settings in [
        ("pipeline", "pipeline", OWNED),
        ("subscribe", "subscribe", OWNED),
        ("shared-pipeline", "pipeline", SHARED),
        ("shared-subscribe", "subscribe", SHARED),
    ]:
        rendered[label] = directory / f"{label}.js"
        rendered[label].write_text(code.render(name, settings))
    named = cases(rendered)
    run = subprocess.run(
        ["node", str(HERE / "run_resolvers.mjs")],
        input=json.dumps(list(named.values())),
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return dict(zip(named, json.loads(run.stdout), strict=True))


def error_kind(outcome: dict[str, Any]) -> str | None:
    error = outcome.get("error")
    return None if error is None else str(error["kind"])


def test_resolvers_pass_the_appsync_eslint_plugin() -> None:
    files = sorted(RESOLVERS.glob("*.js"))
    assert {f.stem for f in files} == {*code.ACTIONS, "pipeline", "subscribe"}
    run = subprocess.run(
        [
            str(REPO / "node_modules" / ".bin" / "eslint"),
            "--config",
            str(HERE / "eslint.config.mjs"),
            "--max-warnings",
            "0",
            *map(str, files),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_rendered_settings_replace_the_placeholder_line() -> None:
    text = code.render("pipeline", OWNED)
    assert (
        'const MODEL = {"adminGroups": ["admin"], "ownerField": "owner", "ownerIndex": "byOwner"};'
        in text
    )
    assert "ownerField: null" not in text


# GIVEN the before step of the pipeline WHEN callers differ THEN the stash says who they are


def test_pipeline_stashes_a_signed_in_user_as_owner(outcomes: dict[str, Any]) -> None:
    out = outcomes["pipeline user"]
    assert out["result"] == {}
    assert out["stash"] == {"model": OWNED, "caller": {"owner": "alice-sub", "admin": False}}


def test_pipeline_marks_admin_group_members_only(outcomes: dict[str, Any]) -> None:
    assert outcomes["pipeline admin"]["stash"]["caller"] == {"owner": "root-sub", "admin": True}
    assert outcomes["pipeline other group"]["stash"]["caller"]["admin"] is False


def test_pipeline_trusts_iam_backends_as_admins(outcomes: dict[str, Any]) -> None:
    assert outcomes["pipeline backend"]["stash"]["caller"] == {"owner": None, "admin": True}


def test_pipeline_rejects_identity_pool_callers_on_owned_models(outcomes: dict[str, Any]) -> None:
    assert error_kind(outcomes["pipeline identity pool user"]) == "unauthorized"
    assert error_kind(outcomes["pipeline shared identity pool user"]) is None
    assert error_kind(outcomes["pipeline no identity"]) == "unauthorized"


def test_pipeline_response_returns_the_data_step_result(outcomes: dict[str, Any]) -> None:
    assert outcomes["pipeline response"]["result"] == ALICES_NOTE


# get


def test_get_reads_the_item_by_id(outcomes: dict[str, Any]) -> None:
    assert outcomes["get request"]["result"] == {"operation": "GetItem", "key": {"id": s("n1")}}


def test_get_returns_own_item_and_hides_others(outcomes: dict[str, Any]) -> None:
    assert outcomes["get own"]["result"] == ALICES_NOTE
    assert error_kind(outcomes["get other's"]) == "unauthorized"
    assert outcomes["get other's as admin"]["result"] == BOBS_NOTE
    assert outcomes["get shared"]["result"] == BOBS_NOTE
    assert outcomes["get missing"] == {"result": None, "stash": AS_ALICE, "filters": []}


def test_get_passes_data_source_errors_on(outcomes: dict[str, Any]) -> None:
    assert outcomes["get error"]["error"] == {
        "message": "boom",
        "type": "DynamoDB:X",
        "kind": "error",
    }


# list


def test_list_queries_the_owner_index_for_owners(outcomes: dict[str, Any]) -> None:
    assert outcomes["list own"]["result"] == {
        "operation": "Query",
        "index": "byOwner",
        "limit": 5,
        "nextToken": "tok",
        "query": {
            "expression": "#owner = :owner",
            "expressionNames": {"#owner": "owner"},
            "expressionValues": {":owner": s("alice-sub")},
        },
    }


def test_list_scans_for_admins_and_shared_models_with_default_limit(
    outcomes: dict[str, Any],
) -> None:
    assert outcomes["list admin"]["result"] == {"operation": "Scan", "limit": 20}
    assert outcomes["list shared"]["result"] == {"operation": "Scan", "limit": 20}


def test_list_rejects_limits_outside_1_to_100(outcomes: dict[str, Any]) -> None:
    for name in ("list too many", "list zero"):
        assert outcomes[name]["error"]["type"] == "BadRequest"
        assert "between 1 and 100" in outcomes[name]["error"]["message"]


def test_list_returns_items_and_next_token(outcomes: dict[str, Any]) -> None:
    assert outcomes["list response"]["result"] == {"items": [ALICES_NOTE], "nextToken": "t2"}
    assert outcomes["list last page"]["result"] == {"items": [], "nextToken": None}


# create


def test_create_generates_id_and_timestamps_and_records_the_caller(
    outcomes: dict[str, Any],
) -> None:
    assert outcomes["create owned"]["result"] == {
        "operation": "PutItem",
        "key": {"id": s("id-1")},
        "attributeValues": {
            "title": s("t"),
            "owner": s("alice-sub"),
            "createdAt": s(NOW),
            "updatedAt": s(NOW),
        },
        "condition": {"expression": "attribute_not_exists(#id)", "expressionNames": {"#id": "id"}},
    }


def test_create_of_owned_item_needs_a_signed_in_user(outcomes: dict[str, Any]) -> None:
    assert error_kind(outcomes["create by backend"]) == "unauthorized"


def test_create_of_shared_item_stores_no_owner(outcomes: dict[str, Any]) -> None:
    values = outcomes["create shared"]["result"]["attributeValues"]
    assert values == {"title": s("t"), "n": {"N": "2"}, "createdAt": s(NOW), "updatedAt": s(NOW)}
    assert outcomes["create response"]["result"] == ALICES_NOTE


# update


def test_update_changes_given_fields_of_own_existing_item_only(outcomes: dict[str, Any]) -> None:
    assert outcomes["update owned"]["result"] == {
        "operation": "UpdateItem",
        "key": {"id": s("n1")},
        "update": {
            "expression": "SET #updatedAt = :updatedAt, #f1 = :f1 REMOVE #f2",
            "expressionNames": {"#updatedAt": "updatedAt", "#f1": "title", "#f2": "body"},
            "expressionValues": {":updatedAt": s(NOW), ":f1": s("new")},
        },
        "condition": {
            "expression": "attribute_exists(#id) AND #owner = :owner",
            "expressionNames": {"#id": "id", "#owner": "owner"},
            "expressionValues": {":owner": s("alice-sub")},
        },
    }


def test_update_by_admin_only_needs_the_item_to_exist(outcomes: dict[str, Any]) -> None:
    assert outcomes["update admin"]["result"]["condition"] == {
        "expression": "attribute_exists(#id)",
        "expressionNames": {"#id": "id"},
    }


def test_update_and_delete_report_missing_or_foreign_items_as_not_found(
    outcomes: dict[str, Any],
) -> None:
    for name in ("update denied", "delete denied"):
        assert outcomes[name]["error"]["type"] == "NotFound"
    assert outcomes["update response"]["result"] == ALICES_NOTE


# delete


def test_delete_removes_own_existing_item_only(outcomes: dict[str, Any]) -> None:
    assert outcomes["delete owned"]["result"] == {
        "operation": "DeleteItem",
        "key": {"id": s("n1")},
        "condition": {
            "expression": "attribute_exists(#id) AND #owner = :owner",
            "expressionNames": {"#id": "id", "#owner": "owner"},
            "expressionValues": {":owner": s("alice-sub")},
        },
    }
    assert outcomes["delete shared"]["result"]["condition"]["expression"] == "attribute_exists(#id)"
    assert outcomes["delete response"]["result"] == ALICES_NOTE


# subscriptions


def test_subscription_filters_owned_items_to_the_subscriber(outcomes: dict[str, Any]) -> None:
    assert outcomes["subscribe request"]["result"] == {"payload": None}
    user = outcomes["subscribe user"]
    assert user["result"] is None
    assert user["filters"] == [{"transformed": {"owner": {"eq": "alice-sub"}}}]


def test_subscription_is_unfiltered_for_admins_backends_and_shared_models(
    outcomes: dict[str, Any],
) -> None:
    for name in ("subscribe admin", "subscribe backend", "subscribe shared"):
        assert outcomes[name]["filters"] == [], name
        assert "error" not in outcomes[name], name


def test_subscription_rejects_identity_pool_callers_on_owned_models(
    outcomes: dict[str, Any],
) -> None:
    assert error_kind(outcomes["subscribe identity pool user"]) == "unauthorized"
