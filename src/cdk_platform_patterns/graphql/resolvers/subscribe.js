// onCreateX / onUpdateX / onDeleteX: a subscriber to an owned model only receives its
// own items (an enhanced subscription filter on the owner), unless an admin (APPSYNC_JS).
import { extensions, util } from "@aws-appsync/utils";

// One line, set per model when the construct is synthesized (graphql/code.py).
const MODEL = { ownerField: null, ownerIndex: null, adminGroups: [] };

export function request() {
  return { payload: null };
}

export function response(ctx) {
  const identity = ctx.identity;
  if (!MODEL.ownerField) {
    return null;
  }
  if (!identity) {
    util.unauthorized();
  }
  if (identity.sub) {
    if (!inAdminGroup(identity.groups, MODEL.adminGroups)) {
      const filter = {};
      filter[MODEL.ownerField] = { eq: identity.sub };
      extensions.setSubscriptionFilter(util.transform.toSubscriptionFilter(filter));
    }
    return null;
  }
  if (identity.cognitoIdentityId) {
    // Identity pool credentials carry no user pool subject to match owners against.
    util.unauthorized();
  }
  return null;
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
