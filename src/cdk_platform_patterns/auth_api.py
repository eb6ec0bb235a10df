"""ServerlessAuthApi: Cognito sign-up and sign-in in front of an AppSync GraphQL API."""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from aws_cdk import (
    ArnFormat,
    CfnElement,
    CfnOutput,
    Duration,
    Expiration,
    Names,
    RemovalPolicy,
    Stack,
    Token,
)
from aws_cdk import aws_appsync as appsync
from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_cognito_identitypool as identitypool
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kinesisfirehose as firehose
from aws_cdk import aws_kms as kms
from aws_cdk import aws_logs as logs
from aws_cdk import aws_s3 as s3
from constructs import Construct

from cdk_platform_patterns._nag import acknowledge
from cdk_platform_patterns._names import COGNITO_GROUP_NAME, DNS_LABEL_NAME
from cdk_platform_patterns.errors import ValidationError
from cdk_platform_patterns.graphql import code
from cdk_platform_patterns.graphql.schema import (
    OWNER_FIELD,
    Model,
    ModelPlan,
    SchemaPlan,
    plan_schema,
)

__all__ = [
    "AnalyticsOptions",
    "ApiKeyOptions",
    "Model",
    "ServerlessAuthApi",
    "UserPoolOptions",
    "check_domain_prefix",
]

_RESERVED_IN_DOMAIN = ("aws", "amazon", "cognito")
MIN_PASSWORD_LENGTH = 12
"""Shortest password the user pool accepts."""

AMPLIFY_OUTPUTS_VERSION = "1.4"
"""Version of the ``amplify_outputs.json`` format that ``client_config()`` follows."""

_ACTION_IDS = MappingProxyType(
    {
        "get": ("GetFunction", "GetResolver"),
        "list": ("ListFunction", "ListResolver"),
        "create": ("CreateFunction", "CreateResolver"),
        "update": ("UpdateFunction", "UpdateResolver"),
        "delete": ("DeleteFunction", "DeleteResolver"),
    }
)
_SUBSCRIPTION_IDS = ("OnCreateResolver", "OnUpdateResolver", "OnDeleteResolver")
_MFA_NAMES = MappingProxyType(
    {cognito.Mfa.OFF: "NONE", cognito.Mfa.OPTIONAL: "OPTIONAL", cognito.Mfa.REQUIRED: "REQUIRED"}
)


@dataclass(frozen=True, kw_only=True)
class UserPoolOptions:
    """How users sign up and sign in to a ``ServerlessAuthApi``.

    Users sign in with their email address (case-insensitive), which is verified by a code
    and used for account recovery. Passwords need at least 12 characters with lower-case
    and upper-case letters, digits and symbols. Sign-in errors do not reveal whether a
    user exists. The app client has no secret (browsers and phones cannot keep one) and
    uses SRP sign-in.

    Cognito cannot change sign-in aliases, case sensitivity, required attributes or an
    app client's secret after creation; this construct fixes them (email alias,
    case-insensitive, email required, no secret) so that no option here replaces the pool.
    """

    self_sign_up: bool = False
    """Whether anyone may sign up. Default: False (administrators create users)."""

    mfa: cognito.Mfa = cognito.Mfa.OPTIONAL
    """Multi-factor authentication. Default: ``Mfa.OPTIONAL``, with TOTP apps only."""

    groups: Sequence[str] = ()
    """User pool groups, each with its own IAM role, earlier names taking precedence.

    Signed-in members get their group's role from the identity pool. Default: none.
    The names are part of construct paths: renaming a group replaces it.
    """

    domain_prefix: str | None = None
    """Prefix of a Cognito hosted UI domain, ``<prefix>.auth.<region>.amazoncognito.com``.

    Lower-case letters, digits and inner hyphens, at most 63 characters, without
    ``aws``, ``amazon`` or ``cognito``. Default: no hosted UI domain and no OAuth flows;
    apps sign in through the Cognito API (Amplify's ``signIn``).
    """

    callback_urls: Sequence[str] = ()
    """OAuth redirect URLs for the hosted UI (authorization code grant only).

    Default: none. Needed, and only accepted, with ``domain_prefix``.
    """

    logout_urls: Sequence[str] = ()
    """URLs the hosted UI may return to after sign-out. Default: none."""

    feature_plan: cognito.FeaturePlan = cognito.FeaturePlan.ESSENTIALS
    """Cognito feature plan. Default: ``FeaturePlan.ESSENTIALS``."""

    threat_protection: bool = False
    """Whether to block risky sign-ins (threat protection, full function).

    Needs ``feature_plan=FeaturePlan.PLUS``, which is billed per active user.
    Default: False.
    """


