// Runs APPSYNC_JS resolver handlers in Node.js against fixture contexts.
// stdin: a JSON list of {"file": path, "handler": "request" | "response", "ctx": {...}}.
// stdout: a JSON list, one entry per case, of {"result", "stash", "filters"} or
// {"error": {"message", "type", "kind"}, "stash", "filters"}.
// The resolver's import of @aws-appsync/utils is pointed at appsync_utils_stub.mjs.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const stubUrl = pathToFileURL(join(here, "appsync_utils_stub.mjs")).href;
const stub = await import(stubUrl);
const workdir = mkdtempSync(join(tmpdir(), "appsync-js-"));
const modules = new Map();

async function load(file) {
  if (!modules.has(file)) {
    const source = readFileSync(file, "utf8").replaceAll(
      /from\s+["']@aws-appsync\/utils["']/g,
      `from ${JSON.stringify(stubUrl)}`,
    );
    const copy = join(workdir, `${modules.size}-${basename(file, ".js")}.mjs`);
    writeFileSync(copy, source);
    modules.set(file, await import(pathToFileURL(copy).href));
  }
  return modules.get(file);
}

const cases = JSON.parse(readFileSync(0, "utf8"));
const results = [];
for (const { file, handler, ctx } of cases) {
  const module = await load(file);
  stub.reset();
  const context = { args: {}, stash: {}, identity: null, ...ctx };
  let outcome;
  try {
    outcome = { result: module[handler](context) ?? null };
  } catch (error) {
    if (!(error instanceof stub.AppSyncError)) {
      throw error;
    }
    outcome = { error: { message: error.message, type: error.type, kind: error.kind } };
  }
  results.push({ ...outcome, stash: context.stash, filters: stub.recorded.filters });
}
process.stdout.write(JSON.stringify(results));
