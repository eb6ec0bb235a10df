// Compares two CloudFormation templates with @aws-cdk/cloudformation-diff (the library
// behind `cdk diff`). Prints the human-readable diff to stderr and, on stdout, one JSON
// document listing each changed resource with its type and impact.
//
// Usage: node scripts/template-diff.mjs OLD.template.json NEW.template.json
import { readFileSync } from "node:fs";
import { fullDiff, formatDifferences } from "@aws-cdk/cloudformation-diff";

const [oldPath, newPath] = process.argv.slice(2);
if (!oldPath || !newPath) {
  console.error("usage: node scripts/template-diff.mjs OLD NEW");
  process.exit(2);
}
const load = (path) => JSON.parse(readFileSync(path, "utf8"));
const diff = fullDiff(load(oldPath), load(newPath));

const changes = [];
diff.resources.forEachDifference((logicalId, change) => {
  changes.push({
    logicalId,
    type: change.newResourceType ?? change.oldResourceType,
    impact: change.changeImpact,
  });
});
if (!diff.isEmpty) {
  formatDifferences(process.stderr, diff);
}
process.stdout.write(JSON.stringify({ empty: diff.isEmpty, changes }) + "\n");
