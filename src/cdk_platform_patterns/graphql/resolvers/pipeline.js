// Before and after steps of every generated query and mutation (APPSYNC_JS).
// Works out who is calling and hands the model's settings to the data step in the stash.
import { util } from "@aws-appsync/utils";

// One line, set per model when the construct is synthesized (graphql/code.py).
const MODEL = { ownerField: null, ownerIndex: null, adminGroups: [] };

export function request(ctx) {
  ctx.stash.model = MODEL;
  ctx.stash.caller = caller(ctx.identity, MODEL);
  return {};
}

export function response(ctx) {
  return ctx.prev.result;
}

// owner: the user pool subject of a signed-in user, else null.
// admin: whether the caller may reach every item of an owned model: members of an
// admin group, and IAM principals outside the identity pool (backends that were
// granted the field explicitly with grant_query / grant_mutation).
function caller(identity, model) {
  if (!identity) {
    util.unauthorized();
  }
  if (identity.sub) {
    return { owner: identity.sub, admin: inAdminGroup(identity.groups, model.adminGroups) };
  }
  if (model.ownerField && identity.cognitoIdentityId) {
    // Identity pool credentials carry no user pool subject to match owners against.
    util.unauthorized();
  }
  return { owner: null, admin: true };
}

function inAdminGroup(groups, adminGroups) {
  if (!groups) {
    return false;
  }
  for (const group of groups) {
    if (adminGroups.indexOf(group) >= 0) {
      return true;
    }
  }
  return false;
}
