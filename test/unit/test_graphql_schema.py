"""The pure schema checks and CRUD plan of ServerlessAuthApi (graphql-core, no CDK synth)."""

from __future__ import annotations

import pytest
from graphql import build_ast_schema, parse
from hypothesis import given, settings
from hypothesis import strategies as st

from cdk_platform_patterns.errors import ValidationError
from cdk_platform_patterns.graphql import Model, plan_schema, pluralize
from cdk_platform_patterns.graphql.code import ACTIONS, function_code, model_settings, render
from cdk_platform_patterns.graphql.schema import APPSYNC_PRELUDE

NOTE = "type Note { id: ID! title: String! body: String }"


def test_generates_crud_and_subscriptions_for_a_model() -> None:
    plan = plan_schema(NOTE, [Model("Note")])
    (model,) = plan.models
    assert [(op.type_name, op.field_name, op.action) for op in model.operations] == [
        ("Query", "getNote", "get"),
        ("Query", "listNotes", "list"),
        ("Mutation", "createNote", "create"),
        ("Mutation", "updateNote", "update"),
        ("Mutation", "deleteNote", "delete"),
        ("Subscription", "onCreateNote", "subscribe"),
        ("Subscription", "onUpdateNote", "subscribe"),
        ("Subscription", "onDeleteNote", "subscribe"),
    ]
    assert model.owner_field is None
    assert model.owner_index is None
    for pair in [("Query", "getNote"), ("Note", "createdAt"), ("NoteConnection", "nextToken")]:
        assert pair in plan.fields


def test_generated_sdl_is_a_valid_schema_with_both_auth_modes() -> None:
    plan = plan_schema(NOTE, [Model("Note", owner=True)])
    schema = build_ast_schema(parse(APPSYNC_PRELUDE + plan.sdl))
    note = schema.type_map["Note"]
    assert {"id", "title", "body", "createdAt", "updatedAt", "owner"} <= set(note.fields)  # type: ignore[attr-defined]
    assert "type Note @aws_cognito_user_pools @aws_iam {" in plan.sdl
    assert "getNote(id: ID!): Note @aws_cognito_user_pools @aws_iam" in plan.sdl
    assert "listNotes(limit: Int, nextToken: String): NoteConnection" in plan.sdl
    assert 'onCreateNote: Note @aws_subscribe(mutations: ["createNote"])' in plan.sdl
    create = schema.type_map["CreateNoteInput"]
    update = schema.type_map["UpdateNoteInput"]
    assert set(create.fields) == {"title", "body"}  # type: ignore[attr-defined]
    assert str(create.fields["title"].type) == "String!"  # type: ignore[attr-defined]
    assert str(update.fields["title"].type) == "String"  # type: ignore[attr-defined]
    assert str(update.fields["id"].type) == "ID!"  # type: ignore[attr-defined]


def test_owned_model_stores_owner_and_lists_through_an_index() -> None:
    (model,) = plan_schema(NOTE, [Model("Note", owner=True, admin_groups=["admin"])]).models
    assert model.owner_field == "owner"
    assert model.owner_index == "byOwner"
    assert model_settings(model) == {
        "ownerField": "owner",
        "ownerIndex": "byOwner",
        "adminGroups": ["admin"],
    }


def test_user_fields_and_root_types_are_kept() -> None:
    sdl = NOTE + "\ntype Query { hello: String }\ntype Mutation { ping: Boolean }"
    plan = plan_schema(sdl, [Model("Note")])
    assert ("Query", "hello") in plan.fields
    assert ("Mutation", "ping") in plan.fields
    assert plan.sdl.count("type Query") == 1


def test_custom_root_type_names_are_followed() -> None:
    sdl = NOTE + "\nschema { query: Root }\ntype Root { hello: String }"
    plan = plan_schema(sdl, [Model("Note")])
    assert plan.root_types["query"] == "Root"
    assert ("Root", "getNote") in plan.fields


