// Lints Cypher statements with Neo4j's own parser and semantic analyser (Cypher 5 semantics).
// stdin: JSON [{"name", "text", "params": [names]}]; a parameter not in `params` is an error; stdout: JSON [{"name", "errors": [...], "warnings": [...]}].
// Exit status 1 when any statement has an error-severity diagnostic, 2 on bad input.
import { lintCypherQuery } from '@neo4j-cypher/language-support';

const ERROR = 1; // LSP DiagnosticSeverity.Error

function describe(d) {
  const where = d.range ? `${d.range.start.line + 1}:${d.range.start.character + 1}` : '?';
  return `${where} ${d.message}`;
}

let input = '';
process.stdin.setEncoding('utf8');
for await (const chunk of process.stdin) input += chunk;

let statements;
try {
  statements = JSON.parse(input);
  if (!Array.isArray(statements)) throw new Error('expected a JSON array');
} catch (err) {
  process.stderr.write(`lint.mjs: bad input: ${err.message}\n`);
  process.exit(2);
}

const results = statements.map(({ name, text, params = [] }) => {
  const schema = { defaultLanguage: 'CYPHER 5', parameters: Object.fromEntries(params.map((p) => [p, null])) };
  const { diagnostics } = lintCypherQuery(text, schema);
  return {
    name,
    errors: diagnostics.filter((d) => d.severity === ERROR).map(describe),
    warnings: diagnostics.filter((d) => d.severity !== ERROR).map(describe),
  };
});
process.stdout.write(JSON.stringify(results, null, 1));
process.exit(results.some((r) => r.errors.length > 0) ? 1 : 0);
