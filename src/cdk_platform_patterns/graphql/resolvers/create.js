// createX(input): a new item with a generated id and timestamps; an owned item records
// the caller as its owner (APPSYNC_JS).
import { util } from "@aws-appsync/utils";

export function request(ctx) {
  const model = ctx.stash.model;
  const caller = ctx.stash.caller;
  const now = util.time.nowISO8601();
  const item = {};
  for (const name of Object.keys(ctx.args.input)) {
    item[name] = ctx.args.input[name];
  }
  item.createdAt = now;
  item.updatedAt = now;
  if (model.ownerField) {
    if (!caller.owner) {
      // Only a signed-in user can own an item.
      util.unauthorized();
    }
    item[model.ownerField] = caller.owner;
  }
  return {
    operation: "PutItem",
    key: util.dynamodb.toMapValues({ id: util.autoId() }),
    attributeValues: util.dynamodb.toMapValues(item),
    condition: { expression: "attribute_not_exists(#id)", expressionNames: { "#id": "id" } },
  };
}

export function response(ctx) {
  if (ctx.error) {
    util.error(ctx.error.message, ctx.error.type);
  }
  return ctx.result;
}
