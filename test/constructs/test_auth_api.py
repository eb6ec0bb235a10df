"""Templates of ServerlessAuthApi: secure defaults, models, groups, grants, failing options.

Each configuration of auth_fixtures is synthesized once per session (with cdk-nag) and
shared; option checks that fail run before anything is synthesized.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import aws_cdk as cdk
import pytest
from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_iam as iam

from auth_fixtures import NOTES_SDL, auth_synthesized
from cdk_platform_patterns import auth_api
from cdk_platform_patterns.auth_api import (
    AnalyticsOptions,
    ApiKeyOptions,
    Model,
    ServerlessAuthApi,
    UserPoolOptions,
    check_domain_prefix,
)
from cdk_platform_patterns.errors import ValidationError
from cdk_platform_patterns.graphql import code
from support import FLAG_SETS, Synthesized, walk

# Changing one of these replaces the resource in users' accounts and loses their users or
# data (the old resource is retained, orphaned). Never update them to make a test pass.
PINNED_LOGICAL_IDS = {
    "minimal": {"ApiUserPool5AB2526B": "AWS::Cognito::UserPool"},
    "full": {
        "ApiUserPool5AB2526B": "AWS::Cognito::UserPool",
        "ApiModelsNoteTableB1182210": "AWS::DynamoDB::Table",
        "ApiModelsTagTableE32FD2BA": "AWS::DynamoDB::Table",
    },
}


def only(synthesized: Synthesized, type_name: str) -> dict[str, Any]:
    (resource,) = synthesized.resources(type_name).values()
    props: dict[str, Any] = resource.get("Properties", {})
    return props


@pytest.fixture(scope="module")
def minimal() -> Synthesized:
    return auth_synthesized("minimal")


@pytest.fixture(scope="module")
def full() -> Synthesized:
    return auth_synthesized("full")


@pytest.fixture(scope="module")
def api_key() -> Synthesized:
    return auth_synthesized("api-key")


def new_stack() -> cdk.Stack:
    return cdk.Stack(cdk.App(), "Test")


# Stable logical ids


@pytest.mark.parametrize("flag_set", FLAG_SETS)
@pytest.mark.parametrize("config", sorted(PINNED_LOGICAL_IDS))
def test_logical_ids_of_user_pool_and_tables_never_change(config: str, flag_set: str) -> None:
    synthesized = auth_synthesized(config, flag_set)
    resources = synthesized.template()["Resources"]
    stateful = {
        logical_id: resource["Type"]
        for logical_id, resource in resources.items()
        if resource["Type"] in {"AWS::Cognito::UserPool", "AWS::DynamoDB::Table"}
    }
    assert stateful == PINNED_LOGICAL_IDS[config]


# User pool


def test_user_pool_defaults(minimal: Synthesized) -> None:
    (pool,) = minimal.resources("AWS::Cognito::UserPool").values()
    props = pool["Properties"]
    assert pool["DeletionPolicy"] == "Retain"
    assert pool["UpdateReplacePolicy"] == "Retain"
    assert props["DeletionProtection"] == "ACTIVE"
    assert props["UsernameAttributes"] == ["email"]
    assert props["UsernameConfiguration"] == {"CaseSensitive": False}
    assert props["AdminCreateUserConfig"]["AllowAdminCreateUserOnly"] is True
    assert props["Policies"]["PasswordPolicy"]["MinimumLength"] == 12
    assert props["MfaConfiguration"] == "OPTIONAL"
    assert props["EnabledMfas"] == ["SOFTWARE_TOKEN_MFA"]
    assert props["AccountRecoverySetting"] == {
        "RecoveryMechanisms": [{"Name": "verified_email", "Priority": 1}]
    }
    assert props["UserPoolTier"] == "ESSENTIALS"
    assert "UserPoolAddOns" not in props


def test_client_has_no_secret_hides_user_existence_and_no_oauth_by_default(
    minimal: Synthesized,
) -> None:
    client = only(minimal, "AWS::Cognito::UserPoolClient")
    assert client["GenerateSecret"] is False
    assert client["PreventUserExistenceErrors"] == "ENABLED"
    assert client["ExplicitAuthFlows"] == ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
    assert "AllowedOAuthFlows" not in client
    assert minimal.resources("AWS::Cognito::UserPoolDomain") == {}


def test_self_sign_up_hosted_ui_and_code_grant_when_asked(full: Synthesized) -> None:
    pool = only(full, "AWS::Cognito::UserPool")
    assert pool["AdminCreateUserConfig"]["AllowAdminCreateUserOnly"] is False
    assert only(full, "AWS::Cognito::UserPoolDomain")["Domain"] == "notes-app"
    client = only(full, "AWS::Cognito::UserPoolClient")
    assert client["AllowedOAuthFlows"] == ["code"]
    assert client["CallbackURLs"] == ["https://app.example.com/"]


def test_threat_protection_uses_the_plus_plan() -> None:
    def define(stack: cdk.Stack) -> None:
        ServerlessAuthApi(
            stack,
            "Api",
            schema=NOTES_SDL,
            user_pool=UserPoolOptions(
                feature_plan=cognito.FeaturePlan.PLUS,
                threat_protection=True,
                mfa=cognito.Mfa.REQUIRED,
            ),
        )

    from support import build

    synthesized = build(define, nag=True)
    pool = only(synthesized, "AWS::Cognito::UserPool")
    assert pool["UserPoolTier"] == "PLUS"
    assert pool["UserPoolAddOns"] == {"AdvancedSecurityMode": "ENFORCED"}
    assert pool["MfaConfiguration"] == "ON"
    assert synthesized.nag_violations() == []
    acknowledged = {rule for rule, _ in synthesized.nag_acknowledgements()}
    assert not {"AwsSolutions-COG2", "AwsSolutions-COG8"} & acknowledged


# Groups and identity pool


def test_groups_get_roles_trusting_only_this_identity_pool(full: Synthesized) -> None:
    groups = full.resources("AWS::Cognito::UserPoolGroup")
    by_name = {g["Properties"]["GroupName"]: g["Properties"] for g in groups.values()}
    assert by_name["admin"]["Precedence"] == 0
    assert by_name["editors"]["Precedence"] == 1
    roles = full.resources("AWS::IAM::Role")
    (pool_id,) = full.resources("AWS::Cognito::IdentityPool")
    for group in by_name.values():
        role = roles[group["RoleArn"]["Fn::GetAtt"][0]]["Properties"]
        (statement,) = role["AssumeRolePolicyDocument"]["Statement"]
        assert statement["Principal"] == {"Federated": "cognito-identity.amazonaws.com"}
        assert statement["Action"] == "sts:AssumeRoleWithWebIdentity"
        assert statement["Condition"] == {
            "StringEquals": {"cognito-identity.amazonaws.com:aud": {"Ref": pool_id}},
            "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "authenticated"},
        }


def test_identity_pool_has_no_guests_and_one_role_attachment(full: Synthesized) -> None:
    pool = only(full, "AWS::Cognito::IdentityPool")
    assert pool["AllowUnauthenticatedIdentities"] is False
    assert pool["AllowClassicFlow"] is False
    attachment = only(full, "AWS::Cognito::IdentityPoolRoleAttachment")
    (mapping,) = attachment["RoleMappings"].values()
    assert mapping["Type"] == "Token"
    assert mapping["AmbiguousRoleResolution"] == "AuthenticatedRole"
    (pool_logical_id,) = full.resources("AWS::Cognito::UserPool")
    (client_logical_id,) = full.resources("AWS::Cognito::UserPoolClient")
    assert mapping["IdentityProvider"] == {
        "Fn::Join": [
            "",
            [{"Fn::GetAtt": [pool_logical_id, "ProviderName"]}, ":", {"Ref": client_logical_id}],
        ]
    }
    roles = full.resources("AWS::IAM::Role")
    authenticated = roles[attachment["Roles"]["authenticated"]["Fn::GetAtt"][0]]["Properties"]
    (statement,) = authenticated["AssumeRolePolicyDocument"]["Statement"]
    assert statement["Condition"]["StringEquals"] == {
        "cognito-identity.amazonaws.com:aud": {
            "Ref": next(iter(full.resources("AWS::Cognito::IdentityPool")))
        }
    }


def test_guests_only_when_asked(api_key: Synthesized, minimal: Synthesized) -> None:
    assert only(api_key, "AWS::Cognito::IdentityPool")["AllowUnauthenticatedIdentities"] is True
    assert only(minimal, "AWS::Cognito::IdentityPool")["AllowUnauthenticatedIdentities"] is False
    assert "RoleMappings" not in only(minimal, "AWS::Cognito::IdentityPoolRoleAttachment")


# API


def test_api_uses_user_pool_then_iam_and_no_api_key(minimal: Synthesized) -> None:
    api = only(minimal, "AWS::AppSync::GraphQLApi")
    assert api["AuthenticationType"] == "AMAZON_COGNITO_USER_POOLS"
    assert api["AdditionalAuthenticationProviders"] == [{"AuthenticationType": "AWS_IAM"}]
    assert minimal.resources("AWS::AppSync::ApiKey") == {}
    assert api["XrayEnabled"] is True
    assert api["IntrospectionConfig"] == "ENABLED"
    assert "QueryDepthLimit" not in api


def test_api_logs_errors_without_verbose_content_to_an_encrypted_group(
    minimal: Synthesized,
) -> None:
    api = only(minimal, "AWS::AppSync::GraphQLApi")
    assert api["LogConfig"]["FieldLogLevel"] == "ERROR"
    assert api["LogConfig"]["ExcludeVerboseContent"] is True
    log_group = only(minimal, "AWS::Logs::LogGroup")
    assert "KmsKeyId" in log_group
    assert log_group["RetentionInDays"] == 365
    assert minimal.resources("AWS::Lambda::Function") == {}, "no LogRetention custom resource"
    assert minimal.resources("Custom::LogRetention") == {}


def test_introspection_and_depth_are_options(full: Synthesized) -> None:
    api = only(full, "AWS::AppSync::GraphQLApi")
    assert api["IntrospectionConfig"] == "DISABLED"
    assert api["QueryDepthLimit"] == 10


def test_api_key_only_when_asked_with_expiry(api_key: Synthesized) -> None:
    api = only(api_key, "AWS::AppSync::GraphQLApi")
    assert {"AuthenticationType": "API_KEY"} in api["AdditionalAuthenticationProviders"]
    assert "Expires" in only(api_key, "AWS::AppSync::ApiKey")


def test_schema_holds_generated_operations(full: Synthesized) -> None:
    definition = only(full, "AWS::AppSync::GraphQLSchema")["Definition"]
    assert "getNote(id: ID!): Note @aws_cognito_user_pools @aws_iam" in definition
    assert "listTags(limit: Int, nextToken: String): TagConnection" in definition


# Models


def test_tables_are_on_demand_recoverable_encrypted_protected_and_retained(
    full: Synthesized,
) -> None:
    tables = full.resources("AWS::DynamoDB::Table")
    assert len(tables) == 2
    for table in tables.values():
        props = table["Properties"]
        assert table["DeletionPolicy"] == "Retain"
        assert table["UpdateReplacePolicy"] == "Retain"
        assert props["BillingMode"] == "PAY_PER_REQUEST"
        assert props["PointInTimeRecoverySpecification"] == {"PointInTimeRecoveryEnabled": True}
        assert props["SSESpecification"] == {"SSEEnabled": True}
        assert props["DeletionProtectionEnabled"] is True


def test_owned_model_table_has_owner_index(full: Synthesized) -> None:
    tables = full.resources("AWS::DynamoDB::Table")
    note = tables["ApiModelsNoteTableB1182210"]["Properties"]
    (index,) = note["GlobalSecondaryIndexes"]
    assert index["IndexName"] == "byOwner"
    assert index["KeySchema"][0] == {"AttributeName": "owner", "KeyType": "HASH"}
    assert "GlobalSecondaryIndexes" not in tables["ApiModelsTagTableE32FD2BA"]["Properties"]


def test_every_generated_field_has_an_appsync_js_resolver(full: Synthesized) -> None:
    resolvers = full.resources("AWS::AppSync::Resolver").values()
    fields = {(r["Properties"]["TypeName"], r["Properties"]["FieldName"]) for r in resolvers}
    for model, plural in [("Note", "Notes"), ("Tag", "Tags")]:
        assert {
            ("Query", f"get{model}"),
            ("Query", f"list{plural}"),
            ("Mutation", f"create{model}"),
            ("Mutation", f"update{model}"),
            ("Mutation", f"delete{model}"),
            ("Subscription", f"onCreate{model}"),
            ("Subscription", f"onUpdate{model}"),
            ("Subscription", f"onDelete{model}"),
        } <= fields
    for resolver in resolvers:
        props = resolver["Properties"]
        assert props["Runtime"] == {"Name": "APPSYNC_JS", "RuntimeVersion": "1.0.0"}
        assert "export function request" in props["Code"]
        if props["TypeName"] != "Subscription":
            assert props["Kind"] == "PIPELINE"
    for function in full.resources("AWS::AppSync::FunctionConfiguration").values():
        assert function["Properties"]["Runtime"]["Name"] == "APPSYNC_JS"


def test_owner_settings_reach_the_resolver_code(full: Synthesized) -> None:
    codes = {
        r["Properties"]["FieldName"]: r["Properties"]["Code"]
        for r in full.resources("AWS::AppSync::Resolver").values()
    }
    owned = '{"adminGroups": ["admin"], "ownerField": "owner", "ownerIndex": "byOwner"}'
    shared = '{"adminGroups": [], "ownerField": null, "ownerIndex": null}'
    assert f"const MODEL = {owned};" in codes["getNote"]
    assert f"const MODEL = {owned};" in codes["onCreateNote"]
    assert f"const MODEL = {shared};" in codes["getTag"]


def test_grant_query_allows_only_the_named_fields(full: Synthesized) -> None:
    policies = full.resources("AWS::IAM::Policy")
    (backend,) = [p for k, p in policies.items() if k.startswith("Backend")]
    (statement,) = backend["Properties"]["PolicyDocument"]["Statement"]
    assert statement["Action"] == "appsync:GraphQL"
    resources = json.dumps(statement["Resource"])
    assert "/types/Query/fields/getNote" in resources
    assert "/types/Query/fields/listNotes" in resources
    assert len(statement["Resource"]) == 2


# Analytics


def test_analytics_is_an_encrypted_stream_into_an_encrypted_bucket(full: Synthesized) -> None:
    stream = only(full, "AWS::KinesisFirehose::DeliveryStream")
    assert stream["DeliveryStreamEncryptionConfigurationInput"]["KeyType"] == "CUSTOMER_MANAGED_CMK"
    destination = stream["ExtendedS3DestinationConfiguration"]
    assert "KMSEncryptionConfig" in destination["EncryptionConfiguration"]
    bucket = only(full, "AWS::S3::Bucket")
    (rule,) = bucket["BucketEncryption"]["ServerSideEncryptionConfiguration"]
    assert rule["ServerSideEncryptionByDefault"]["SSEAlgorithm"] == "aws:kms"
    assert bucket["PublicAccessBlockConfiguration"]["RestrictPublicBuckets"] is True


def test_signed_in_users_may_only_put_records_on_the_stream(full: Synthesized) -> None:
    (stream_id,) = full.resources("AWS::KinesisFirehose::DeliveryStream")
    policies = full.resources("AWS::IAM::ManagedPolicy")
    (put,) = [p["Properties"] for k, p in policies.items() if "PutRecords" in k]
    (statement,) = put["PolicyDocument"]["Statement"]
    assert statement["Action"] == ["firehose:PutRecord", "firehose:PutRecordBatch"]
    assert statement["Resource"] == {"Fn::GetAtt": [stream_id, "Arn"]}
    attachment = only(full, "AWS::Cognito::IdentityPoolRoleAttachment")
    authenticated = attachment["Roles"]["authenticated"]["Fn::GetAtt"][0]
    roles = {r["Ref"] for r in put["Roles"]}
    assert authenticated in roles
    assert len(roles) == 3, "the authenticated role and both group roles"


def test_no_analytics_by_default(minimal: Synthesized) -> None:
    assert minimal.resources("AWS::KinesisFirehose::DeliveryStream") == {}
    assert minimal.resources("AWS::S3::Bucket") == {}


# Client config


def test_client_config_is_shaped_like_amplify_outputs() -> None:
    stack = new_stack()
    api = ServerlessAuthApi(
        stack,
        "Api",
        schema=NOTES_SDL,
        models=[Model("Note", owner=True)],
        user_pool=UserPoolOptions(groups=["admin"]),
        analytics=AnalyticsOptions(),
    )
    config = stack.resolve(api.client_config())
    assert config["version"] == "1.4"
    auth = config["auth"]
    assert auth["user_pool_id"] == {"Ref": "ApiUserPool5AB2526B"}
    assert auth["user_pool_client_id"] == {"Ref": "ApiUserPoolUserPoolClientFB28CDEE"}
    assert auth["identity_pool_id"] == {"Ref": "ApiIdentityPoolD9279FEC"}
    assert auth["aws_region"] == {"Ref": "AWS::Region"}
    assert auth["unauthenticated_identities_enabled"] is False
    assert auth["mfa_configuration"] == "OPTIONAL"
    assert auth["mfa_methods"] == ["TOTP"]
    assert auth["groups"] == [{"admin": {"precedence": 0}}]
    assert auth["password_policy"]["min_length"] == 12
    data = config["data"]
    assert data["url"] == {"Fn::GetAtt": ["ApiCD79AAA0", "GraphQLUrl"]}
    assert data["default_authorization_type"] == "AMAZON_COGNITO_USER_POOLS"
    assert data["authorization_types"] == ["AWS_IAM"]
    assert "api_key" not in data
    assert config["custom"]["analytics"]["firehose_stream_name"] == {
        "Ref": "ApiAnalyticsStream8A454C00"
    }


def test_client_config_is_a_stack_output(minimal: Synthesized) -> None:
    outputs = minimal.template()["Outputs"]
    (output,) = [o for k, o in outputs.items() if k.startswith("ApiClientConfig")]
    assert any(
        isinstance(v, str) and '"version":"1.4"' in v.replace(" ", "")
        for v in walk(output["Value"])
    )


def test_attributes_are_exposed() -> None:
    stack = new_stack()
    api = ServerlessAuthApi(
        stack,
        "Api",
        schema=NOTES_SDL,
        models=[Model("Note")],
        user_pool=UserPoolOptions(groups=["admin"]),
    )
    assert set(api.tables) == {"Note"}
    assert set(api.group_roles) == {"admin"}
    assert api.analytics_stream is None
    assert api.graphql_url == api.api.graphql_url
    assert isinstance(api.grant_mutation(iam.AccountRootPrincipal(), "createNote"), iam.Grant)
    assert isinstance(api.grant_subscription(iam.AccountRootPrincipal(), "onCreateNote"), iam.Grant)
    with pytest.raises(TypeError):
        api.tables["Other"] = api.tables["Note"]  # type: ignore[index]


def test_schema_from_a_file(tmp_path: Path) -> None:
    schema = tmp_path / "schema.graphql"
    schema.write_text(NOTES_SDL)
    api = ServerlessAuthApi(new_stack(), "Api", schema=schema, models=[Model("Note")])
    assert set(api.tables) == {"Note"}


# Failing cases


@pytest.mark.parametrize(
    ("prefix", "message"),
    [
        ("Notes", r"'Notes' is not a valid Cognito domain prefix"),
        ("-notes", r"not a valid Cognito domain prefix"),
        ("notes-", r"not a valid Cognito domain prefix"),
        ("a" * 64, r"not a valid Cognito domain prefix"),
        ("my_app", r"not a valid Cognito domain prefix"),
        ("myaws-app", r"contains 'aws', which Cognito reserves"),
        ("amazon-notes", r"contains 'amazon'"),
        ("notes-cognito", r"contains 'cognito'"),
    ],
)
def test_rejects_bad_domain_prefix(prefix: str, message: str) -> None:
    with pytest.raises(ValidationError, match=rf"user_pool\.domain_prefix: .*{message}"):
        check_domain_prefix(prefix)


@pytest.mark.parametrize("prefix", ["a", "notes-app", "a" * 63, "n0t3s"])
def test_accepts_good_domain_prefix(prefix: str) -> None:
    check_domain_prefix(prefix)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            {"api_key": ApiKeyOptions()},
            r"api_key\.expires: None; an API key must expire",
        ),
        (
            {"api_key": ApiKeyOptions(expires=cdk.Expiration.after(cdk.Duration.days(400)))},
            r"api_key\.expires: .* is not 1 to 365 days",
        ),
        (
            {"user_pool": UserPoolOptions(domain_prefix="aws-notes", callback_urls=["https://x/"])},
            r"user_pool\.domain_prefix: 'aws-notes' contains 'aws'",
        ),
        (
            {"user_pool": UserPoolOptions(domain_prefix="notes")},
            r"user_pool\.domain_prefix: 'notes' is given without callback_urls",
        ),
        (
            {"user_pool": UserPoolOptions(callback_urls=["https://x/"])},
            r"user_pool\.callback_urls / logout_urls: given without domain_prefix",
        ),
        (
            {"user_pool": UserPoolOptions(threat_protection=True)},
            r"user_pool\.threat_protection: True needs feature_plan=FeaturePlan\.PLUS",
        ),
        (
            {"user_pool": UserPoolOptions(groups=["admin", "admin"])},
            r"user_pool\.groups: 'admin' is not a usable group name",
        ),
        (
            {"models": [Model("Note", owner=True, admin_groups=["admin"])]},
            r"admin group 'admin' is not in user_pool\.groups \[\]",
        ),
        ({"query_depth_limit": 0}, r"query_depth_limit: 0 is outside 1 to 75"),
        ({"models": [Model("Todo")]}, r"Model\('Todo'\) has no `type Todo`"),
        ({"schema": "schema.graphql"}, r"schema: 'schema.graphql' looks like a file name"),
        ({"schema": Path("/nonexistent/schema.graphql")}, r"schema: cannot read"),
        ({"schema": "type Query {"}, r"schema: GraphQL syntax error at line 1, column 13"),
    ],
)
def test_rejects_options_that_cannot_work(options: dict[str, Any], message: str) -> None:
    arguments: dict[str, Any] = {"schema": NOTES_SDL, **options}
    with pytest.raises(ValidationError, match=message):
        ServerlessAuthApi(new_stack(), "Api", **arguments)


def test_rejects_grant_of_unknown_field() -> None:
    api = ServerlessAuthApi(new_stack(), "Api", schema=NOTES_SDL, models=[Model("Note")])
    role = iam.AccountRootPrincipal()
    with pytest.raises(ValidationError, match=r"grant_query: Query\.getTodo is not a field"):
        api.grant_query(role, "getTodo")
    with pytest.raises(ValidationError, match=r"grant_mutation: Mutation\.getNote is not a field"):
        api.grant_mutation(role, "getNote")
    with pytest.raises(ValidationError, match=r"grant_subscription: Subscription\.x is not"):
        api.grant_subscription(role, "x")


def test_grants_follow_custom_root_type_names() -> None:
    stack = new_stack()
    sdl = "schema { query: Root }\ntype Root { hello: String }\n" + NOTES_SDL.replace(
        "type Query {\n  hello: String\n}", ""
    )
    api = ServerlessAuthApi(stack, "Api", schema=sdl, models=[Model("Note")])
    role = iam.Role(stack, "Backend", assumed_by=iam.AccountRootPrincipal())
    api.grant_query(role, "getNote")
    with pytest.raises(ValidationError, match=r"grant_query: Root\.getTodo is not a field"):
        api.grant_query(role, "getTodo")
    statements = json.dumps(stack.resolve(role.node.find_child("DefaultPolicy").document))  # type: ignore[attr-defined]
    assert "/types/Root/fields/getNote" in statements


def test_deployed_resolver_code_is_the_code_the_node_tests_run(full: Synthesized) -> None:
    settings = {"ownerField": "owner", "ownerIndex": "byOwner", "adminGroups": ["admin"]}
    resolvers = {
        r["Properties"]["FieldName"]: r["Properties"]["Code"]
        for r in full.resources("AWS::AppSync::Resolver").values()
    }
    assert resolvers["listNotes"] == code.render("pipeline", settings)
    assert resolvers["onDeleteNote"] == code.render("subscribe", settings)
    functions = {
        f["Properties"]["Name"]: f["Properties"]["Code"]
        for f in full.resources("AWS::AppSync::FunctionConfiguration").values()
    }
    for action, field in [("get", "getNote"), ("list", "listNotes"), ("update", "updateTag")]:
        assert functions[f"{field}Data"] == code.function_code(action)


def test_public_names_of_the_module() -> None:
    assert set(auth_api.__all__) == {
        "AnalyticsOptions",
        "ApiKeyOptions",
        "Model",
        "ServerlessAuthApi",
        "UserPoolOptions",
        "check_domain_prefix",
    }