def test_declared_owner_and_timestamps_are_not_added_twice() -> None:
    sdl = "type Note { id: ID! t: String owner: String createdAt: AWSDateTime! }"
    plan = plan_schema(sdl, [Model("Note", owner=True)])
    assert plan.sdl.count("owner: String") == 1
    assert plan.sdl.count("createdAt:") == 1


def test_enum_fields_are_inputs_and_object_fields_are_not() -> None:
    sdl = "enum Mood { HAPPY SAD }\ntype Other { x: Int }\n" + (
        "type Note { id: ID! mood: Mood other: Other title: String }"
    )
    plan = plan_schema(sdl, [Model("Note")])
    assert "input CreateNoteInput {\n  mood: Mood\n  title: String\n}" in plan.sdl


def test_schema_without_models_is_checked_and_kept() -> None:
    plan = plan_schema("type Query { hello: String }", [])
    assert plan.models == ()
    assert plan.sdl.strip() == "type Query {\n  hello: String\n}"


@pytest.mark.parametrize(
    ("name", "plural"),
    [("Note", "Notes"), ("Box", "Boxes"), ("Story", "Stories"), ("Day", "Days"), ("Bus", "Buses")],
)
def test_pluralize(name: str, plural: str) -> None:
    assert pluralize(name) == plural


def test_plural_can_be_given() -> None:
    sdl = "type Person { id: ID! name: String }"
    (model,) = plan_schema(sdl, [Model("Person", plural="People")]).models
    assert model.operation("list").field_name == "listPeople"


def test_check_fields_accepts_known_fields() -> None:
    plan = plan_schema(NOTE, [Model("Note")])
    plan.check_fields("grant_query", "Query", ["getNote", "listNotes"])


# Failing cases


def test_rejects_bad_sdl_with_line_and_column() -> None:
    with pytest.raises(
        ValidationError, match=r"schema: GraphQL syntax error at line 3, column 9: .*Expected ':'"
    ):
        plan_schema("type Note {\n  id: ID!\n  title String\n}", [])


def test_rejects_model_without_id() -> None:
    with pytest.raises(
        ValidationError, match=r"type Note has no id field; a model needs `id: ID!`"
    ):
        plan_schema("type Note { title: String }", [Model("Note")])


def test_rejects_model_with_nullable_id() -> None:
    with pytest.raises(ValidationError, match=r"type Note has id: ID; a model needs `id: ID!`"):
        plan_schema("type Note { id: ID title: String }", [Model("Note")])


def test_rejects_model_missing_from_schema() -> None:
    with pytest.raises(ValidationError, match=r"Model\('Todo'\) has no `type Todo` in the schema"):
        plan_schema(NOTE, [Model("Todo")])


def test_rejects_model_that_is_not_an_object_type() -> None:
    with pytest.raises(ValidationError, match=r"Model\('Note'\) names an input type"):
        plan_schema("input Note { id: ID! }", [Model("Note")])


def test_rejects_generated_field_that_collides() -> None:
    sdl = NOTE + "\ntype Query { getNote(id: ID!): Note }"
    with pytest.raises(
        ValidationError, match=r"generates Query\.getNote, which the schema already"
    ):
        plan_schema(sdl, [Model("Note")])


def test_rejects_generated_field_that_collides_in_an_extension() -> None:
    sdl = NOTE + "\ntype Mutation { x: Int }\nextend type Mutation { deleteNote(id: ID!): Note }"
    with pytest.raises(ValidationError, match=r"generates Mutation\.deleteNote"):
        plan_schema(sdl, [Model("Note")])


def test_rejects_generated_type_that_collides() -> None:
    sdl = NOTE + "\ntype NoteConnection { x: Int }"
    with pytest.raises(ValidationError, match=r"generates the type NoteConnection"):
        plan_schema(sdl, [Model("Note")])


