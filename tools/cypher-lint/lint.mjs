#!/usr/bin/env node
// Lint Cypher statements with Neo4j's own linter (@neo4j-cypher/language-support).
//
// stdin: a JSON list of {"name": ..., "query": ...}, or an object
//        {"schema": {labels, relationshipTypes, propertyKeys, ...}, "queries": [...]}.
// stdout: a JSON list of {"name", "diagnostics": [{severity, message, line, character, offset}]}
//         in the order of the input. Queries are checked as Cypher 5 (the Neo4j 5 dialect).
//
// "Parameter $x is not defined" is dropped: parameters are supplied at run time, and the
// linter only knows the ones given in the schema.
import { isNotParamError, lintCypherQuery } from '@neo4j-cypher/language-support';

const SEVERITY = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' };

function readStdin() {
  return new Promise((resolve, reject) => {
    const chunks = [];
    process.stdin.on('data', (chunk) => chunks.push(chunk));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    process.stdin.on('error', reject);
  });
}

function parseInput(text) {
  const data = JSON.parse(text);
  const queries = Array.isArray(data) ? data : data.queries;
  if (!Array.isArray(queries)) {
    throw new Error('expected a list of {name, query} or {schema, queries}');
  }
  for (const item of queries) {
    if (typeof item?.name !== 'string' || typeof item?.query !== 'string') {
      throw new Error(`not a {name, query} pair: ${JSON.stringify(item)}`);
    }
  }
  const schema = Array.isArray(data) ? {} : (data.schema ?? {});
  return { queries, schema: { defaultLanguage: 'CYPHER 5', ...schema } };
}

function lintOne({ name, query }, schema) {
  const { diagnostics } = lintCypherQuery(query, schema);
  return {
    name,
    diagnostics: diagnostics.filter(isNotParamError).map((d) => ({
      severity: SEVERITY[d.severity] ?? String(d.severity),
      message: d.message,
      line: d.range.start.line + 1,
      character: d.range.start.character + 1,
      offset: d.offsets?.start ?? null,
    })),
  };
}

async function main() {
  let input;
  try {
    input = parseInput(await readStdin());
  } catch (err) {
    process.stderr.write(`cypher-lint: bad input: ${err.message}\n`);
    process.exit(2);
  }
  const results = input.queries.map((item) => lintOne(item, input.schema));
  process.stdout.write(JSON.stringify(results, null, 1) + '\n');
}

await main();
