-- Keyword search over customers, 50 a page, as the list's search box sends it
-- (GET /api/v1/objects/customer/records?limit=50&q=…).
--   XIELI_KEYWORDS   a file of keywords, one per line (the generator writes
--                    <data-dir>/bench/keywords-{2,3,4}.txt: parts of real customer names)
--   XIELI_QUERY_EXTRA  appended to every query string, e.g. "&total=false"
local common = require("common")
setup = common.setup

local paths = {}

function init()
  common.init()
  for _, word in ipairs(common.lines(assert(os.getenv("XIELI_KEYWORDS"), "set XIELI_KEYWORDS"))) do
    paths[#paths + 1] = "/api/v1/objects/customer/records?limit=50&q=" .. common.urlencode(word) ..
                        (os.getenv("XIELI_QUERY_EXTRA") or "")
  end
end

function request()
  return wrk.format("GET", common.pick(paths))
end
