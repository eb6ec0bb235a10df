// updateX(input): changes the given fields of an existing item (a null removes one);
// an owned item only for its owner or an admin, checked atomically (APPSYNC_JS).
import { util } from "@aws-appsync/utils";

const FIXED = ["id", "createdAt", "updatedAt"];

export function request(ctx) {
  const model = ctx.stash.model;
  const input = ctx.args.input;
  const names = { "#updatedAt": "updatedAt" };
  const values = { ":updatedAt": util.time.nowISO8601() };
  const sets = ["#updatedAt = :updatedAt"];
  const removes = [];
  let index = 0;
  for (const name of Object.keys(input)) {
    if (FIXED.indexOf(name) < 0 && name !== model.ownerField) {
      index += 1;
      names[`#f${index}`] = name;
      if (input[name] === null) {
        removes.push(`#f${index}`);
      } else {
        values[`:f${index}`] = input[name];
        sets.push(`#f${index} = :f${index}`);
      }
    }
  }
  let expression = `SET ${sets.join(", ")}`;
  if (removes.length > 0) {
    expression = `${expression} REMOVE ${removes.join(", ")}`;
  }
  return {
    operation: "UpdateItem",
    key: util.dynamodb.toMapValues({ id: input.id }),
    update: {
      expression: expression,
      expressionNames: names,
      expressionValues: util.dynamodb.toMapValues(values),
    },
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