@dataclass(frozen=True, kw_only=True)
class ApiKeyOptions:
    """An AppSync API key as an additional auth mode, for public read paths.

    Only fields marked ``@aws_api_key`` in the schema answer it; the generated model
    operations never do.
    """

    expires: Expiration | None = None
    """When the key expires, 1 to 365 days from now, such as
    ``Expiration.after(Duration.days(30))``. Required: a key without expiry is rejected.
    """

    description: str | None = None
    """Description of the key. Default: none."""


@dataclass(frozen=True, kw_only=True)
class AnalyticsOptions:
    """An event stream for app analytics, replacing Amazon Pinpoint (end of support 2026).

    Defines a Kinesis Data Firehose stream, encrypted with a customer-managed KMS key,
    that delivers into an S3 bucket encrypted with the same key (versioned, public
    access blocked, TLS only, retained on stack deletion). Signed-in users (and group
    roles) may ``firehose:PutRecord`` and ``firehose:PutRecordBatch`` on that stream and
    nothing else.
    """

    buffering_interval: Duration | None = None
    """How long Firehose buffers records before writing a file. Default: 5 minutes."""

    expiration: Duration | None = None
    """How long delivered records are kept in the bucket. Default: kept until deleted."""


def check_domain_prefix(prefix: str) -> None:
    """Raise ``ValidationError`` unless ``prefix`` works as a Cognito hosted UI prefix."""
    if not DNS_LABEL_NAME.match(prefix):
        raise ValidationError(
            f"user_pool.domain_prefix: {prefix!r} is not a valid Cognito domain prefix; use "
            "1 to 63 lower-case letters, digits and hyphens, starting and ending with a "
            "letter or digit, such as 'notes-app'."
        )
    for word in _RESERVED_IN_DOMAIN:
        if word in prefix:
            raise ValidationError(
                f"user_pool.domain_prefix: {prefix!r} contains {word!r}, which Cognito "
                "reserves; choose a prefix without 'aws', 'amazon' or 'cognito'."
            )


def _check_user_pool_options(options: UserPoolOptions) -> None:
    if options.domain_prefix is not None and not Token.is_unresolved(options.domain_prefix):
        check_domain_prefix(options.domain_prefix)
    if options.domain_prefix is None and (options.callback_urls or options.logout_urls):
        raise ValidationError(
            "user_pool.callback_urls / logout_urls: given without domain_prefix; OAuth "
            "redirects need a hosted UI domain, so set domain_prefix too."
        )
    if options.domain_prefix is not None and not options.callback_urls:
        raise ValidationError(
            f"user_pool.domain_prefix: {options.domain_prefix!r} is given without "
            "callback_urls; the hosted UI needs at least one, such as "
            "['https://app.example.com/']."
        )
    if options.threat_protection and options.feature_plan != cognito.FeaturePlan.PLUS:
        raise ValidationError(
            f"user_pool.threat_protection: True needs feature_plan=FeaturePlan.PLUS, not "
            f"{options.feature_plan}."
        )
    seen: set[str] = set()
    for group in options.groups:
        if not COGNITO_GROUP_NAME.match(group) or group in seen:
            raise ValidationError(
                f"user_pool.groups: {group!r} is not a usable group name; give distinct "
                "names of 1 to 128 letters, digits or +=,.@-_ such as 'admin'."
            )
        seen.add(group)


def _check_api_key(api_key: ApiKeyOptions | None) -> None:
    if api_key is None:
        return
    if api_key.expires is None:
        raise ValidationError(
            "api_key.expires: None; an API key must expire. Give "
            "ApiKeyOptions(expires=Expiration.after(Duration.days(30))) or leave api_key "
            "out (the default: no API key)."
        )
    if api_key.expires.is_before(Duration.days(1)) or api_key.expires.is_after(Duration.days(365)):
        raise ValidationError(
            f"api_key.expires: {api_key.expires.date.isoformat()} is not 1 to 365 days "
            "from now, as AppSync requires."
        )


def _read_schema(schema: Path | str) -> str:
    if isinstance(schema, Path):
        try:
            return schema.read_text(encoding="utf-8")
        except OSError as error:
            raise ValidationError(
                f"schema: cannot read {str(schema)!r} ({error.strerror}); give an existing "
                ".graphql file or the SDL as a string."
            ) from None
    if schema.strip().endswith((".graphql", ".gql")) and "{" not in schema:
        raise ValidationError(
            f"schema: {schema!r} looks like a file name; pass Path({schema!r}) for a file, "
            "a string is read as SDL."
        )
    return schema


def _logical_id(construct: Construct) -> str:
    """Logical id of a construct's CloudFormation resource, as cdk-nag names it in findings."""
    resource = construct.node.default_child
    assert isinstance(resource, CfnElement)
    return Stack.of(construct).get_logical_id(resource)


