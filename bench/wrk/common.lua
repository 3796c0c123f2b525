-- Shared by the load scripts (run.sh puts this folder on LUA_PATH): the sign-in header, a random
-- seed per wrk thread, URL encoding and word lists.
--
-- Environment (set by run.sh):
--   XIELI_TOKEN      a session token; sent as "Authorization: Bearer …" (no CSRF header needed)
--   XIELI_SEED       seeds the request sequence of each thread (default 1), so runs repeat

local M = {}

local token = os.getenv("XIELI_TOKEN")
assert(token and token ~= "", "XIELI_TOKEN is not set: run the scripts through bench/run.sh")
wrk.headers["Authorization"] = "Bearer " .. token
wrk.headers["Accept-Language"] = "zh-CN"

local next_thread = 0

-- wrk calls setup() once per thread in its own Lua state, before the thread starts.
function M.setup(thread)
  next_thread = next_thread + 1
  thread:set("thread_number", next_thread)
end

-- Each thread's init(): its own, repeatable random sequence.
function M.init()
  local seed = tonumber(os.getenv("XIELI_SEED") or "1")
  math.randomseed(seed * 1000 + (thread_number or 0))
  for _ = 1, 10 do math.random() end
end

function M.urlencode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", c:byte()) end))
end

-- The non-empty lines of a file.
function M.lines(path)
  local f = assert(io.open(path, "r"), "cannot read " .. tostring(path))
  local out = {}
  for line in f:lines() do
    if line ~= "" then out[#out + 1] = line end
  end
  f:close()
  assert(#out > 0, path .. " is empty")
  return out
end

function M.pick(list)
  return list[math.random(1, #list)]
end

-- The standard picklist values (server/src/records/standard_objects.cpp).
M.industries = {"it", "manufacturing", "finance", "retail", "education", "healthcare", "real_estate",
                "logistics", "services", "government", "other"}
M.levels = {"a", "b", "c"}
M.sources = {"referral", "website", "exhibition", "cold_call", "advertising", "social", "partner", "other"}

return M
