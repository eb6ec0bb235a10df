// listXs(limit, nextToken): a page of items; of an owned model, the caller's own items
// through the owner index unless the caller is an admin (APPSYNC_JS).
import { util } from "@aws-appsync/utils";

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;

export function request(ctx) {
  const model = ctx.stash.model;
  const caller = ctx.stash.caller;
  let limit = DEFAULT_LIMIT;
  if (ctx.args.limit !== undefined && ctx.args.limit !== null) {
    limit = ctx.args.limit;
  }
  if (limit < 1 || limit > MAX_LIMIT) {
    util.error(`limit must be between 1 and ${MAX_LIMIT}, not ${limit}`, "BadRequest");
  }
  const request = { operation: "Scan", limit: limit };
  if (ctx.args.nextToken) {
    request.nextToken = ctx.args.nextToken;
  }
  if (model.ownerField && !caller.admin) {
    request.operation = "Query";
    request.index = model.ownerIndex;
    request.query = {
      expression: "#owner = :owner",
      expressionNames: { "#owner": model.ownerField },
      expressionValues: util.dynamodb.toMapValues({ ":owner": caller.owner }),
    };
  }
  return request;
}

export function response(ctx) {
  if (ctx.error) {
    util.error(ctx.error.message, ctx.error.type);
  }
  let nextToken = null;
  if (ctx.result.nextToken) {
    nextToken = ctx.result.nextToken;
  }
  return { items: ctx.result.items, nextToken: nextToken };
}
