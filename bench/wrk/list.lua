-- A list page as the customer list asks for it: 50 customers of one industry and level, most
-- recently updated first (GET /api/v1/objects/customer/records?limit=50&sort=-updated_at&filter=…).
--   XIELI_QUERY_EXTRA  appended to every query string, e.g. "&total=false" (the list counts its
--                      matches unless told not to)
local common = require("common")
setup = common.setup

local paths = {}

function init()
  common.init()
  for _, industry in ipairs(common.industries) do
    for _, level in ipairs(common.levels) do
      local filter = string.format(
        '{"and":[{"field":"industry","op":"eq","value":"%s"},{"field":"level","op":"eq","value":"%s"}]}',
        industry, level)
      paths[#paths + 1] = "/api/v1/objects/customer/records?limit=50&sort=-updated_at&filter=" ..
                          common.urlencode(filter) .. (os.getenv("XIELI_QUERY_EXTRA") or "")
    end
  end
end

function request()
  return wrk.format("GET", common.pick(paths))
end
