// tests/openapi/check.mjs DOC — docs/openapi.json for its users
// (docs/openapi.md): valid OpenAPI 3.1 by @seriousme/openapi-schema-validator
// (the official 3.1 JSON Schema), and importable into Postman by Postman's
// own converter (openapi-to-postmanv2) with one request per operation, of
// the same method and path.  The validator must also refuse two broken
// copies of the document, so that a validator accepting anything fails
// this check.  Exit 0 when all holds, 1 otherwise (reasons on stderr).
import { readFileSync } from "node:fs";
import { Validator } from "@seriousme/openapi-schema-validator";
import converter from "openapi-to-postmanv2";

const file = process.argv[2];
const text = readFileSync(file, "utf8");
const doc = JSON.parse(text);
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
let failed = 0;
const fail = (msg) => { console.error(`FAIL: ${msg}`); failed = 1; };

async function validate(d) {
	const v = new Validator();
	const r = await v.validate(structuredClone(d));
	return { version: v.version, ...r };
}

// 1. The document itself.
const r = await validate(doc);
if (r.version !== "3.1")
	fail(`validated as OpenAPI ${r.version}, not 3.1`);
if (!r.valid)
	fail(`${file} is not valid OpenAPI 3.1:\n${JSON.stringify(r.errors, null, 1).slice(0, 4000)}`);

// 2. Broken copies must be refused.
const ops = [];
for (const [path, item] of Object.entries(doc.paths ?? {}))
	for (const m of METHODS)
		if (item[m]) ops.push({ method: m.toUpperCase(), path, op: item[m] });
const broken = [
	["info.title removed", (d) => { delete d.info.title; }],
	["a path parameter not required", (d) => {
		const o = ops.find((x) => (x.op.parameters ?? []).some((p) => p.in === "path"));
		const p = d.paths[o.path][o.method.toLowerCase()].parameters.find((p) => p.in === "path");
		p.required = false;
	}],
];
for (const [what, mutate] of broken) {
	const d = structuredClone(doc);
	mutate(d);
	if ((await validate(d)).valid)
		fail(`the validator accepts a broken document (${what})`);
}

// 3. Postman: one request per operation, same method and path.
const out = await new Promise((resolve) => {
	converter.convert({ type: "string", data: text },
	    { folderStrategy: "Tags", requestParametersResolution: "Schema" },
	    (err, res) => resolve(err ? { result: false, reason: String(err) } : res));
});
if (!out.result) {
	fail(`openapi-to-postmanv2 refused the document: ${out.reason}`);
} else {
	const col = out.output[0].data;
	const got = [];
	const walk = (items) => {
		for (const it of items) {
			if (it.item) walk(it.item);
			else if (it.request) {
				const url = it.request.url;
				const segs = Array.isArray(url.path) ? url.path : [];
				got.push(`${it.request.method} /${segs.join("/")}`);
			}
		}
	};
	walk(col.item ?? []);
	const want = ops.map((o) => `${o.method} ${o.path.replace(/\{([^}]+)\}/g, ":$1")}`);
	const missing = want.filter((w) => !got.includes(w));
	const extra = got.filter((g) => !want.includes(g));
	if (got.length !== want.length || missing.length || extra.length)
		fail(`Postman collection: ${got.length} requests for ${want.length} operations` +
		    (missing.length ? `; missing: ${missing.slice(0, 10).join(", ")}` : "") +
		    (extra.length ? `; unexpected: ${extra.slice(0, 10).join(", ")}` : ""));
	else
		console.log(`postman: "${col.info.name}", ${got.length} requests, one per operation`);
}
if (!failed)
	console.log(`openapi: ${file} is valid OpenAPI ${r.version} (${ops.length} operations); the validator refuses ${broken.length} broken copies`);
process.exit(failed);