def test_rejects_unknown_type_field_in_grants() -> None:
    plan = plan_schema(NOTE, [Model("Note")])
    with pytest.raises(ValidationError, match=r"grant_query: Query\.getTodo is not a field"):
        plan.check_fields("grant_query", "Query", ["getNote", "getTodo"])
    with pytest.raises(ValidationError, match=r"grant_mutation: name at least one"):
        plan.check_fields("grant_mutation", "Mutation", [])


def test_rejects_schema_that_does_not_build() -> None:
    with pytest.raises(
        ValidationError, match=r"schema: not a valid GraphQL schema: .*Unknown type"
    ):
        plan_schema("type Query { x: Missing }", [])


@pytest.mark.parametrize(
    ("models", "message"),
    [
        ([Model("Note"), Model("Note")], r"Model\('Note'\) is given twice"),
        ([Model("note")], r"Model\('note'\) is not a type name"),
        ([Model("Note", admin_groups=["admin"])], r"admin_groups=\['admin'\] but owner=False"),
        ([Model("Note", owner=True, admin_groups=["a/b"])], r"admin group 'a/b' is not a valid"),
        ([Model("Note", plural="notes")], r"plural='notes' must be PascalCase"),
    ],
)
def test_rejects_bad_model_options(models: list[Model], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        plan_schema(NOTE, models)


def test_rejects_owner_field_of_another_type() -> None:
    with pytest.raises(ValidationError, match=r"Note\.owner is Int; with owner=True"):
        plan_schema("type Note { id: ID! owner: Int t: String }", [Model("Note", owner=True)])


def test_rejects_timestamp_of_another_type() -> None:
    with pytest.raises(ValidationError, match=r"Note\.createdAt is String"):
        plan_schema("type Note { id: ID! createdAt: String t: String }", [Model("Note")])


def test_rejects_model_with_nothing_to_set() -> None:
    with pytest.raises(ValidationError, match=r"type Note has no field besides id that a client"):
        plan_schema("type Note { id: ID! }", [Model("Note")])


# Resolver code as package data


def test_resolver_code_ships_with_the_package() -> None:
    for action in ACTIONS:
        assert "export function request(ctx)" in function_code(action)
    with pytest.raises(ValueError, match="unknown action"):
        function_code("scan")


def test_render_sets_only_the_settings_line() -> None:
    settings = {"ownerField": "owner", "ownerIndex": "byOwner", "adminGroups": ["a"]}
    text = render("subscribe", settings)
    assert (
        'const MODEL = {"adminGroups": ["a"], "ownerField": "owner", "ownerIndex": "byOwner"};'
        in text
    )
    assert len(text.splitlines()) == len(render("subscribe", {}).splitlines())


def test_auth_directives_the_user_wrote_are_not_repeated() -> None:
    sdl = 'type Note @aws_cognito_user_pools(cognito_groups: ["staff"]) { id: ID! t: String }'
    plan = plan_schema(sdl, [Model("Note")])
    head = plan.sdl.split("{", 1)[0]
    assert head.count("@aws_cognito_user_pools") == 1
    assert head.count("@aws_iam") == 1


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('type Note{id:ID!}[]@()"#\n query,=')), max_size=80))
def test_any_text_either_plans_or_raises_validation_error(sdl: str) -> None:
    message = ""
    try:
        plan_schema(sdl, [Model("Note")])
    except ValidationError as error:
        message = str(error)
    assert message == "" or message.startswith(("schema:", "models:"))


@pytest.mark.parametrize(
    ("models", "match"),
    [
        (["Note"], r"models\[0\]='Note' is not a Model: give Model\('Note'\)"),
        ("Note", r"models='Note' must be a list of Model objects"),
    ],
)
def test_rejects_models_that_are_not_model_objects(models: object, match: str) -> None:
    with pytest.raises(ValidationError, match=match):
        plan_schema("type Note { id: ID! }", models)  # type: ignore[arg-type]
