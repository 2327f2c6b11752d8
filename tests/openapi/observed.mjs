// tests/openapi/observed.mjs DOC DRECD_LOG... — the statuses drecd
// answered during scripts/test's suites (its access log lines: method,
// route pattern, status) against docs/openapi.json: every status a
// documented operation answered must be among that operation's responses.
// Routes the document leaves out (the test profile's) and requests that
// matched no route are not counted.  Exit 0, or 1 listing each missing
// (operation, status) with how often it was seen.
import { readFileSync } from "node:fs";

const [docFile, ...logs] = process.argv.slice(2);
const doc = JSON.parse(readFileSync(docFile, "utf8"));
// Parameters compare by position only: "/api/x/{}" (drecd logs the
// e-mail form of the password reset as :email, the document as {token}).
const shape = (p) => p.replace(/\{[^}]+\}/g, "{}").replace(/:[^/]+/g, "{}").toLowerCase();
const ops = new Map();
for (const [path, item] of Object.entries(doc.paths))
	for (const [m, op] of Object.entries(item))
		if (op && op.responses)
			ops.set(`${m.toUpperCase()} ${shape(path)}`, op);
const testOnly = /^\/api\/test\//;
const re = / access id=\S* method=(\S+) route=(\S+) status=(\d+) /;
const missing = new Map();
let lines = 0, counted = 0;
for (const f of logs) {
	for (const line of readFileSync(f, "utf8").split("\n")) {
		const m = re.exec(line);
		if (!m)
			continue;
		lines++;
		const [, method, route, status] = m;
		if (route === "-" || testOnly.test(route))
			continue;
		const op = ops.get(`${method} ${shape(route)}`);
		if (!op)	// 405: the path exists for other methods only
			continue;
		counted++;
		if (!(status in op.responses)) {
			const k = `${method} ${route} ${status}`;
			missing.set(k, (missing.get(k) ?? 0) + 1);
		}
	}
}
if (counted === 0) {
	console.error(`FAIL: no access line of a documented operation in ${logs.join(", ")} (${lines} access lines)`);
	process.exit(1);
}
if (missing.size > 0) {
	for (const [k, n] of [...missing].sort())
		console.error(`FAIL: ${k} (seen ${n} times) is not among the operation's responses`);
	process.exit(1);
}
console.log(`openapi: all ${counted} answers of documented operations in drecd's log have their status documented`);
