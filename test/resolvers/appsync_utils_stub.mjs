// A stand-in for the parts of @aws-appsync/utils that the resolvers use, deterministic so
// that tests can assert exact requests: ids are "id-1", "id-2"..., the time is fixed.
export const NOW = "2026-12-01T12:00:00.000Z";

export class AppSyncError extends Error {
  constructor(message, type, kind) {
    super(message);
    this.type = type;
    this.kind = kind;
  }
}

export const recorded = { ids: 0, filters: [] };

export function reset() {
  recorded.ids = 0;
  recorded.filters = [];
}

function toDynamoDB(value) {
  if (value === null || value === undefined) {
    return { NULL: true };
  }
  if (typeof value === "string") {
    return { S: value };
  }
  if (typeof value === "number") {
    return { N: String(value) };
  }
  if (typeof value === "boolean") {
    return { BOOL: value };
  }
  if (Array.isArray(value)) {
    return { L: value.map(toDynamoDB) };
  }
  return { M: toMapValues(value) };
}

function toMapValues(object) {
  const map = {};
  for (const [key, value] of Object.entries(object)) {
    map[key] = toDynamoDB(value);
  }
  return map;
}

export const util = {
  autoId() {
    recorded.ids += 1;
    return `id-${recorded.ids}`;
  },
  error(message, type) {
    throw new AppSyncError(message, type ?? null, "error");
  },
  unauthorized() {
    throw new AppSyncError("Unauthorized", "Unauthorized", "unauthorized");
  },
  time: {
    nowISO8601() {
      return NOW;
    },
  },
  dynamodb: { toDynamoDB, toMapValues },
  transform: {
    toSubscriptionFilter(filter) {
      return { transformed: filter };
    },
  },
};

export const extensions = {
  setSubscriptionFilter(filter) {
    recorded.filters.push(filter);
  },
};
