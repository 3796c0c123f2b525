-- Create a customer (POST /api/v1/objects/customer/records). Names and phone numbers are unique,
-- so the duplicate check (modules/crm/duplicate_check.h) lets every one through.
--   XIELI_RUN_ID     a number that differs from earlier runs' on the same data (run.sh counts
--                    runs in <data-dir>/bench/create-runs), so names and phones stay unique
local common = require("common")
setup = common.setup
-- In wrk.headers, not as wrk.format's argument: an argument replaces wrk.headers (and the token).
wrk.headers["Content-Type"] = "application/json"

local run_id, counter = tonumber(os.getenv("XIELI_RUN_ID") or "0"), 0
local regions = {
  {"广东省/深圳市/南山区", "南山区科技园路"}, {"上海市/上海市/浦东新区", "浦东新区世纪大道"},
  {"北京市/北京市/海淀区", "海淀区学府路"}, {"浙江省/杭州市/西湖区", "西湖区文化路"},
  {"四川省/成都市/武侯区", "武侯区人民路"},
}

function init()
  common.init()
end

function request()
  counter = counter + 1
  local region = common.pick(regions)
  -- 17x numbers: the generated customers use 13x, 15x and 18x only. 100 000 a thread and run.
  local phone = string.format("17%d%08d", thread_number % 10, (run_id * 100000 + counter) % 100000000)
  local body = string.format(
    '{"name":"压测新客户%d-%d-%d有限公司","phone":"%s","industry":"%s","level":"%s","source":"%s",' ..
    '"type":"company","status":"potential","region":"%s","address":"%s%d号"}',
    run_id, thread_number, counter, phone, common.pick(common.industries), common.pick(common.levels),
    common.pick(common.sources), region[1], region[2], math.random(1, 999))
  return wrk.format("POST", "/api/v1/objects/customer/records", nil, body)
end