class ServerlessAuthApi(Construct):
    """Sign-up, sign-in and a GraphQL API with per-user data: Amplify's backend in CDK.

    Defines a Cognito user pool and app client, an identity pool for temporary AWS
    credentials of signed-in users, and an AppSync GraphQL API that accepts user pool
    tokens (default) and IAM signatures. Each ``Model`` gets a DynamoDB table and
    generated APPSYNC_JS resolvers for get, list, create, update, delete and
    subscriptions.

    Example::

        api = ServerlessAuthApi(stack, "Api",
            schema=Path("schema.graphql"),
            models=[Model("Note", owner=True)],
            user_pool=UserPoolOptions(self_sign_up=True, groups=["admin"]),
        )
        api.grant_query(role, "getNote", "listNotes")

    Safer than Amplify's defaults: no guest access, no API key, and the user pool and
    tables have deletion protection and are retained when the stack is deleted.
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        schema: Path | str,
        models: Sequence[Model] = (),
        user_pool: UserPoolOptions | None = None,
        allow_unauthenticated: bool = False,
        analytics: AnalyticsOptions | None = None,
        api_key: ApiKeyOptions | None = None,
        introspection: bool = True,
        query_depth_limit: int | None = None,
        api_name: str | None = None,
    ) -> None:
        """Define the user pool, identity pool, API, tables and (optionally) analytics.

        Args:
            scope: the construct to define the API in.
            id: the construct id.
            schema: the GraphQL schema, as a ``Path`` to an SDL file or an SDL string.
                AppSync scalars (``AWSDateTime``...) and directives may be used.
            models: object types of the schema stored in DynamoDB with generated
                operations. Default: none.
            user_pool: sign-up and sign-in settings. Default: ``UserPoolOptions()``,
                administrators create users, MFA optional (TOTP), no groups, no hosted UI.
            allow_unauthenticated: whether the identity pool gives guests credentials
                (of a role with no permissions). Default: False.
            analytics: an encrypted Firehose stream signed-in users may write events to.
                Default: none.
            api_key: an API key as an additional auth mode; it must expire.
                Default: no API key.
            introspection: whether clients may introspect the schema. Default: True,
                which code generators need; turn it off for production if unused.
            query_depth_limit: deepest query nesting allowed, 1 to 75. Default: no limit.
            api_name: name of the AppSync API. Default: derived from the construct path.

        Raises:
            ValidationError: for a schema that does not parse (with line and column), a
                model that is not an object type with ``id: ID!``, a generated field that
                the schema already has, a bad hosted UI domain prefix or group name, an
                API key without expiry, or an out-of-range query depth.
        """
        super().__init__(scope, id)

        pool_options = user_pool or UserPoolOptions()
        _check_user_pool_options(pool_options)
        _check_api_key(api_key)
        if query_depth_limit is not None and not 1 <= query_depth_limit <= 75:
            raise ValidationError(
                f"query_depth_limit: {query_depth_limit} is outside 1 to 75; give a depth in "
                "that range or None for no limit."
            )
        plan = plan_schema(_read_schema(schema), models)
        for model in models:
            for group in model.admin_groups:
                if group not in pool_options.groups:
                    raise ValidationError(
                        f"models: Model({model.name!r}) admin group {group!r} is not in "
                        f"user_pool.groups {list(pool_options.groups)!r}; add it there."
                    )

        self._plan = plan
        self._pool_options = pool_options
        self._allow_unauthenticated = allow_unauthenticated
        self._api_key_enabled = api_key is not None

        self.user_pool = self._define_user_pool(pool_options)
        """The Cognito user pool (deletion protection on, retained on stack deletion)."""

        self.user_pool_client = self._define_client(pool_options)
        """The app client front ends sign in with (no secret, SRP sign-in)."""

        self.user_pool_domain: cognito.UserPoolDomain | None = None
        """The hosted UI domain, or None without ``UserPoolOptions.domain_prefix``."""
        if pool_options.domain_prefix is not None:
            self.user_pool_domain = self.user_pool.add_domain(
                "Domain",
                cognito_domain=cognito.CognitoDomainOptions(
                    domain_prefix=pool_options.domain_prefix
                ),
            )

        self.identity_pool = identitypool.IdentityPool(
            self,
            "IdentityPool",
            allow_unauthenticated_identities=allow_unauthenticated,
            allow_classic_flow=False,
            authentication_providers=identitypool.IdentityPoolAuthenticationProviders(
                user_pools=[
                    identitypool.UserPoolAuthenticationProvider(
                        user_pool=self.user_pool, user_pool_client=self.user_pool_client
                    )
                ]
            ),
            role_mappings=[
                identitypool.IdentityPoolRoleMapping(
                    provider_url=identitypool.IdentityPoolProviderUrl.user_pool(
                        self.user_pool, self.user_pool_client
                    ),
                    use_token=True,
                    resolve_ambiguous_roles=True,
                    mapping_key="userpool",
                )
            ]
            if pool_options.groups
            else None,
        )
        """The identity pool that gives signed-in users temporary AWS credentials."""
        if allow_unauthenticated:
            acknowledge(
                self.identity_pool,
                "Guest identities were asked for (allow_unauthenticated=True); the guest role "
                "has no permissions unless the app grants some.",
                "AwsSolutions-COG7",
            )

        self.authenticated_role: iam.IRole = self.identity_pool.authenticated_role
        """Role of signed-in users outside any group; trusts only this identity pool."""

        self.group_roles: MappingProxyType[str, iam.Role] = MappingProxyType(
            self._define_groups(pool_options.groups)
        )
        """Role of each user pool group, by group name; each trusts only this identity pool."""

        self.api = self._define_api(
            plan,
            api_key=api_key,
            introspection=introspection,
            query_depth_limit=query_depth_limit,
            api_name=api_name,
        )
        """The AppSync GraphQL API."""

        self.key = kms.Key(
            self,
            "Key",
            enable_key_rotation=True,
            description="Encrypts the GraphQL API's logs and the analytics events",
            removal_policy=RemovalPolicy.RETAIN,
        )
        """Customer-managed KMS key of the API's log group and of analytics (rotated yearly)."""

        self.log_group = self._define_api_logs()
        """The API's log group (errors only, no verbose content), encrypted, kept one year."""

        self.graphql_url: str = self.api.graphql_url
        """URL of the GraphQL endpoint."""

        tables: dict[str, dynamodb.ITable] = {}
        if plan.models:
            models_scope = Construct(self, "Models")
            none_source = self.api.add_none_data_source("None")
            for model_plan in plan.models:
                tables[model_plan.model.name] = self._define_model(
                    Construct(models_scope, model_plan.model.name), model_plan, none_source
                )
        self.tables: MappingProxyType[str, dynamodb.ITable] = MappingProxyType(tables)
        """Each model's DynamoDB table, by model name (retained on stack deletion)."""

        self.analytics_stream: firehose.CfnDeliveryStream | None = None
        """The analytics Firehose stream (``ref`` is its name, ``attr_arn`` its ARN), or None
        without ``analytics``."""
        self.analytics_bucket: s3.IBucket | None = None
        """The bucket analytics events land in, or None without ``analytics``."""
        if analytics is not None:
            self._define_analytics(analytics)

        CfnOutput(
            self,
            "ClientConfig",
            description="amplify_outputs.json for front ends (Amplify.configure)",
            value=Stack.of(self).to_json_string(self.client_config()),
        )

    # Grants

    def grant_query(self, grantee: iam.IGrantable, *fields: str) -> iam.Grant:
        """Let ``grantee`` call the named Query fields with IAM auth.

        IAM principals outside the identity pool act as admins of owned models (they see
        every item), so grant the fields a backend needs and no more.

        Raises:
            ValidationError: when a name is not a field of the Query type.
        """
        return self._grant("grant_query", "query", grantee, fields)

    def grant_mutation(self, grantee: iam.IGrantable, *fields: str) -> iam.Grant:
        """Let ``grantee`` call the named Mutation fields with IAM auth.

        Raises:
            ValidationError: when a name is not a field of the Mutation type.
        """
        return self._grant("grant_mutation", "mutation", grantee, fields)

    def grant_subscription(self, grantee: iam.IGrantable, *fields: str) -> iam.Grant:
        """Let ``grantee`` subscribe to the named Subscription fields with IAM auth.

        Raises:
            ValidationError: when a name is not a field of the Subscription type.
        """
        return self._grant("grant_subscription", "subscription", grantee, fields)

    def _grant(
        self, method: str, operation: str, grantee: iam.IGrantable, fields: Sequence[str]
    ) -> iam.Grant:
        # The schema may name its root types itself (schema { query: Root }), which the
        # GraphqlApi grant_query / grant_mutation helpers do not follow.
        type_name = self._plan.root_types[operation]
        self._plan.check_fields(method, type_name, fields)
        return self.api.grant(
            grantee, appsync.IamResource.of_type(type_name, *fields), "appsync:GraphQL"
        )

    # Front end settings

    def client_config(self) -> dict[str, Any]:
        """Settings a front end needs, shaped like Amplify's ``amplify_outputs.json``.

        Pass it to ``Amplify.configure()``. The values are CloudFormation tokens inside a
        stack; the same JSON is a stack output named after this construct
        (``ClientConfig``). Amplify's ``model_introspection`` is not included, so use
        GraphQL documents with ``generateClient()`` rather than ``client.models``.
        """
        region = Stack.of(self).region
        options = self._pool_options
        auth: dict[str, Any] = {
            "aws_region": region,
            "user_pool_id": self.user_pool.user_pool_id,
            "user_pool_client_id": self.user_pool_client.user_pool_client_id,
            "identity_pool_id": self.identity_pool.identity_pool_id,
            "password_policy": {
                "min_length": MIN_PASSWORD_LENGTH,
                "require_lowercase": True,
                "require_uppercase": True,
                "require_numbers": True,
                "require_symbols": True,
            },
            "standard_required_attributes": ["email"],
            "username_attributes": ["email"],
            "user_verification_types": ["email"],
            "unauthenticated_identities_enabled": self._allow_unauthenticated,
            "mfa_configuration": _MFA_NAMES[options.mfa],
            "mfa_methods": [] if options.mfa == cognito.Mfa.OFF else ["TOTP"],
            "groups": [{name: {"precedence": i}} for i, name in enumerate(options.groups)],
        }
        if self.user_pool_domain is not None:
            auth["oauth"] = {
                "identity_providers": [],
                "domain": f"{self.user_pool_domain.domain_name}.auth.{region}.amazoncognito.com",
                "scopes": ["openid", "email", "profile"],
                "redirect_sign_in_uri": list(options.callback_urls),
                "redirect_sign_out_uri": list(options.logout_urls),
                "response_type": "code",
            }
        data: dict[str, Any] = {
            "url": self.graphql_url,
            "aws_region": region,
            "default_authorization_type": "AMAZON_COGNITO_USER_POOLS",
            "authorization_types": ["AWS_IAM"],
        }
        if self._api_key_enabled:
            data["authorization_types"].append("API_KEY")
            data["api_key"] = self.api.api_key
        config: dict[str, Any] = {"version": AMPLIFY_OUTPUTS_VERSION, "auth": auth, "data": data}
        if self.analytics_stream is not None:
            config["custom"] = {
                "analytics": {
                    "aws_region": region,
                    "firehose_stream_name": self.analytics_stream.ref,
                }
            }
        return config

    # Resources

    def _define_user_pool(self, options: UserPoolOptions) -> cognito.UserPool:
        pool = cognito.UserPool(
            self,
            "UserPool",
            self_sign_up_enabled=options.self_sign_up,
            sign_in_aliases=cognito.SignInAliases(email=True),
            sign_in_case_sensitive=False,
            auto_verify=cognito.AutoVerifiedAttrs(email=True),
            standard_attributes=cognito.StandardAttributes(
                email=cognito.StandardAttribute(required=True, mutable=True)
            ),
            password_policy=cognito.PasswordPolicy(
                min_length=MIN_PASSWORD_LENGTH,
                require_lowercase=True,
                require_uppercase=True,
                require_digits=True,
                require_symbols=True,
                temp_password_validity=Duration.days(3),
            ),
            mfa=options.mfa,
            mfa_second_factor=cognito.MfaSecondFactor(otp=True, sms=False)
            if options.mfa != cognito.Mfa.OFF
            else None,
            account_recovery=cognito.AccountRecovery.EMAIL_ONLY,
            feature_plan=options.feature_plan,
            standard_threat_protection_mode=cognito.StandardThreatProtectionMode.FULL_FUNCTION
            if options.threat_protection
            else None,
            deletion_protection=True,
            removal_policy=RemovalPolicy.RETAIN,
        )
        if options.mfa != cognito.Mfa.REQUIRED:
            acknowledge(
                pool,
                f"MFA is {options.mfa.value.lower()} by the app's choice "
                "(UserPoolOptions.mfa); TOTP is offered to every user and Mfa.REQUIRED "
                "enforces it.",
                "AwsSolutions-COG2",
            )
        if options.feature_plan != cognito.FeaturePlan.PLUS:
            acknowledge(
                pool,
                "Threat protection needs the Plus feature plan, billed per active user; the app "
                "opts in with UserPoolOptions(feature_plan=FeaturePlan.PLUS, "
                "threat_protection=True). Sign-in errors hide whether a user exists and "
                "passwords need 12 characters of four kinds.",
                "AwsSolutions-COG8",
            )
        return pool

    def _define_client(self, options: UserPoolOptions) -> cognito.UserPoolClient:
        o_auth = None
        if options.domain_prefix is not None:
            o_auth = cognito.OAuthSettings(
                flows=cognito.OAuthFlows(authorization_code_grant=True),
                scopes=[
                    cognito.OAuthScope.OPENID,
                    cognito.OAuthScope.EMAIL,
                    cognito.OAuthScope.PROFILE,
                ],
                callback_urls=list(options.callback_urls),
                logout_urls=list(options.logout_urls) or None,
            )
        return self.user_pool.add_client(
            "UserPoolClient",
            generate_secret=False,
            auth_flows=cognito.AuthFlow(user_srp=True),
            prevent_user_existence_errors=True,
            enable_token_revocation=True,
            disable_o_auth=o_auth is None,
            o_auth=o_auth,
            supported_identity_providers=[cognito.UserPoolClientIdentityProvider.COGNITO],
        )

    def _define_groups(self, groups: Sequence[str]) -> dict[str, iam.Role]:
        roles: dict[str, iam.Role] = {}
        if not groups:
            return roles
        groups_scope = Construct(self, "Groups")
        principal = iam.FederatedPrincipal(
            "cognito-identity.amazonaws.com",
            conditions={
                "StringEquals": {
                    "cognito-identity.amazonaws.com:aud": self.identity_pool.identity_pool_id
                },
                "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "authenticated"},
            },
            assume_role_action="sts:AssumeRoleWithWebIdentity",
        )
        for precedence, name in enumerate(groups):
            group_scope = Construct(groups_scope, name)
            role = iam.Role(
                group_scope,
                "Role",
                assumed_by=principal,
                description=f"Signed-in members of the user pool group {name}",
            )
            cognito.UserPoolGroup(
                group_scope,
                "Group",
                user_pool=self.user_pool,
                group_name=name,
                precedence=precedence,
                role=role,
            )
            roles[name] = role
        return roles

    def _define_api(
        self,
        plan: SchemaPlan,
        *,
        api_key: ApiKeyOptions | None,
        introspection: bool,
        query_depth_limit: int | None,
        api_name: str | None,
    ) -> appsync.GraphqlApi:
        additional = [appsync.AuthorizationMode(authorization_type=appsync.AuthorizationType.IAM)]
        if api_key is not None:
            additional.append(
                appsync.AuthorizationMode(
                    authorization_type=appsync.AuthorizationType.API_KEY,
                    api_key_config=appsync.ApiKeyConfig(
                        expires=api_key.expires, description=api_key.description
                    ),
                )
            )
        # SchemaFile reads the file when it is constructed, so a temporary file is enough.
        with tempfile.TemporaryDirectory(prefix="cdk-platform-patterns-") as directory:
            schema_path = Path(directory) / "schema.graphql"
            schema_path.write_text(plan.sdl, encoding="utf-8")
            definition = appsync.Definition.from_schema(
                appsync.SchemaFile(file_path=str(schema_path))
            )
        return appsync.GraphqlApi(
            self,
            "Api",
            name=api_name or Names.unique_resource_name(self, max_length=65),
            definition=definition,
            authorization_config=appsync.AuthorizationConfig(
                default_authorization=appsync.AuthorizationMode(
                    authorization_type=appsync.AuthorizationType.USER_POOL,
                    user_pool_config=appsync.UserPoolConfig(user_pool=self.user_pool),
                ),
                additional_authorization_modes=additional,
            ),
            xray_enabled=True,
            introspection_config=appsync.IntrospectionConfig.ENABLED
            if introspection
            else appsync.IntrospectionConfig.DISABLED,
            query_depth_limit=query_depth_limit,
        )

    def _define_api_logs(self) -> logs.LogGroup:
        # The L2 LogConfig adds a Lambda-backed LogRetention custom resource and an
        # AWS-managed policy; an own encrypted log group and a scoped role avoid both.
        stack = Stack.of(self)
        log_group = logs.LogGroup(
            self,
            "ApiLogs",
            log_group_name=f"/aws/appsync/apis/{self.api.api_id}",
            encryption_key=self.key,
            retention=logs.RetentionDays.ONE_YEAR,
            removal_policy=RemovalPolicy.RETAIN,
        )
        self.key.add_to_resource_policy(
            iam.PolicyStatement(
                principals=[iam.ServicePrincipal(f"logs.{stack.region}.amazonaws.com")],
                actions=[
                    "kms:Encrypt*",
                    "kms:Decrypt*",
                    "kms:ReEncrypt*",
                    "kms:GenerateDataKey*",
                    "kms:Describe*",
                ],
                resources=["*"],
                conditions={
                    "ArnLike": {
                        "kms:EncryptionContext:aws:logs:arn": stack.format_arn(
                            service="logs",
                            resource="log-group",
                            resource_name="/aws/appsync/apis/*",
                            arn_format=ArnFormat.COLON_RESOURCE_NAME,
                        )
                    }
                },
            )
        )
        role = iam.Role(
            self,
            "ApiLogsRole",
            assumed_by=iam.ServicePrincipal("appsync.amazonaws.com"),
            description="Lets AppSync write the API's logs",
        )
        iam.ManagedPolicy(
            self,
            "ApiLogsPolicy",
            roles=[role],
            statements=[
                iam.PolicyStatement(
                    actions=["logs:CreateLogStream", "logs:PutLogEvents"],
                    resources=[f"{log_group.log_group_arn}"],
                )
            ],
        )
        cfn_api = self.api.node.default_child
        assert isinstance(cfn_api, appsync.CfnGraphQLApi)
        cfn_api.log_config = appsync.CfnGraphQLApi.LogConfigProperty(
            cloud_watch_logs_role_arn=role.role_arn,
            field_log_level="ERROR",
            exclude_verbose_content=True,
        )
        acknowledge(
            self.api,
            "Field-level logging at ERROR goes to an encrypted log group through a scoped role; "
            "verbose content (full requests, responses and headers, with users' data and "
            "tokens) is left out on purpose to keep personal data out of logs.",
            "AwsSolutions-ASC3",
        )
        return log_group

    def _define_model(
        self, scope: Construct, plan: ModelPlan, none_source: appsync.NoneDataSource
    ) -> dynamodb.ITable:
        name = plan.model.name
        table = dynamodb.Table(
            scope,
            "Table",
            partition_key=dynamodb.Attribute(name="id", type=dynamodb.AttributeType.STRING),
            billing_mode=dynamodb.BillingMode.PAY_PER_REQUEST,
            encryption=dynamodb.TableEncryption.AWS_MANAGED,
            point_in_time_recovery_specification=dynamodb.PointInTimeRecoverySpecification(
                point_in_time_recovery_enabled=True
            ),
            deletion_protection=True,
            removal_policy=RemovalPolicy.RETAIN,
        )
        if plan.owner_index is not None:
            table.add_global_secondary_index(
                index_name=plan.owner_index,
                partition_key=dynamodb.Attribute(
                    name=plan.owner_field or OWNER_FIELD, type=dynamodb.AttributeType.STRING
                ),
                sort_key=dynamodb.Attribute(name="createdAt", type=dynamodb.AttributeType.STRING),
            )
        source = appsync.DynamoDbDataSource(
            scope,
            "DataSource",
            api=self.api,
            table=table,
            name=f"{name}Table",
            description=f"DynamoDB table of the {name} model",
        )

        acknowledge(
            table,
            "Point-in-time recovery (35 days), deletion protection and retention on stack "
            "deletion are on; AWS Backup plans select resources account- or organisation-wide "
            "(by tag), which this construct cannot own.",
            "NIST.800.53.R5-DynamoDBInBackupPlan",
            "HIPAA.Security-DynamoDBInBackupPlan",
        )
        acknowledge(
            source,
            "aws-cdk-lib grants the data source's service role read and write on its one table "
            "and that table's indexes (table ARN + /index/*) as a policy of that role, which "
            "only AppSync assumes and which lives and dies with it.",
            f"AwsSolutions-IAM5[Resource::<{_logical_id(table)}.Arn>/index/*]",
            "NIST.800.53.R5-IAMNoInlinePolicy",
            "HIPAA.Security-IAMNoInlinePolicy",
        )

        settings = code.model_settings(plan)
        pipeline = appsync.Code.from_inline(code.render("pipeline", settings))
        for action, (function_id, resolver_id) in _ACTION_IDS.items():
            operation = plan.operation(action)
            function = appsync.AppsyncFunction(
                scope,
                function_id,
                api=self.api,
                data_source=source,
                name=f"{operation.field_name}Data",
                runtime=appsync.FunctionRuntime.JS_1_0_0,
                code=appsync.Code.from_inline(code.function_code(action)),
            )
            appsync.Resolver(
                scope,
                resolver_id,
                api=self.api,
                type_name=operation.type_name,
                field_name=operation.field_name,
                runtime=appsync.FunctionRuntime.JS_1_0_0,
                code=pipeline,
                pipeline_config=[function],
            )
        subscriptions = [op for op in plan.operations if op.action == "subscribe"]
        subscription_code = appsync.Code.from_inline(code.render("subscribe", settings))
        for resolver_id, operation in zip(_SUBSCRIPTION_IDS, subscriptions, strict=True):
            appsync.Resolver(
                scope,
                resolver_id,
                api=self.api,
                data_source=none_source,
                type_name=operation.type_name,
                field_name=operation.field_name,
                runtime=appsync.FunctionRuntime.JS_1_0_0,
                code=subscription_code,
            )
        return table

    def _define_analytics(self, options: AnalyticsOptions) -> None:
        # The L2 DeliveryStream adds broad grants, an unencrypted log group and an unused
        # mapping that cfn-lint flags, so the stream is defined at the CloudFormation level.
        scope = Construct(self, "Analytics")
        key = self.key
        bucket = s3.Bucket(
            scope,
            "Bucket",
            encryption=s3.BucketEncryption.KMS,
            encryption_key=key,
            bucket_key_enabled=True,
            block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
            enforce_ssl=True,
            versioned=True,
            object_ownership=s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
            removal_policy=RemovalPolicy.RETAIN,
            lifecycle_rules=[
                s3.LifecycleRule(
                    expiration=options.expiration,
                    noncurrent_version_expiration=options.expiration,
                )
            ]
            if options.expiration is not None
            else None,
        )
        role = iam.Role(
            scope,
            "DeliveryRole",
            assumed_by=iam.ServicePrincipal(
                "firehose.amazonaws.com",
                conditions={"StringEquals": {"aws:SourceAccount": Stack.of(self).account}},
            ),
            description="Lets Firehose deliver analytics events to their bucket",
        )
        delivery_policy = iam.ManagedPolicy(
            scope,
            "DeliveryPolicy",
            roles=[role],
            statements=[
                iam.PolicyStatement(
                    actions=[
                        "s3:GetBucketLocation",
                        "s3:ListBucket",
                        "s3:ListBucketMultipartUploads",
                    ],
                    resources=[bucket.bucket_arn],
                ),
                iam.PolicyStatement(
                    actions=["s3:AbortMultipartUpload", "s3:GetObject", "s3:PutObject"],
                    resources=[bucket.arn_for_objects("*")],
                ),
                iam.PolicyStatement(
                    actions=["kms:Decrypt", "kms:GenerateDataKey"],
                    resources=[key.key_arn],
                ),
            ],
        )
        interval = options.buffering_interval or Duration.minutes(5)
        stream = firehose.CfnDeliveryStream(
            scope,
            "Stream",
            delivery_stream_type="DirectPut",
            delivery_stream_encryption_configuration_input=(
                firehose.CfnDeliveryStream.DeliveryStreamEncryptionConfigurationInputProperty(
                    key_type="CUSTOMER_MANAGED_CMK", key_arn=key.key_arn
                )
            ),
            extended_s3_destination_configuration=(
                firehose.CfnDeliveryStream.ExtendedS3DestinationConfigurationProperty(
                    bucket_arn=bucket.bucket_arn,
                    role_arn=role.role_arn,
                    prefix="events/",
                    error_output_prefix="errors/!{firehose:error-output-type}/",
                    compression_format="GZIP",
                    buffering_hints=firehose.CfnDeliveryStream.BufferingHintsProperty(
                        interval_in_seconds=interval.to_seconds(), size_in_m_bs=5
                    ),
                    encryption_configuration=firehose.CfnDeliveryStream.EncryptionConfigurationProperty(
                        kms_encryption_config=firehose.CfnDeliveryStream.KMSEncryptionConfigProperty(
                            awskms_key_arn=key.key_arn
                        )
                    ),
                )
            ),
        )
        stream.node.add_dependency(delivery_policy)
        iam.ManagedPolicy(
            scope,
            "PutRecordsPolicy",
            description="Lets signed-in users put analytics events into the stream",
            roles=[self.authenticated_role, *self.group_roles.values()],
            statements=[
                iam.PolicyStatement(
                    actions=["firehose:PutRecord", "firehose:PutRecordBatch"],
                    resources=[stream.attr_arn],
                )
            ],
        )
        self.analytics_stream = stream
        self.analytics_bucket = bucket

        acknowledge(
            bucket,
            "Only the analytics stream's delivery role writes to this bucket and nothing reads "
            "it but the account's own analysis; object access is audited through CloudTrail "
            "data events set up by the account. Server access logs would need a second bucket "
            "that cannot use the KMS key and fails the same rule.",
            "AwsSolutions-S1",
            "NIST.800.53.R5-S3BucketLoggingEnabled",
            "HIPAA.Security-S3BucketLoggingEnabled",
        )
        acknowledge(
            bucket,
            "Analytics events are derived, non-authoritative data in a versioned, retained "
            "bucket; replication to another Region needs a destination this construct cannot "
            "own and is left to the account's disaster recovery policy.",
            "NIST.800.53.R5-S3BucketReplicationEnabled",
            "HIPAA.Security-S3BucketReplicationEnabled",
        )
        acknowledge(
            delivery_policy,
            "Firehose writes objects under generated names, so the delivery role needs the "
            "objects of its one bucket (bucket ARN + /*), nothing else.",
            f"AwsSolutions-IAM5[Resource::<{_logical_id(bucket)}.Arn>/*]",
        )
