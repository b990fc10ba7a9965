-- wrk script: sends the requests of a request file written by io.streamgate.bench.loadgen.Payloads, in turn,
-- replacing "{seq}" in header values by a number unique to the run (delivery ids, CloudEvents ids), and prints a
-- machine-readable summary line with the percentiles wrk's own report lacks (p95, p99.9).
--   wrk -t2 -c64 -d10s -s requests.lua URL -- REQUEST_FILE RECORDS_PER_REQUEST
-- wrk is closed-loop: each connection waits for its answer before sending again, so its latencies suffer from
-- coordinated omission (a stall delays the requests that would have been sent meanwhile, and they go unmeasured).

local threads = {}
local counter = 0

function setup(thread)
   counter = counter + 1
   thread:set("thread_no", counter)
   table.insert(threads, thread)
end

local requests = {}
local next_index = 1
local seq = 0
local prefix

local function load(file)
   local f = assert(io.open(file, "rb"))
   while true do
      local count = f:read("*l")
      if not count then break end
      local headers = {}
      for _ = 1, tonumber(count) do
         local line = f:read("*l")
         local name, value = line:match("^([^:]+):%s*(.*)$")
         headers[name] = value
      end
      local length = tonumber(f:read("*l"))
      local body = f:read(length)
      f:read("*l")
      table.insert(requests, { headers = headers, body = body })
   end
   f:close()
end

function init(args)
   load(args[1])
   -- a prefix per thread and per run keeps ids unique across threads and across runs against the same broker
   prefix = string.format("%04x%02x", os.time() % 65536, thread_no or 0)
   next_index = ((thread_no or 1) * 7919) % #requests + 1
end

function request()
   local r = requests[next_index]
   next_index = next_index % #requests + 1
   seq = seq + 1
   local id = prefix .. string.format("%06x", seq)
   local headers = {}
   for name, value in pairs(r.headers) do
      headers[name] = value:gsub("{seq}", id)
   end
   return wrk.format("POST", nil, headers, r.body)
end

-- printing failures costs a callback per response, so only when asked to (WRK_DEBUG=1); wrk counts statuses
-- >= 400 itself (summary.errors.status)
if os.getenv("WRK_DEBUG") then
   local shown = 0
   function response(status, headers, body)
      if (status < 200 or status > 299) and shown < 3 then
         shown = shown + 1
         io.stderr:write("non-2xx " .. status .. ": " .. (body or ""):sub(1, 300) .. "\n")
      end
   end
end

function done(summary, latency, requests)
   local seconds = summary.duration / 1e6
   local e = summary.errors
   local errors = e.connect + e.read + e.write + e.timeout
   io.write(string.format(
      "WRK ok_per_s=%.1f requests=%d non2xx=%d errors=%d timeouts=%d p50=%.2f p95=%.2f p99=%.2f p999=%.2f max=%.2f\n",
      (summary.requests - e.status) / seconds, summary.requests, e.status, errors, e.timeout,
      latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
      latency:percentile(99.9) / 1000, latency.max / 1000))
end
