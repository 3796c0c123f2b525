-- GET one customer by id.
--   XIELI_IDS        a file of ids the user may read (one per line), or
--   XIELI_CUSTOMERS  the number of customers: ids 1..N (the administrator sees them all)
local common = require("common")
setup = common.setup

local ids, max_id

function init()
  common.init()
  local file = os.getenv("XIELI_IDS")
  if file and file ~= "" then
    ids = common.lines(file)
  else
    max_id = assert(tonumber(os.getenv("XIELI_CUSTOMERS")), "set XIELI_IDS or XIELI_CUSTOMERS")
  end
end

function request()
  local id = ids and common.pick(ids) or math.random(1, max_id)
  return wrk.format("GET", "/api/v1/objects/customer/records/" .. id)
end
