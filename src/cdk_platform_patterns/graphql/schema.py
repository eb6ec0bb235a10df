"""Schema checks and the create/read/update/delete plan of a ServerlessAuthApi (no CDK).

The user's SDL is parsed with graphql-core, the models are checked against it, and the
generated types and operations are added to it. What comes out is the SDL that AppSync
gets and the list of resolvers that the construct defines.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import KW_ONLY, dataclass, field

from graphql import (
    DefinitionNode,
    DocumentNode,
    EnumTypeDefinitionNode,
    FieldDefinitionNode,
    GraphQLError,
    GraphQLSyntaxError,
    InputObjectTypeDefinitionNode,
    InterfaceTypeDefinitionNode,
    ListTypeNode,
    NamedTypeNode,
    NonNullTypeNode,
    ObjectTypeDefinitionNode,
    ObjectTypeExtensionNode,
    ScalarTypeDefinitionNode,
    SchemaDefinitionNode,
    TypeDefinitionNode,
    TypeNode,
    UnionTypeDefinitionNode,
    build_ast_schema,
    parse,
    print_ast,
)

from cdk_platform_patterns._names import COGNITO_GROUP_NAME
from cdk_platform_patterns.errors import ValidationError

__all__ = [
    "APPSYNC_PRELUDE",
    "Model",
    "ModelPlan",
    "Operation",
    "SchemaPlan",
    "parse_sdl",
    "plan_schema",
    "pluralize",
]

APPSYNC_PRELUDE = """
scalar AWSDate
scalar AWSTime
scalar AWSDateTime
scalar AWSTimestamp
scalar AWSEmail
scalar AWSJSON
scalar AWSURL
scalar AWSPhone
scalar AWSIPAddress
directive @aws_subscribe(mutations: [String!]!) on FIELD_DEFINITION
directive @aws_auth(cognito_groups: [String!]!) on FIELD_DEFINITION
directive @aws_api_key on FIELD_DEFINITION | OBJECT
directive @aws_iam on FIELD_DEFINITION | OBJECT
directive @aws_oidc on FIELD_DEFINITION | OBJECT
directive @aws_lambda on FIELD_DEFINITION | OBJECT
directive @aws_cognito_user_pools(cognito_groups: [String!]) on FIELD_DEFINITION | OBJECT
"""
"""Scalars and directives that AppSync defines; used to check a schema, never sent."""

_BUILTIN_SCALARS = frozenset({"ID", "String", "Int", "Float", "Boolean"})
_APPSYNC_SCALARS = frozenset(
    {
        "AWSDate",
        "AWSTime",
        "AWSDateTime",
        "AWSTimestamp",
        "AWSEmail",
        "AWSJSON",
        "AWSURL",
        "AWSPhone",
        "AWSIPAddress",
    }
)
_MODEL_NAME = re.compile(r"^[A-Z][A-Za-z0-9]{0,63}$")
_AUTH_DIRECTIVES = "@aws_cognito_user_pools @aws_iam"
"""Generated fields and model types answer both the default and the IAM auth mode."""

OWNER_FIELD = "owner"
OWNER_INDEX = "byOwner"
TIMESTAMP_FIELDS = ("createdAt", "updatedAt")


@dataclass(frozen=True)
class Model:
    """A GraphQL object type stored in its own DynamoDB table, with generated operations.

    For a model ``Note`` the API gets ``getNote(id)``, ``listNotes(limit, nextToken)``,
    ``createNote(input)``, ``updateNote(input)``, ``deleteNote(id)`` and the
    subscriptions ``onCreateNote``, ``onUpdateNote`` and ``onDeleteNote``, with the input
    types ``CreateNoteInput`` and ``UpdateNoteInput`` and the page type
    ``NoteConnection``. The type must be an object type with an ``id: ID!`` field;
    ``createdAt`` and ``updatedAt`` (``AWSDateTime!``) are added unless declared.

    The name may be given positionally, everything else by keyword:
    ``Model("Note", owner=True)``.
    """

    name: str
    """Name of the object type in the schema, such as ``"Note"``.

    Also part of the construct path of the model's table: renaming a model replaces its
    table (the old one is retained, not deleted).
    """

    _: KW_ONLY

    owner: bool = False
    """Whether each item belongs to the signed-in user who created it. Default: False.

    When True, create stores the caller's user pool ``sub`` in an ``owner: String`` field
    (added unless declared), and get, list, update, delete and the subscriptions only
    reach the caller's own items, except for members of ``admin_groups``. List queries a
    ``byOwner`` index rather than scanning.
    """

    admin_groups: Sequence[str] = ()
    """User pool groups whose members may read and change every item of an owned model.

    Default: none. Names must be groups of the user pool (``UserPoolOptions.groups``).
    """

    plural: str | None = None
    """Plural used in the list query, such as ``"People"`` for ``listPeople``.

    Default: the name with ``s`` added (``es`` after s, x, z, ch, sh; ``ies`` for a
    consonant followed by y).
    """

    def __post_init__(self) -> None:
        object.__setattr__(self, "admin_groups", tuple(self.admin_groups))

    @property
    def plural_name(self) -> str:
        """The plural used in the list query."""
        return self.plural if self.plural is not None else pluralize(self.name)


@dataclass(frozen=True, kw_only=True)
class Operation:
    """One generated root field and the resolver behind it."""

    type_name: str
    """``"Query"``, ``"Mutation"`` or ``"Subscription"`` (or the schema's own root names)."""

    field_name: str
    """Such as ``"getNote"``."""

    action: str
    """``get``, ``list``, ``create``, ``update``, ``delete`` or ``subscribe``."""


@dataclass(frozen=True, kw_only=True)
class ModelPlan:
    """What the construct defines for one model."""

    model: Model
    operations: tuple[Operation, ...]
    owner_field: str | None
    """Attribute that holds the owner, or None for a model without owners."""

    owner_index: str | None
    """Global secondary index on the owner attribute, or None."""

    def operation(self, action: str) -> Operation:
        """The operation for one action, such as ``"list"``."""
        (found,) = (op for op in self.operations if op.action == action)
        return found


@dataclass(frozen=True, kw_only=True)
class SchemaPlan:
    """The SDL for AppSync and the resolvers to define."""

    sdl: str
    """The user's schema with the generated types, fields and auth directives."""

    models: tuple[ModelPlan, ...]
    root_types: dict[str, str] = field(default_factory=dict)
    """Operation (``query``, ``mutation``, ``subscription``) to root type name."""

    fields: frozenset[tuple[str, str]] = frozenset()
    """Every ``(type, field)`` pair of every object type in the final schema."""

    def check_fields(self, option: str, type_name: str, field_names: Iterable[str]) -> None:
        """Raise ``ValidationError`` unless ``type_name.field`` exists for each field name.

        ``option`` names what the user called (``grant_query``) for the message.
        """
        names = list(field_names)
        if not names:
            raise ValidationError(f"{option}: name at least one {type_name} field.")
        for name in names:
            if (type_name, name) not in self.fields:
                known = sorted(f for t, f in self.fields if t == type_name)
                raise ValidationError(
                    f"{option}: {type_name}.{name} is not a field of the schema; "
                    f"{type_name} has {', '.join(known) or 'no fields'}."
                )


def pluralize(name: str) -> str:
    """English-ish plural of a type name: Note -> Notes, Box -> Boxes, Story -> Stories."""
    if name.endswith(("s", "x", "z", "ch", "sh")):
        return name + "es"
    if len(name) > 1 and name.endswith("y") and name[-2].lower() not in "aeiou":
        return name[:-1] + "ies"
    return name + "s"


def parse_sdl(sdl: str) -> DocumentNode:
    """Parse SDL, turning a syntax error into ``ValidationError`` with line and column."""
    try:
        return parse(sdl)
    except GraphQLSyntaxError as error:
        where = ""
        if error.locations:
            location = error.locations[0]
            where = f" at line {location.line}, column {location.column}"
        raise ValidationError(
            f"schema: GraphQL syntax error{where}: {error.message.rstrip('.')}. Fix the SDL "
            "given as `schema` (a path to a .graphql file or an SDL string)."
        ) from None


def plan_schema(sdl: str, models: Sequence[Model]) -> SchemaPlan:
    """Check ``sdl`` and ``models`` together and plan the generated API.

    Raises:
        ValidationError: for a syntax error (with line and column), a model that is not an
            object type with ``id: ID!``, a generated name that the schema already uses,
            or a schema that is not valid once the generated parts are added.
    """
    document = parse_sdl(sdl)
    _check_model_options(models)
    roots = _root_types(document)
    types = {d.name.value: d for d in document.definitions if isinstance(d, TypeDefinitionNode)}
    taken_fields = _root_fields(document)

    plans = []
    extra_fields: dict[str, list[str]] = {}
    root_additions: dict[str, list[str]] = {roots[k]: [] for k in roots}
    new_types: list[str] = []
    for model in models:
        definition = _model_definition(model, types)
        fields = {f.name.value: f for f in definition.fields or ()}
        owner_field = _check_model_fields(model, fields)
        extra_fields[model.name] = _missing_fields(model, fields)
        plan, generated_types, additions = _plan_model(model, roots, owner_field, types)
        for type_name in generated_types:
            if type_name in types:
                raise ValidationError(
                    f"models: Model({model.name!r}) generates the type {type_name}, "
                    f"which the schema already defines; rename one of them."
                )
        for op in plan.operations:
            if op.field_name in taken_fields.get(op.type_name, set()):
                raise ValidationError(
                    f"models: Model({model.name!r}) generates {op.type_name}.{op.field_name}, "
                    "which the schema already defines; remove that field or rename the model."
                )
            taken_fields.setdefault(op.type_name, set()).add(op.field_name)
        for type_name, lines in additions.items():
            root_additions[type_name].extend(lines)
        new_types.extend(_generated_types(model, fields, types))
        plans.append(plan)

    final_sdl = _render(document, roots, extra_fields, root_additions, new_types)
    try:
        schema = build_ast_schema(parse(APPSYNC_PRELUDE + final_sdl))
    except (GraphQLError, TypeError) as error:
        raise ValidationError(f"schema: not a valid GraphQL schema: {error}") from None
    all_fields = frozenset(
        (name, field_name)
        for name, graphql_type in schema.type_map.items()
        if not name.startswith("__")
        for field_name in getattr(graphql_type, "fields", {})
    )
    return SchemaPlan(sdl=final_sdl, models=tuple(plans), root_types=roots, fields=all_fields)


def _check_model_options(models: Sequence[Model]) -> None:
    seen: set[str] = set()
    if isinstance(models, (str, Model)):
        raise ValidationError(
            f"models={models!r} must be a list of Model objects, such as [Model('Note')]."
        )
    for index, model in enumerate(models):
        if not isinstance(model, Model):
            raise ValidationError(
                f"models[{index}]={model!r} is not a Model: give Model({str(model)!r}) "
                "(with owner=True for per-user data)."
            )
        if not _MODEL_NAME.match(model.name):
            raise ValidationError(
                f"models: Model({model.name!r}) is not a type name this construct accepts; "
                "use PascalCase letters and digits, at most 64 characters, like 'Note'."
            )
        if model.name in seen:
            raise ValidationError(f"models: Model({model.name!r}) is given twice.")
        seen.add(model.name)
        if model.admin_groups and not model.owner:
            raise ValidationError(
                f"models: Model({model.name!r}) has admin_groups={list(model.admin_groups)!r} "
                "but owner=False; admin groups only matter for owned models."
            )
        for group in model.admin_groups:
            if not COGNITO_GROUP_NAME.match(group):
                raise ValidationError(
                    f"models: Model({model.name!r}) admin group {group!r} is not a valid "
                    "user pool group name (1 to 128 letters, digits or +=,.@-_)."
                )
        if model.plural is not None and not re.match(r"^[A-Z][A-Za-z0-9]{0,63}$", model.plural):
            raise ValidationError(
                f"models: Model({model.name!r}) plural={model.plural!r} must be PascalCase "
                "letters and digits, like 'People'."
            )


def _root_types(document: DocumentNode) -> dict[str, str]:
    roots = {"query": "Query", "mutation": "Mutation", "subscription": "Subscription"}
    for definition in document.definitions:
        if isinstance(definition, SchemaDefinitionNode):
            for op in definition.operation_types:
                roots[op.operation.value] = op.type.name.value
    return roots


def _root_fields(document: DocumentNode) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for definition in document.definitions:
        if isinstance(definition, ObjectTypeDefinitionNode | ObjectTypeExtensionNode):
            names = {f.name.value for f in definition.fields or ()}
            found.setdefault(definition.name.value, set()).update(names)
    return found


def _kind(definition: DefinitionNode) -> str:
    kinds: dict[type, str] = {
        InputObjectTypeDefinitionNode: "an input type",
        InterfaceTypeDefinitionNode: "an interface",
        EnumTypeDefinitionNode: "an enum",
        UnionTypeDefinitionNode: "a union",
        ScalarTypeDefinitionNode: "a scalar",
    }
    return kinds.get(type(definition), "not an object type")


def _model_definition(
    model: Model, types: dict[str, TypeDefinitionNode]
) -> ObjectTypeDefinitionNode:
    definition = types.get(model.name)
    if definition is None:
        raise ValidationError(
            f"models: Model({model.name!r}) has no `type {model.name}` in the schema; "
            f"add `type {model.name} {{ id: ID! ... }}`."
        )
    if not isinstance(definition, ObjectTypeDefinitionNode):
        raise ValidationError(
            f"models: Model({model.name!r}) names {_kind(definition)} in the schema; a model "
            f"must be an object type: `type {model.name} {{ id: ID! ... }}`."
        )
    if model.name in {"Query", "Mutation", "Subscription"}:
        raise ValidationError(f"models: Model({model.name!r}) cannot be a root type.")
    return definition


def _type_string(node: TypeNode) -> str:
    return print_ast(node)


def _named(node: TypeNode) -> str:
    while isinstance(node, NonNullTypeNode | ListTypeNode):
        node = node.type
    assert isinstance(node, NamedTypeNode)
    return node.name.value


def _check_model_fields(model: Model, fields: dict[str, FieldDefinitionNode]) -> str | None:
    id_field = fields.get("id")
    if id_field is None or _type_string(id_field.type) != "ID!":
        given = "no id field" if id_field is None else f"id: {_type_string(id_field.type)}"
        raise ValidationError(
            f"models: type {model.name} has {given}; a model needs `id: ID!` as its key."
        )
    for name in TIMESTAMP_FIELDS:
        if name in fields and _named(fields[name].type) != "AWSDateTime":
            raise ValidationError(
                f"models: {model.name}.{name} is {_type_string(fields[name].type)}; the "
                "generated resolvers set it, so declare it as AWSDateTime! or leave it out."
            )
    if not model.owner:
        return None
    owner = fields.get(OWNER_FIELD)
    if owner is not None and _type_string(owner.type) not in {"String", "ID", "String!", "ID!"}:
        raise ValidationError(
            f"models: {model.name}.{OWNER_FIELD} is {_type_string(owner.type)}; with "
            "owner=True it holds the user's id, so declare it as String or leave it out."
        )
    return OWNER_FIELD


def _missing_fields(model: Model, fields: dict[str, FieldDefinitionNode]) -> list[str]:
    lines = [f"{name}: AWSDateTime!" for name in TIMESTAMP_FIELDS if name not in fields]
    if model.owner and OWNER_FIELD not in fields:
        lines.append(f"{OWNER_FIELD}: String")
    return lines


def _plan_model(
    model: Model,
    roots: dict[str, str],
    owner_field: str | None,
    types: dict[str, TypeDefinitionNode],
) -> tuple[ModelPlan, list[str], dict[str, list[str]]]:
    name = model.name
    query, mutation, subscription = roots["query"], roots["mutation"], roots["subscription"]
    ops = (
        Operation(type_name=query, field_name=f"get{name}", action="get"),
        Operation(type_name=query, field_name=f"list{model.plural_name}", action="list"),
        Operation(type_name=mutation, field_name=f"create{name}", action="create"),
        Operation(type_name=mutation, field_name=f"update{name}", action="update"),
        Operation(type_name=mutation, field_name=f"delete{name}", action="delete"),
        Operation(type_name=subscription, field_name=f"onCreate{name}", action="subscribe"),
        Operation(type_name=subscription, field_name=f"onUpdate{name}", action="subscribe"),
        Operation(type_name=subscription, field_name=f"onDelete{name}", action="subscribe"),
    )
    plan = ModelPlan(
        model=model,
        operations=ops,
        owner_field=owner_field,
        owner_index=OWNER_INDEX if owner_field else None,
    )
    generated_types = [f"{name}Connection", f"Create{name}Input", f"Update{name}Input"]
    auth = _AUTH_DIRECTIVES
    additions = {
        query: [
            f"{ops[0].field_name}(id: ID!): {name} {auth}",
            f"{ops[1].field_name}(limit: Int, nextToken: String): {name}Connection {auth}",
        ],
        mutation: [
            f"{ops[2].field_name}(input: Create{name}Input!): {name} {auth}",
            f"{ops[3].field_name}(input: Update{name}Input!): {name} {auth}",
            f"{ops[4].field_name}(id: ID!): {name} {auth}",
        ],
        subscription: [
            f'{op.field_name}: {name} @aws_subscribe(mutations: ["{mutation_op.field_name}"]) '
            + auth
            for op, mutation_op in zip(ops[5:], ops[2:5], strict=True)
        ],
    }
    return plan, generated_types, additions


def _input_fields(
    model: Model, fields: dict[str, FieldDefinitionNode], types: dict[str, TypeDefinitionNode]
) -> list[FieldDefinitionNode]:
    skipped = {"id", *TIMESTAMP_FIELDS, OWNER_FIELD if model.owner else ""}
    found = []
    for name, definition in fields.items():
        if name in skipped or definition.arguments:
            continue
        named = _named(definition.type)
        known = types.get(named)
        if (
            named in _BUILTIN_SCALARS
            or named in _APPSYNC_SCALARS
            or isinstance(known, EnumTypeDefinitionNode | ScalarTypeDefinitionNode)
        ):
            found.append(definition)
    return found


def _generated_types(
    model: Model, fields: dict[str, FieldDefinitionNode], types: dict[str, TypeDefinitionNode]
) -> list[str]:
    name = model.name
    inputs = _input_fields(model, fields, types)
    if not inputs:
        raise ValidationError(
            f"models: type {name} has no field besides id that a client can set (scalars and "
            "enums); add at least one, such as `title: String`."
        )
    create = "\n".join(f"  {f.name.value}: {_type_string(f.type)}" for f in inputs)
    update = "\n".join(f"  {f.name.value}: {_nullable(f.type)}" for f in inputs)
    return [
        f"type {name}Connection {_AUTH_DIRECTIVES} {{\n  items: [{name}!]!\n"
        "  nextToken: String\n}",
        f"input Create{name}Input {{\n{create}\n}}",
        f"input Update{name}Input {{\n  id: ID!\n{update}\n}}",
    ]


def _nullable(node: TypeNode) -> str:
    return _type_string(node.type if isinstance(node, NonNullTypeNode) else node)


def _render(
    document: DocumentNode,
    roots: dict[str, str],
    extra_fields: dict[str, list[str]],
    root_additions: dict[str, list[str]],
    new_types: list[str],
) -> str:
    parts = []
    pending_roots = {name: lines for name, lines in root_additions.items() if lines}
    for definition in document.definitions:
        text = print_ast(definition)
        if isinstance(definition, ObjectTypeDefinitionNode):
            name = definition.name.value
            if name in extra_fields:
                text = _with_fields(text, extra_fields[name], directives=_AUTH_DIRECTIVES)
            elif name in pending_roots:
                text = _with_fields(text, pending_roots.pop(name), directives="")
        parts.append(text)
    for name, lines in pending_roots.items():
        body = "\n".join(f"  {line}" for line in lines)
        parts.append(f"type {name} {{\n{body}\n}}")
    parts.extend(new_types)
    return "\n\n".join(parts) + "\n"


def _with_fields(printed: str, lines: list[str], *, directives: str) -> str:
    """Add field lines (and type directives) to a printed object type definition."""
    head, brace, body = printed.partition("{")
    if directives:
        present = head.split()
        missing = [
            d
            for d in directives.split()
            if not any(token == d or token.startswith(f"{d}(") for token in present)
        ]
        head = head.rstrip() + "".join(f" {d}" for d in missing) + " "
    if not brace:
        body_lines = "\n".join(f"  {line}" for line in lines)
        return f"{head.rstrip()} {{\n{body_lines}\n}}"
    inner = body.rstrip()
    assert inner.endswith("}")
    added = "".join(f"\n  {line}" for line in lines)
    return f"{head}{brace}{inner[:-1].rstrip()}{added}\n}}"
