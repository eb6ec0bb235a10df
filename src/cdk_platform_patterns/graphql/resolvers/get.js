// getX(id): one item by id; an owned item only for its owner or an admin (APPSYNC_JS).
import { util } from "@aws-appsync/utils";

export function request(ctx) {
  return { operation: "GetItem", key: util.dynamodb.toMapValues({ id: ctx.args.id }) };
}

export function response(ctx) {
  if (ctx.error) {
    util.error(ctx.error.message, ctx.error.type);
  }
  const item = ctx.result;
  if (!item) {
    return null;
  }
  const model = ctx.stash.model;
  const caller = ctx.stash.caller;
  if (model.ownerField && !caller.admin && item[model.ownerField] !== caller.owner) {
    util.unauthorized();
  }
  return item;
}
