-- bench/http.lua: the wrk script of bench/http.  One script for every
-- phase; the environment chooses what it sends:
--
--   BENCH_MODE   get    (default) wrk's own pre-built request: the URL of
--                       the command line and its -H headers
--                login  POST BENCH_BODY (a fixed JSON body)
--                post   one Delta read per request to
--                       /api/meter-reads/new/<device>, where thread i
--                       (one connection each: wrk -t N -c N) owns the i-th
--                       of BENCH_DEVICES (comma-separated external ids);
--                       the k-th read (k from 1) of a thread ends at
--                       BENCH_START_S + k * BENCH_STEP_S and carries
--                       10-109 Wh (under the cap of a 10 kW device for 60 s)
--                mix    rotates GET /api/health/live, GET BENCH_MY_PATH,
--                       GET BENCH_LIST_PATH and the post request above
--   BENCH_TOKEN  bearer token (post, mix; get passes it with -H)
--
-- done() prints one line that bench/http parses:
--   RESULT requests=.. seconds=.. rps=.. p50_ms=.. p99_ms=.. max_ms=..
--     errors=.. (connect, read, write and timeout errors and statuses >= 400)

local mode = os.getenv("BENCH_MODE") or "get"
local token = os.getenv("BENCH_TOKEN") or ""
local threads = {}

function setup(thread)
	table.insert(threads, thread)
	thread:set("tid", #threads)
end

if mode == "login" then
	wrk.method = "POST"
	wrk.body = os.getenv("BENCH_BODY")
	wrk.headers["Content-Type"] = "application/json"
end

if mode == "post" or mode == "mix" then
	local start = tonumber(os.getenv("BENCH_START_S"))
	local step = tonumber(os.getenv("BENCH_STEP_S") or "60")
	local devices = {}
	for d in string.gmatch(os.getenv("BENCH_DEVICES") or "", "[^,]+") do
		table.insert(devices, d)
	end
	local k = 0
	local post_headers = {
		["Authorization"] = "Bearer " .. token,
		["Content-Type"] = "application/json",
	}
	local get_headers = { ["Authorization"] = "Bearer " .. token }
	local post_path

	local function post()
		if post_path == nil then
			post_path = "/api/meter-reads/new/" .. devices[tid]
		end
		k = k + 1
		local body = string.format('{"type":"Delta","unit":"Wh","reads":' ..
		    '[{"endtimestamp":"%s","value":%d}]}',
		    os.date("!%Y-%m-%dT%H:%M:%S.000Z", start + k * step),
		    10 + (k * 7919) % 100)
		return wrk.format("POST", post_path, post_headers, body)
	end

	if mode == "post" then
		request = post
	else
		local paths = { "/api/health/live", os.getenv("BENCH_MY_PATH"),
		    os.getenv("BENCH_LIST_PATH") }
		local i = 0
		request = function()
			i = i + 1
			local r = i % 4
			if r == 0 then
				return post()
			end
			return wrk.format("GET", paths[r], get_headers)
		end
	end
end

function done(summary, latency, requests)
	local e = summary.errors
	io.write(string.format("RESULT requests=%d seconds=%.3f rps=%.1f " ..
	    "p50_ms=%.3f p99_ms=%.3f max_ms=%.3f errors=%d\n",
	    summary.requests, summary.duration / 1e6,
	    summary.requests / (summary.duration / 1e6),
	    latency:percentile(50) / 1e3, latency:percentile(99) / 1e3,
	    latency.max / 1e3,
	    e.connect + e.read + e.write + e.status + e.timeout))
end
