// deleteX(id): removes an existing item and returns it; an owned item only for its owner
// or an admin, checked atomically (APPSYNC_JS).
import { util } from "@aws-appsync/utils";

export function request(ctx) {
  return {
    operation: "DeleteItem",
    key: util.dynamodb.toMapValues({ id: ctx.args.id }),
    condition: existsAndAllowed(ctx.stash),
  };
}

export function response(ctx) {
  if (ctx.error) {
    if (ctx.error.type === "DynamoDB:ConditionalCheckFailedException") {
      util.error("No such item, or it belongs to someone else", "NotFound");
    }
    util.error(ctx.error.message, ctx.error.type);
  }
  return ctx.result;
}

function existsAndAllowed(stash) {
  const model = stash.model;
  const caller = stash.caller;
  if (!model.ownerField || caller.admin) {
    return { expression: "attribute_exists(#id)", expressionNames: { "#id": "id" } };
  }
  return {
    expression: "attribute_exists(#id) AND #owner = :owner",
    expressionNames: { "#id": "id", "#owner": model.ownerField },
    expressionValues: util.dynamodb.toMapValues({ ":owner": caller.owner }),
  };
}
